"""
Checking uploaded documents by their content, not their name.

Accepted: PDF, JPEG, PNG.
- A PDF must start with the PDF signature and open in pikepdf (qpdf): bytes that are not a PDF
  after the header are refused. Active content (JavaScript, launch and other actions, embedded
  files, rich media, XFA forms, automatic actions, and an open action that does anything but show a
  place in the document) is removed and the cleaned copy stored; a PDF with none keeps its original
  bytes (digital signatures of e-licences stay valid). What cannot be cleaned is refused.
- Images are checked for their pixel count from the header (before any pixel is decoded), fully
  decoded, turned upright by their EXIF orientation and re-encoded from the pixels alone: no EXIF
  (GPS position, camera serial), no comments, no text chunks, nothing appended survives.

The request body itself is capped while it streams in (home.upload_limits), before the form sees it.
"""

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

import pikepdf
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Checked from the header before any pixel is decoded (image bombs): 25 MP is 100 MB as RGBA in memory,
# far more than a licence scan needs (an A4 page at 300 dpi is 8.7 MP).
MAX_IMAGE_PIXELS = 25_000_000

PDF_SIGNATURE = b"%PDF-"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Actions that run something, leave the document or fetch/send data (PDF 2.0, 12.6.4). Page
# destinations (/GoTo), links (/URI) and view changes are left alone where a reader clicks them; what runs by
# itself when the file opens is stricter (see `_opens_inside_the_document`).
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/Movie",
    "/Sound",
    "/RichMediaExecute",
}
# Keys that hold scripts, automatic actions (/AA), attachments, multimedia or XFA forms wherever they appear.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA"}
# Annotations that carry files, media or 3D content.
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMediaContent", "/RichMediaExecute"}


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
        return CheckedFile(ContentFile(clean_pdf(data), name=f"{uuid.uuid4().hex}.pdf"), "application/pdf", "pdf")
    if data.startswith(JPEG_SIGNATURE) or data.startswith(PNG_SIGNATURE):
        return _reencode_image(data)
    raise ValidationError(_("Please upload a PDF, JPEG or PNG file."), code="bad_type")


# ------------------------------------------------------------------------------------------------
# PDF
# ------------------------------------------------------------------------------------------------
def _bad_pdf():
    return ValidationError(_("The PDF file is incomplete or damaged."), code="bad_pdf")


def _open_pdf(data: bytes) -> pikepdf.Pdf:
    if b"%%EOF" not in data[-2048:]:
        raise _bad_pdf()  # cut off (qpdf would reconstruct what it can: we want the whole file)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ValidationError(
            _("The PDF file is password-protected. Please upload it without a password."), code="encrypted_pdf"
        ) from None
    except Exception:
        raise _bad_pdf() from None
    try:
        if len(pdf.pages) == 0:
            raise _bad_pdf()
    except ValidationError:
        raise
    except Exception:
        raise _bad_pdf() from None
    return pdf


