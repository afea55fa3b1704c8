"""
Security settings: the Content-Security-Policy and other headers (home/security/headers.py), request limits,
the admin's sign-in (lockouts per (user name, IP) with django-axes, home/security/admin_login.py; a cap per account
across addresses, home/security/account_protection.py, whose docstring gives the order of the checks; the second
factor) and the public forms' protection against spam and abuse (home/security/spam.py).
"""

import os
from datetime import timedelta

from .env import env_bool, env_list

# Content-Security-Policy (django-csp 4, home/security/headers.py). Public pages: nothing inline, no
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
# Admin sign-in (home/security/admin_login.py)
# ------------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (user name, IP) pair before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Second: refuses an account locked for every address (unless it has a second factor); marks what is checked.
    "home.security.account_protection.AccountLockBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every worker and server
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # never the account alone, never the address alone
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_NEVER_LOCKOUT_GET = True
AXES_CLIENT_IP_CALLABLE = "home.security.spam.client_ip_or_none"
AXES_LOCKOUT_CALLABLE = "home.security.admin_login.lockout_response"
AXES_ENABLE_ADMIN = False  # Django's admin is not served; lockouts are in Wagtail's Settings menu
# Failed sign-ins per client IP (any user names) per window before that address must wait.
ADMIN_LOGIN_IP_LIMIT = (int(os.environ.get("ADMIN_LOGIN_IP_LIMIT", "100")), 3600)
# Wrong passwords per account (from every address together) per window before the account is protected: locked
# for ADMIN_LOGIN_ACCOUNT_LOCK_MINUTES unless it has a second factor; its owner and the administrators e-mailed.
ADMIN_LOGIN_ACCOUNT_LIMIT = (int(os.environ.get("ADMIN_LOGIN_ACCOUNT_LIMIT", "20")), 3600)
ADMIN_LOGIN_ACCOUNT_LOCK = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_ACCOUNT_LOCK_MINUTES", "60")))
# Password reset e-mails per address per window (and three times as many requests per IP).
ADMIN_PASSWORD_RESET_LIMIT = (int(os.environ.get("ADMIN_PASSWORD_RESET_LIMIT", "3")), 3600)

# The TOTP second factor (wagtail-2fa): when on, superusers and the groups given "Enable 2FA" (every group holding
# personal data or publishing rights, home/security/second_factor.py) must set up a device; other staff may.
# Off unless ADMIN_2FA_REQUIRED is set; production turns it on.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
WAGTAIL_2FA_REQUIRED = ADMIN_2FA_REQUIRED
OTP_TOTP_ISSUER = "CDATS"

# Private pages (home/security/private_pages.py): the password form as a page of the site, in the visitor's
# language; wrong page passwords per client IP per window (the shared cache; refused while it errors).
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "home/password_required.html"  # noqa: S105 - a template name
PAGE_PASSWORD_LIMIT = (int(os.environ.get("PAGE_PASSWORD_LIMIT", "10")), 3600)

# ------------------------------------------------------------------------------------------------
# Request limits (home.security.request_limits.RequestBodyLimitMiddleware): 413 over these, before the body
# is read. Public forms carry at most a 10 MB licence; the admin uploads images and documents.
# ------------------------------------------------------------------------------------------------
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(11 * 1024 * 1024)))
ADMIN_REQUEST_MAX_BYTES = int(os.environ.get("ADMIN_REQUEST_MAX_BYTES", str(100 * 1024 * 1024)))
# How many reverse proxies in front of the app append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# ------------------------------------------------------------------------------------------------
# Public forms: spam protection and rate limits (home/security/spam.py), registrations (news/registration_service.py)
# ------------------------------------------------------------------------------------------------
FORM_MIN_SUBMIT_SECONDS = int(os.environ.get("FORM_MIN_SUBMIT_SECONDS", "3"))
FORM_MAX_AGE_SECONDS = int(os.environ.get("FORM_MAX_AGE_SECONDS", str(24 * 3600)))
# (submissions, seconds): 60 an hour per IP lets 30 colleagues behind one company address register.
RATE_LIMIT_PER_IP = (int(os.environ.get("RATE_LIMIT_PER_IP", "60")), 3600)
RATE_LIMIT_PER_EMAIL = (int(os.environ.get("RATE_LIMIT_PER_EMAIL", "5")), 3600)
# Registrations per client IP and event a day (new ones and repeats alike): one office may register a
# delegation; nobody may probe a list of addresses against one event.
REGISTRATION_LIMIT_PER_IP_AND_EVENT = (int(os.environ.get("REGISTRATION_LIMIT_PER_IP_AND_EVENT", "20")), 86400)
# A repeat registration for an address already registered e-mails that address its details again, at
# most this many times a day per address and event.
REGISTRATION_REMINDER_LIMIT = (int(os.environ.get("REGISTRATION_REMINDER_LIMIT", "3")), 86400)
# E-mail confirmation mode: a registration holds its place for this many hours until the link in its
# e-mail is opened and confirmed; unconfirmed, it is cancelled (by the scheduler) and its places freed.
REGISTRATION_EMAIL_CONFIRMATION = env_bool("REGISTRATION_EMAIL_CONFIRMATION", False)
REGISTRATION_CONFIRMATION_HOURS = int(os.environ.get("REGISTRATION_CONFIRMATION_HOURS", "24"))
