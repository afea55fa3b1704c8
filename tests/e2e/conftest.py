"""
Fixtures of the browser suite: one e2e site and one Chromium per run, a fresh browser context per test.

This folder is not part of `make test` (pyproject's addopts ignore it) and runs with its own pytest.ini
(`make e2e`), without pytest-django: the site under test is a separate server process with its own
database, and the tests only see it through the browser, as a visitor does.
"""

import os
import shutil
from types import SimpleNamespace

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.browser import VIEWPORTS, Screenshots, launch_chromium
from tests.e2e.server import ARTIFACTS, running_site

# Failing fast: the site answers local requests in milliseconds, so 10 s means something is wrong.
ACTION_TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's report on the test item, so fixtures can tell whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def site():
    # Screenshots of failures belong to this run only (journey screenshots are replaced per journey).
    shutil.rmtree(ARTIFACTS / "failures", ignore_errors=True)
    if os.environ.get("E2E_BASE_URL"):
        # While writing a test: reuse a site from `python -m tests.e2e.server` (state carries over).
        yield SimpleNamespace(base_url=os.environ["E2E_BASE_URL"].rstrip("/"), mail_dir=ARTIFACTS / "mail")
        return
    with running_site() as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def open_page(request, site, browser, viewport):
    """`open_page(locale)`: a page in a new context (own cookies) on this test's viewport."""
    contexts = []

    def open_page(locale: str = "zh-CN"):
        context = browser.new_context(base_url=site.base_url, locale=locale, **VIEWPORTS[viewport])
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for index, context in enumerate(contexts):
        if failed:
            # The state the test saw when it failed, beside the journey's own screenshots.
            folder = ARTIFACTS / "failures"
            folder.mkdir(parents=True, exist_ok=True)
            for number, page in enumerate(context.pages):
                page.screenshot(path=folder / f"{request.node.name}-{index}-{number}.png", full_page=True)
        context.close()


@pytest.fixture
def shots(request, viewport) -> Screenshots:
    """Step screenshots of this journey on this viewport; the journey is the test's name."""
    journey = request.node.originalname.removeprefix("test_")
    return Screenshots(ARTIFACTS, journey, viewport)
