"""
Map links a reader can use: Amap (高德地图) for Chinese readers, OpenStreetMap for everyone else.

A search URL rather than coordinates (nobody has geocoded the seed's addresses) and rather than an embedded
map (no third-party script on our pages). Google Maps is blocked in mainland China; Amap's pages are in
Chinese only, so a foreign visitor gets OpenStreetMap, whose interface follows the browser's language. Its map
data in China is named in Chinese, so the search is for the Chinese address there too.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

AMAP_SEARCH = "https://uri.amap.com/search?keyword={keyword}"
OSM_SEARCH = "https://www.openstreetmap.org/search?query={keyword}"
# A mainland address names a province, city, district or county (四川省, 成都市, 武侯区, 高新区…);
# "日本东京" (an exhibition in Tokyo) does not, and neither map would find it.
MAINLAND_ADDRESS = re.compile(r"[\u4e00-\u9fff]+(省|市|区|县)")


@dataclass(frozen=True)
class MapLink:
    url: str
    service: str  # "amap" or "osm"


def map_search_url(chinese_address: str) -> str:
    """The Amap search for `chinese_address`, or "" when it is not a mainland Chinese address."""
    link = map_link_for(chinese_address, "zh-hans")
    return link.url if link else ""


def map_link_for(chinese_address: str, language: str) -> MapLink | None:
    """The map search for a mainland Chinese address in the reader's language, or None for other addresses."""
    address = " ".join((chinese_address or "").split())
    if not MAINLAND_ADDRESS.search(address):
        return None
    if (language or "").lower().startswith("zh"):
        return MapLink(AMAP_SEARCH.format(keyword=quote(address)), "amap")
    return MapLink(OSM_SEARCH.format(keyword=quote(address)), "osm")
