"""
Map links that work in mainland China: an Amap (高德地图) search for a Chinese address.

A search URL rather than coordinates (nobody has geocoded the seed's addresses) and rather than an
embedded map (no third-party script on our pages). Google Maps is blocked in mainland China.
"""

import re
from urllib.parse import quote

AMAP_SEARCH = "https://uri.amap.com/search?keyword={keyword}"
# A mainland address names a province, city, district or county (四川省, 成都市, 武侯区, 高新区…);
# "日本东京" (an exhibition in Tokyo) does not, and Amap would not find it.
MAINLAND_ADDRESS = re.compile(r"[\u4e00-\u9fff]+(省|市|区|县)")


def map_search_url(chinese_address: str) -> str:
    """The Amap search for `chinese_address`, or "" when it is not a mainland Chinese address."""
    address = " ".join((chinese_address or "").split())
    if not MAINLAND_ADDRESS.search(address):
        return ""
    return AMAP_SEARCH.format(keyword=quote(address))
