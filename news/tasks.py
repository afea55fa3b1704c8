"""The news app's background tasks: registration e-mails, sent by the worker with retries."""

from django_tasks import task

from home.operations.background import BACKEND, EMAIL_QUEUE, retry_later

from .emails import send_registration_email


@task(backend=BACKEND, queue_name=EMAIL_QUEUE)
def registration_email(registration_id: int, kind: str, attempt: int = 1) -> bool:
    """One registration e-mail; a failure is recorded on the registration and retried later."""
    if send_registration_email(registration_id, kind):
        return True
    retry_later(registration_email, attempt, registration_id, kind)
    return False
