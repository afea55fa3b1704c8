"""
Machine translation engines for wagtail-localize's editor, each on the vendor's official SDK.

- DeepL (`deepl`), with the association's glossary (glossary_zh_en.tsv) so terms come out as the site
  names them everywhere.
- Tencent Cloud TMT (`tencentcloud-sdk-python-tmt`): reachable from mainland China.

`engine_setting()` builds WAGTAILLOCALIZE_MACHINE_TRANSLATOR from the environment; with no engine
configured it is None and the editor shows no machine-translation button (the dummy translator, which
copies the Chinese, exists only in the test settings). Machine output is only ever a draft: the sync
dialog cannot publish, and publishing refuses Chinese.
"""

from pathlib import Path

GLOSSARY_FILE = Path(__file__).resolve().parent / "glossary_zh_en.tsv"


def glossary_entries() -> dict[str, str]:
    entries = {}
    for line in GLOSSARY_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            chinese, english = line.split("\t")
            entries.setdefault(chinese, english)
    return entries


def engine_setting(environ) -> dict | None:
    """The translator configuration for the environment: MACHINE_TRANSLATION_ENGINE picks one when both are set."""
    wanted = environ.get("MACHINE_TRANSLATION_ENGINE", "").lower()
    deepl = {"CLASS": "home.editorial.machine_translation.deepl.DeepLGlossaryTranslator"}
    tencent = {"CLASS": "home.editorial.machine_translation.tencent.TencentTranslator"}
    if environ.get("DEEPL_AUTH_KEY") and wanted in {"", "deepl"}:
        deepl["OPTIONS"] = {"AUTH_KEY": environ["DEEPL_AUTH_KEY"], "SERVER_URL": environ.get("DEEPL_SERVER_URL")}
        return deepl
    if environ.get("TENCENTCLOUD_SECRET_ID") and environ.get("TENCENTCLOUD_SECRET_KEY") and wanted in {"", "tencent"}:
        tencent["OPTIONS"] = {
            "SECRET_ID": environ["TENCENTCLOUD_SECRET_ID"],
            "SECRET_KEY": environ["TENCENTCLOUD_SECRET_KEY"],
            "REGION": environ.get("TENCENTCLOUD_REGION", "ap-chengdu"),
            "ENDPOINT": environ.get("TENCENTCLOUD_TMT_ENDPOINT", "tmt.tencentcloudapi.com"),
        }
        return tencent
    return None
