"""The membership app's background tasks: e-mails to applicants and the secretariat, with retries."""

from django_tasks import task

from home.operations.background import BACKEND, EMAIL_QUEUE, retry_later

from .emails import notify_secretariat, send_application_email


@task(backend=BACKEND, queue_name=EMAIL_QUEUE)
def application_email(application_id: int, kind: str, attempt: int = 1) -> bool:
    if send_application_email(application_id, kind):
        return True
    retry_later(application_email, attempt, application_id, kind)
    return False


@task(backend=BACKEND, queue_name=EMAIL_QUEUE)
def secretariat_notification(application_id: int, replied: bool = False, attempt: int = 1) -> bool:
    if notify_secretariat(application_id, replied=replied):
        return True
    retry_later(secretariat_notification, attempt, application_id, replied)
    return False
