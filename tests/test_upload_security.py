"""Uploaded licences: active PDF content removed, images stripped of metadata, bombs and oversized bodies refused."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings

import pikepdf
import pytest
from PIL import Image

from home.security.request_limits import RequestBodyLimitMiddleware
from membership.models import MembershipApplication
from membership.uploads import MAX_IMAGE_PIXELS, active_content, check_document
from tests.test_membership import application_data, stored_files


def _pdf(build=None) -> bytes:
    document = pikepdf.new()
    document.add_blank_page(page_size=(200, 200))
    if build:
        build(document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _with_javascript_open_action(document):
    document.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))


def _with_everything(document):
    script = document.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=document.make_stream(b"this.exportDataObject('x')"))
    )
    attachment = document.make_stream(b"MZ-not-a-licence", Type=pikepdf.Name.EmbeddedFile)
    document.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("run"), script])),
        EmbeddedFiles=pikepdf.Dictionary(
            Names=pikepdf.Array(
                [
                    pikepdf.String("x.exe"),
                    pikepdf.Dictionary(Type=pikepdf.Name.Filespec, EF=pikepdf.Dictionary(F=attachment)),
                ]
            )
        ),
    )
    page = document.pages[0].obj
    page.AA = pikepdf.Dictionary(O=script)
    page.Annots = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=[0, 0, 10, 10],
                A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
            ),
            pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.RichMedia, Rect=[0, 0, 10, 10]),
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=[20, 20, 30, 30],
                A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://www.example.org/")),
            ),
        ]
    )


def _checked(data: bytes, name="licence.pdf") -> bytes:
    return check_document(SimpleUploadedFile(name, data)).content.read()


def test_a_clean_pdf_is_stored_byte_for_byte():
    plain = _pdf()
    assert _checked(plain) == plain


def test_a_pdf_with_a_javascript_open_action_is_stored_clean():
    dirty = _pdf(_with_javascript_open_action)
    assert active_content(pikepdf.open(io.BytesIO(dirty)))
    stored = _checked(dirty)
    assert b"app.alert" not in stored
    with pikepdf.open(io.BytesIO(stored)) as document:
        assert active_content(document) == []
        assert "/OpenAction" not in document.Root and len(document.pages) == 1


def test_scripts_attachments_launch_actions_and_rich_media_are_removed_links_kept():
    stored = _checked(_pdf(_with_everything))
    for payload in (b"exportDataObject", b"MZ-not-a-licence", b"cmd.exe"):
        assert payload not in stored
    with pikepdf.open(io.BytesIO(stored)) as document:
        assert active_content(document) == []
        annotations = document.pages[0].obj.Annots
        assert [str(annotation.A.S) for annotation in annotations] == ["/URI"]


def test_a_page_destination_open_action_is_not_active_content():
    def open_at_first_page(document):
        document.Root.OpenAction = pikepdf.Array([document.pages[0].obj, pikepdf.Name.Fit])

    plain = _pdf(open_at_first_page)
    assert _checked(plain) == plain


def _uri_open_action(document):
    document.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/x"))


def _launch_open_action(document):
    document.Root.OpenAction = document.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    )


def _goto_then_uri_open_action(document):
    # A destination inside the document, with an address chained after it (/Next).
    document.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.GoTo,
        D=pikepdf.Array([document.pages[0].obj, pikepdf.Name.Fit]),
        Next=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/next")),
    )


def _document_additional_actions(document):
    document.Root.AA = pikepdf.Dictionary(
        WC=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://evil.example/on-close"))
    )


@pytest.mark.parametrize(
    ("build", "payload"),
    [
        (_uri_open_action, b"evil.example/x"),
        (_launch_open_action, b"calc.exe"),
        (_goto_then_uri_open_action, b"evil.example/next"),
        (_document_additional_actions, b"evil.example/on-close"),
    ],
    ids=["uri", "launch", "goto-then-uri", "document-aa"],
)
def test_an_open_action_that_leaves_the_document_is_removed(build, payload):
    dirty = _pdf(build)
    assert payload in dirty
    with pikepdf.open(io.BytesIO(dirty)) as document:
        assert active_content(document)
    stored = _checked(dirty)
    assert payload not in stored
    with pikepdf.open(io.BytesIO(stored)) as document:
        assert active_content(document) == []
        assert "/OpenAction" not in document.Root and "/AA" not in document.Root
        assert len(document.pages) == 1


@pytest.mark.parametrize(
    "open_action",
    [
        lambda document: pikepdf.Dictionary(
            S=pikepdf.Name.GoTo, D=pikepdf.Array([document.pages[0].obj, pikepdf.Name.Fit])
        ),
        lambda document: pikepdf.String("chapter-1"),
        lambda document: pikepdf.Name("/chapter-1"),
    ],
    ids=["goto-action", "named-destination-string", "named-destination-name"],
)
def test_an_open_action_that_shows_a_place_in_the_document_is_kept_byte_for_byte(open_action):
    def build(document):
        document.Root.OpenAction = open_action(document)

    plain = _pdf(build)
    assert _checked(plain) == plain


@pytest.mark.django_db
def test_the_membership_form_stores_a_licence_without_its_uri_open_action(client):
    dirty = _pdf(_uri_open_action)
    data = application_data(licence_file=SimpleUploadedFile("licence.pdf", dirty, content_type="application/pdf"))
    assert client.post("/en/join/", data).status_code == 302
    stored = MembershipApplication.objects.get().licence_file.read()
    assert b"evil.example" not in stored and stored.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(stored)) as document:
        assert "/OpenAction" not in document.Root


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF",
        b"%PDF-1.4\n" + b"\x00" * 5000,
        _pdf()[:300],
    ],
)
def test_bytes_that_are_not_a_pdf_after_the_header_are_refused(data):
    with pytest.raises(ValidationError) as refused:
        _checked(data)
    assert refused.value.code == "bad_pdf"


def test_a_password_protected_pdf_is_refused():
    document = pikepdf.new()
    document.add_blank_page()
    output = io.BytesIO()
    document.save(output, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(ValidationError) as refused:
        _checked(output.getvalue())
    assert refused.value.code == "encrypted_pdf"


def _jpeg_with_script_comment_and_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 39.0, 36.0), 3: "E", 4: (104.0, 3.0, 36.0)}  # GPS: Chengdu
    output = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(
        output, format="JPEG", comment=b"<script>alert(document.cookie)</script>", exif=exif.tobytes()
    )
    return output.getvalue()


def test_a_jpeg_with_a_script_in_its_comment_and_gps_exif_is_stored_clean():
    dirty = _jpeg_with_script_comment_and_gps()
    assert b"<script>" in dirty and b"SpyCam" in dirty
    stored = _checked(dirty, "licence.jpg")
    assert b"<script>" not in stored and b"SpyCam" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        assert "comment" not in image.info and not image.getexif()


def test_a_png_with_text_chunks_is_stored_clean():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<svg onload=alert(1)>")
    output = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(output, format="PNG", pnginfo=info)
    stored = _checked(output.getvalue(), "licence.png")
    assert b"onload" not in stored and Image.open(io.BytesIO(stored)).info == {}


def test_a_pixel_bomb_is_refused_from_its_header():
    side = int(MAX_IMAGE_PIXELS**0.5) + 10
    output = io.BytesIO()
    Image.new("1", (side, side)).save(output, format="PNG")  # small file, 25+ megapixels
    with pytest.raises(ValidationError) as refused:
        _checked(output.getvalue(), "bomb.png")
    assert refused.value.code == "too_many_pixels"


@pytest.mark.django_db
def test_the_membership_form_stores_the_cleaned_pdf(client):
    dirty = _pdf(_with_javascript_open_action)
    data = application_data(licence_file=SimpleUploadedFile("licence.pdf", dirty, content_type="application/pdf"))
    assert client.post("/en/join/", data).status_code == 302
    application = MembershipApplication.objects.get()
    stored = application.licence_file.read()
    assert b"app.alert" not in stored and stored.startswith(b"%PDF-")


class _RecordingInput:
    def __init__(self):
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = b"x" * (size if size and size > 0 else 1024)
        self.bytes_read += len(chunk)
        return chunk

    readline = read


def test_an_oversized_upload_gets_413_before_its_body_is_read():
    stream = _RecordingInput()
    request = RequestFactory().post(
        "/en/join/", data=b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    request.environ["wsgi.input"] = stream
    reached = []
    response = RequestBodyLimitMiddleware(lambda request: reached.append(request))(request)
    assert response.status_code == 413
    assert stream.bytes_read == 0 and reached == []
    assert "The upload is too large" in response.content.decode()


@pytest.mark.django_db
@override_settings(REQUEST_MAX_BYTES=200_000)
def test_an_oversized_upload_through_the_stack_gets_a_translated_413(client):
    big = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n" + b"0" * 300_000, content_type="application/pdf")
    before = set(stored_files())
    response = client.post("/zh-hans/join/", application_data(licence_file=big))
    assert response.status_code == 413
    assert "上传的文件过大" in response.content.decode()
    assert MembershipApplication.objects.count() == 0
    assert set(stored_files()) == before


@override_settings(REQUEST_MAX_BYTES=1000)
def test_a_body_longer_than_its_declared_length_is_cut_off_while_reading():
    from home.security.request_limits import RequestTooLarge

    request = RequestFactory().post("/en/join/", data=b"", content_type="application/x-www-form-urlencoded")
    request._stream = io.BytesIO(b"a=" + b"x" * 5000)  # a server streaming more than it declared
    request.META["CONTENT_LENGTH"] = "10"

    def view(request):
        return request.read()

    with pytest.raises(RequestTooLarge):
        RequestBodyLimitMiddleware(view)(request)
