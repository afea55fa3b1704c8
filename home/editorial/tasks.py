"""The editorial machinery's background task: the review loop's e-mails, with retries (home.operations.background)."""

from django_tasks import task

from home.editorial.translation_review_emails import send_review_email
from home.operations.background import BACKEND, EMAIL_QUEUE, retry_later


@task(backend=BACKEND, queue_name=EMAIL_QUEUE)
def review_email(review_id: int, kind: str, recipient_id: int, attempt: int = 1) -> bool:
    if send_review_email(review_id, kind, recipient_id):
        return True
    retry_later(review_email, attempt, review_id, kind, recipient_id)
    return False
