"""Debian's Chromium under Playwright, the two viewports every journey runs on, and step screenshots."""

import os
import re
import shutil
from pathlib import Path

# Playwright's own browser download cannot work here (and CI must not depend on it): we drive the
# distribution's Chromium. The flags keep it from phoning home and from needing a GPU or a sandbox
# (CI runs as root in a container, where Chromium's sandbox cannot start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# A current Chrome on Android: the site has no user-agent sniffing, but a real phone sends this.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Mobile Safari/537.36"
)

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    # 360 px is the narrowest common Android width. Scale factor 1 keeps screenshots small; layout and
    # media queries depend on CSS pixels only.
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "user_agent": PHONE_USER_AGENT,
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
}


def chromium_path() -> str:
    path = os.environ.get("E2E_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: `apt-get install chromium` (make e2e-install does it)")
    return path


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class Screenshots:
    """Numbered full-page screenshots: artifacts/screenshots/<journey>/<viewport>/01-<step>.png."""

    def __init__(self, root: Path, journey: str, viewport: str):
        self.folder = root / "screenshots" / journey / viewport
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def take(self, page, step: str) -> Path:
        self.count += 1
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path
