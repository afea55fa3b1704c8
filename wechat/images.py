"""
Downloading an article's images from WeChat's image host, and checking them before they reach the library.

WeChat's image host refuses requests that carry a foreign `Referer` (it serves a "not to be quoted" picture
instead), so none is sent. Only the hosts in WECHAT_IMAGE_HOSTS are fetched, redirects included. An image
must decode completely with Pillow, in a format Wagtail serves, within a size and pixel budget.
"""

import hashlib
import io
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from PIL import Image as PILImage

TIMEOUT_SECONDS = 15
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
USER_AGENT = "CDATS-site WeChat import (+https://www.cdats.org.cn/)"


class ImageRejected(Exception):
    """An image that could not be downloaded or is not a usable picture; the message says why."""


@dataclass
class DownloadedImage:
    url: str
    data: bytes
    extension: str
    width: int
    height: int

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.data, usedforsecurity=False).hexdigest()


def allowed_host(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "") in set(settings.WECHAT_IMAGE_HOSTS)


class _OnlyImageHosts(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not allowed_host(newurl):
            raise ImageRejected(f"redirected away from WeChat's image host: {newurl[:120]}")
        redirected = super().redirect_request(req, fp, code, msg, headers, newurl)
        if redirected is not None:
            redirected.remove_header("Referer")
        return redirected


_opener = urllib.request.build_opener(_OnlyImageHosts)


def check(data: bytes, url: str = "") -> DownloadedImage:
    """The image's format and size, once Pillow has decoded all of it; ImageRejected otherwise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as picture:
                picture_format = picture.format
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    raise ImageRejected(f"{width}×{height} pixels is too large")
                picture.load()
    except ImageRejected:
        raise
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError, Warning) as error:
        raise ImageRejected(f"not a readable image ({error.__class__.__name__})") from error
    if picture_format not in EXTENSIONS:
        raise ImageRejected(f"unsupported image format {picture_format}")
    return DownloadedImage(url, data, EXTENSIONS[picture_format], width, height)


def download(url: str) -> DownloadedImage:
    """The checked image at `url`, fetched without a Referer."""
    if not allowed_host(url):
        raise ImageRejected(f"not on WeChat's image host: {url[:120]}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ImageRejected(f"HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
        raise ImageRejected(f"download failed ({error})") from error
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return check(data, url)
