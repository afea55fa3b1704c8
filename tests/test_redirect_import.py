"""The old site's addresses: the shipped template imports through Wagtail's admin and the old URLs redirect."""

import csv
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.contrib.redirects.models import Redirect

import pytest

pytestmark = pytest.mark.django_db

SITE = "https://www.cdats.org.cn"  # the template's stand-in for the new site's address
TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "redirects-template.csv"


def template_rows() -> list[dict]:
    with TEMPLATE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def test_every_target_of_the_template_is_a_page_of_the_new_site(client):
    rows = template_rows()
    assert rows and all(row["from"].startswith("/") and row["to"].startswith(SITE) for row in rows)
    for row in rows:
        assert client.get(row["to"].removeprefix(SITE)).status_code == 200, row["to"]


def test_the_template_imports_through_the_admin_and_old_addresses_redirect(admin_client, client):
    assert admin_client.get("/admin/redirects/import/").status_code == 200
    upload = SimpleUploadedFile("redirects.csv", TEMPLATE.read_bytes(), content_type="text/csv")
    confirm = admin_client.post("/admin/redirects/import/", {"import_file": upload})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    headers = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', html)
    index = {label: value for value, label in headers}
    response = admin_client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": hidden(html, "import_file_name"),
            "input_format": hidden(html, "input_format"),
            "from_index": index["from"],
            "to_index": index["to"],
            "permanent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/admin/redirects/"

    rows = template_rows()
    assert Redirect.objects.count() == len(rows)
    for row in rows:
        old = client.get(row["from"])
        assert old.status_code == 301 and old["Location"] == row["to"], row
    dynamic = client.get("/index.php", {"id": "123", "a": "show", "c": "index", "catid": "9", "m": "content"})
    assert dynamic.status_code == 301  # query strings match in any order
    assert client.get("/html/no-such-page.html").status_code == 404