def _nested(obj):
    """`obj` and every dictionary and array written inside it (indirect objects are visited on their own)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            yield item
            children = [value for _key, value in item.items()]
        elif isinstance(item, pikepdf.Array):
            children = list(item)
        else:
            continue
        stack.extend(
            child
            for child in children
            if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect
        )


def _active_parts(obj) -> set[str]:
    found = set()
    for item in _nested(obj):
        found.update(str(key) for key in item.keys() if str(key) in ACTIVE_KEYS)  # noqa: SIM118 - pikepdf keys
        for name in ("/S", "/Type", "/Subtype"):
            value = str(item.get(name, ""))
            if value in ACTIVE_ACTIONS | ACTIVE_TYPES | ACTIVE_ANNOTATIONS:
                found.add(value)
    return found


def _opens_inside_the_document(open_action) -> bool:
    """
    Whether the document's /OpenAction only shows a place in the document: an explicit destination (an
    array), a named one (a name or string), or a /GoTo action with nothing chained after it (/Next).

    Anything else runs without a click when the secretariat opens the licence: a /URI makes some viewers
    offer (or go) to open the address, and /Launch, /JavaScript, /SubmitForm… do worse. Such an action is
    removed even where a clicked link with the same action would be kept.
    """
    if isinstance(open_action, (pikepdf.Array, pikepdf.Name, pikepdf.String)):
        return True
    if isinstance(open_action, pikepdf.Dictionary):
        return str(open_action.get("/S", "")) == "/GoTo" and "/Next" not in open_action
    return False


def active_content(pdf: pikepdf.Pdf) -> list[str]:
    """What active content the document holds, in any object of its file (not only the reachable ones)."""
    found = set()
    for obj in pdf.objects:
        found |= _active_parts(obj)
    if "/OpenAction" in pdf.Root and not _opens_inside_the_document(pdf.Root.OpenAction):
        found.add("/OpenAction")
    return sorted(found)


def _strip_dict(obj) -> None:
    for key in ACTIVE_KEYS:
        if key in obj:
            del obj[key]


def _strip_active_content(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    _strip_dict(root)
    if "/OpenAction" in root and not _opens_inside_the_document(root.OpenAction):
        del root["/OpenAction"]
    if "/Names" in root:
        _strip_dict(root.Names)
    if "/AcroForm" in root:
        _strip_dict(root.AcroForm)
        for field in root.AcroForm.get("/Fields", []):
            if isinstance(field, pikepdf.Dictionary):
                _strip_dict(field)
                if "/A" in field and _active_parts(field.A):
                    del field["/A"]
    for page in pdf.pages:
        _strip_dict(page.obj)
        if "/Annots" not in page.obj:
            continue
        kept = pikepdf.Array()
        for annotation in page.obj.Annots:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            if str(annotation.get("/Subtype", "")) in ACTIVE_ANNOTATIONS:
                continue
            if "/A" in annotation and _active_parts(annotation.A):
                continue
            _strip_dict(annotation)
            kept.append(annotation)
        page.obj.Annots = kept


def clean_pdf(data: bytes) -> bytes:
    """The PDF's bytes if it has no active content, else a rewritten copy without it; ValidationError otherwise."""
    with _open_pdf(data) as pdf:
        if not active_content(pdf):
            return data
        _strip_active_content(pdf)
        output = io.BytesIO()
        try:
            # qpdf writes only what is reachable from the trailer: removed scripts do not come along.
            pdf.save(output, linearize=False, fix_metadata_version=False)
        except Exception:
            raise _bad_pdf() from None
    cleaned = output.getvalue()
    with _open_pdf(cleaned) as check:
        if active_content(check):
            raise ValidationError(
                _(
                    "The PDF contains scripts or embedded files that could not be removed. "
                    "Please print it to PDF again."
                ),
                code="active_pdf",
            )
    return cleaned


# ------------------------------------------------------------------------------------------------
# Images
# ------------------------------------------------------------------------------------------------
def _too_many_pixels():
    return ValidationError(_("The image is too large."), code="too_many_pixels")


def _reencode_image(data: bytes) -> CheckedFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            # The header alone gives the size: refuse a bomb before decoding (or even verifying) it.
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels()
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise _too_many_pixels()
            is_png = image.format == "PNG"
            image.load()
            upright = ImageOps.exif_transpose(image)
            converted = upright.convert("RGBA" if is_png and upright.mode in ("RGBA", "LA", "P") else "RGB")
            # A new image from the pixels alone: no EXIF, ICC, comments or text chunks come along.
            clean = Image.new(converted.mode, converted.size)
            clean.paste(converted)
            output = io.BytesIO()
            if is_png:
                clean.save(output, format="PNG", optimize=False)
            else:
                clean.save(output, format="JPEG", quality=90)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise ValidationError(_("The image file is damaged or not a real JPEG/PNG."), code="bad_image") from None
    extension = "png" if is_png else "jpg"
    content_type = "image/png" if is_png else "image/jpeg"
    return CheckedFile(ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"), content_type, extension)
