"""`manage.py expire_unconfirmed_registrations`: registrations unconfirmed by e-mail in time free their places."""

from django.core.management.base import BaseCommand

from news.registration_service import expire_unconfirmed


class Command(BaseCommand):
    help = (
        "Cancels the event registrations whose e-mail confirmation time has passed (REGISTRATION_EMAIL_CONFIRMATION) "
        "and offers their places to the waiting list. Idempotent; the scheduler runs it every five minutes."
    )

    def handle(self, *args, **options) -> None:
        expired = expire_unconfirmed()
        self.stdout.write(f"{expired} unconfirmed registration(s) expired")
