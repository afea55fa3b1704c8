"""`manage.py ensure_admin`: make sure an editor account exists and say how to log in."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".admin-credentials"


class Command(BaseCommand):
    help = (
        "Creates a superuser from ADMIN_USERNAME / ADMIN_PASSWORD / ADMIN_EMAIL, or 'admin' with a generated "
        "password kept in the git-ignored .admin-credentials file, and prints how to log in."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "")
        email = os.environ.get("ADMIN_EMAIL", "admin@example.org")
        User = get_user_model()
        user = User.objects.filter(username=username).first()

        if user is None:
            password = password or self.stored_password(username) or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            self.store_password(username, password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        else:
            password = self.stored_password(username) or "(unchanged; set ADMIN_PASSWORD to reset it)"

        base = settings.SITE_BASE_URL
        self.stdout.write(self.style.SUCCESS(f"Admin: {base}/admin/  user: {username}  password: {password}"))

    @staticmethod
    def stored_password(username: str) -> str:
        if not CREDENTIALS_FILE.exists():
            return ""
        stored_user, _sep, stored_password = CREDENTIALS_FILE.read_text().strip().partition(":")
        return stored_password if stored_user == username else ""

    @staticmethod
    def store_password(username: str, password: str) -> None:
        CREDENTIALS_FILE.write_text(f"{username}:{password}\n")
        CREDENTIALS_FILE.chmod(0o600)
