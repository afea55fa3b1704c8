"""
Security settings: the Content-Security-Policy and other headers (home/security_headers.py), and the admin's
sign-in: lockouts per (user name, IP) with django-axes (home/admin_login.py) and the optional second factor.
"""

import os
from datetime import timedelta

from .env import env_bool, env_list

# Content-Security-Policy (django-csp 4, home/security_headers.py). Public pages: nothing inline, no
# nonce (pages may be cached whole), nothing from other origins except embedded video players.
# JSON-LD (<script type="application/ld+json">) is a data block browsers never execute; script-src does
# not apply to it.
EMBED_FRAME_ORIGINS = env_list(
    "EMBED_FRAME_ORIGINS",
    "https://player.bilibili.com,https://v.qq.com,https://player.youku.com,"
    "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# The Wagtail admin (its page preview and the wagtail-localize editor included) renders inline scripts
# and style attributes, so its policy allows inline code, but still nothing from another origin except
# images (editors paste image URLs, embed thumbnails) and embed previews.
ADMIN_CSP_URL_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # 'unsafe-eval': Wagtail's core.js builds some functions with `new Function` at run time.
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'", *EMBED_FRAME_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Every powerful browser feature off; embedded players may go full screen.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), serial=(), "
    "fullscreen=(self " + " ".join(f'"{origin}"' for origin in EMBED_FRAME_ORIGINS) + ")"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# ------------------------------------------------------------------------------------------------
# Admin sign-in (home/admin_login.py)
# ------------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (user name, IP) pair before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every worker and server
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # never the account alone, never the address alone
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_NEVER_LOCKOUT_GET = True
AXES_CLIENT_IP_CALLABLE = "home.spam.client_ip_or_none"
AXES_LOCKOUT_CALLABLE = "home.admin_login.lockout_response"
AXES_ENABLE_ADMIN = False  # Django's admin is not served; lockouts are in Wagtail's Settings menu
# Failed sign-ins per client IP (any user names) per window before that address must wait.
ADMIN_LOGIN_IP_LIMIT = (int(os.environ.get("ADMIN_LOGIN_IP_LIMIT", "100")), 3600)
# Password reset e-mails per address per window (and three times as many requests per IP).
ADMIN_PASSWORD_RESET_LIMIT = (int(os.environ.get("ADMIN_PASSWORD_RESET_LIMIT", "3")), 3600)

# The TOTP second factor (wagtail-2fa): when on, superusers (and groups given "Enable 2FA") must set up
# a device; other staff may. Off unless ADMIN_2FA_REQUIRED is set; production turns it on.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
WAGTAIL_2FA_REQUIRED = ADMIN_2FA_REQUIRED
OTP_TOTP_ISSUER = "CDATS"
