"""
Optional error reporting to Sentry (or a self-hosted Sentry), with personal data scrubbed before sending.

Imported by the settings, so it imports nothing of Django's models. `init_error_reporting` runs only
when `SENTRY_DSN` is set. Nothing an applicant typed reaches the report: no form fields or request
bodies, no cookies or session/CSRF headers, no user e-mail or IP, no local variables of stack frames, and
every e-mail address or phone number left anywhere in the event (messages, URLs, breadcrumbs) is masked.
"""

from home.operations.log import redact

DROPPED_HEADERS = {"cookie", "authorization", "x-csrftoken", "x-forwarded-for", "x-real-ip", "proxy-authorization"}


def _redact_everything(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redact_everything(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_everything(item) for item in value]
    return value


def _drop_frame_variables(event: dict) -> None:
    containers = [*(event.get("exception") or {}).get("values", []), *(event.get("threads") or {}).get("values", [])]
    for container in containers:
        for frame in (container.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's `before_send`: the event without personal data."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            kept = {name: value for name, value in headers.items() if name.lower() not in DROPPED_HEADERS}
            request["headers"] = kept
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    _drop_frame_variables(event)
    for key in ("extra", "contexts"):
        (event.get(key) or {}).pop("form", None)
    return _redact_everything(event)


def init_error_reporting(dsn: str, environment: str = "production", release: str = "") -> None:
    # Imported here, only when SENTRY_DSN is set (a third-party import, which the layering rule allows): the SDK and
    # its Django integration cost ~0.3 s of CPU at every worker's start, for nothing on a site without Sentry.
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        # No user, IP or cookies are sent by default (send_default_pii stays off); scrub_event makes sure.
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_breadcrumb=lambda crumb, hint: _redact_everything(crumb),
        traces_sample_rate=0.0,
    )
