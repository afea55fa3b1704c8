"""The e-mails the e2e server sent: Django's file backend writes one file per connection under artifacts/mail."""

import email
import time
from email.policy import default
from pathlib import Path


def sent_messages(mail_dir: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        # Each message in a file ends with a line of 79 dashes.
        for raw in path.read_text(encoding="utf-8").split("\n" + "-" * 79 + "\n"):
            if raw.strip():
                messages.append(email.message_from_string(raw.strip(), policy=default))
    return messages


def messages_to(mail_dir: Path, address: str) -> list[email.message.EmailMessage]:
    return [message for message in sent_messages(mail_dir) if address in str(message.get("To", ""))]


def wait_for_messages_to(
    mail_dir: Path, address: str, timeout: float = 30, at_least: int = 1
) -> list[email.message.EmailMessage]:
    """The messages to `address`, waiting (for `at_least` of them) for the task worker that sends them."""
    deadline = time.monotonic() + timeout
    while True:
        found = messages_to(mail_dir, address)
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        # A file another process writes: no browser wait applies.
        time.sleep(0.25)
