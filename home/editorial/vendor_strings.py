"""
Strings of third-party admin screens (wagtail-2fa, django-axes: no Chinese catalogue) that our catalogue translates.

Listed here with gettext_noop so that `makemessages` keeps them in locale/zh_Hans; nothing imports this module.
"""

from django.utils.translation import gettext_noop

WAGTAIL_2FA = [
    gettext_noop("OTP token"),
    gettext_noop("Enter the numeric code displayed on your device after scanning the QR code"),
    gettext_noop("The human-readable name of this device."),
    gettext_noop("Current password"),
    gettext_noop("As an extra security measure, we need your current password."),
    gettext_noop("Invalid token. Please make sure you have entered it correctly."),
    gettext_noop("Invalid password"),
    gettext_noop("Delete 2FA device"),
    gettext_noop("Two Factor Settings"),
    gettext_noop("Do you want to delete the device?"),
    gettext_noop("Remove device"),
    gettext_noop("Add new 2FA device"),
    gettext_noop("QR Code"),
    gettext_noop("If you're unable to scan the image, try pasting the following into your app:"),
    gettext_noop("Registered 2FA devices"),
    gettext_noop("Update device"),
    gettext_noop("There are no devices for this user."),
    gettext_noop("New device"),
    gettext_noop("Enter your two-factor authentication code"),
    gettext_noop("Invalid code"),
    gettext_noop("Device #%s"),
    gettext_noop("Manage your 2FA devices"),
    gettext_noop("Add or remove devices for 2 factor authentication."),
    gettext_noop("Manage 2FA"),
]

# django-axes (no Chinese catalogue): the names of its lockout records and their fields on Settings → Sign-in lockouts.
DJANGO_AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Username"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
]
