"""Private file storage for licences: outside MEDIA_ROOT, with no public URL at all."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files here are only ever streamed by a view that checks the user's permission."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()
