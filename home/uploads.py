"""
Checking uploaded documents by their content, not their name.

Accepted: PDF, JPEG, PNG. A PDF must start with the PDF signature and contain no HTML or script
preamble; images are opened with Pillow (with its decompression-bomb guard), fully decoded, and
re-encoded, so what is stored is a clean image whatever the upload carried besides the pixels.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from PIL import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Checked from the header before any pixel is decoded (image bombs); a licence scan needs far fewer.
MAX_IMAGE_PIXELS = 40_000_000

PDF_SIGNATURE = b"%PDF-"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class CheckedFile:
    content: ContentFile
    content_type: str
    extension: str


def check_document(upload) -> CheckedFile:
    """Validate an uploaded licence or certificate; returns a safe copy under a generated name."""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")

    if data.startswith(PDF_SIGNATURE):
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("The PDF file is incomplete or damaged."), code="bad_pdf")
        return CheckedFile(ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "application/pdf", "pdf")
    if data.startswith(JPEG_SIGNATURE) or data.startswith(PNG_SIGNATURE):
        return _reencode_image(data)
    raise ValidationError(_("Please upload a PDF, JPEG or PNG file."), code="bad_type")


def _reencode_image(data: bytes) -> CheckedFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The image is too large."), code="too_many_pixels")
            image.load()
            is_png = image.format == "PNG"
            converted = image.convert("RGBA" if is_png and image.mode in ("RGBA", "LA", "P") else "RGB")
            output = io.BytesIO()
            converted.save(output, format="PNG" if is_png else "JPEG", quality=90)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image is too large."), code="too_many_pixels") from None
    except Exception:
        raise ValidationError(_("The image file is damaged or not a real JPEG/PNG."), code="bad_image") from None
    extension = "png" if is_png else "jpg"
    content_type = "image/png" if is_png else "image/jpeg"
    return CheckedFile(ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"), content_type, extension)
