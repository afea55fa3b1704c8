"""Chinese texts use full-width punctuation between Chinese characters, in the data and on the page."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every app ships its own seed content.
SEED_FILES = sorted(
    path for app in ("home", "news", "membership") for path in (ROOT / app / "seed_content").glob("**/*.json")
)

# Chinese characters and the punctuation that sits among them (、。“”《》—… and the full-width forms).
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"
# An ASCII ,:;!?() touching a Chinese character, with or without one space between them.
ASCII_NEXT_TO_CJK = re.compile(f"[{CJK}] ?[,:;!?()]|[,:;!?()] ?[{CJK}]")
SPACE_AT_FULL_WIDTH = re.compile("[ \u00a0][，：；！？（）、。]|[，：；！？（）、。][ \u00a0]")

# The one allow-list: reference entries under a 参考文献 heading follow GB/T 7714, whose separators are
# ASCII by the standard ("[4]作者.题名[J].刊名,2021(5):72-81.").
BIBLIOGRAPHY_HEADING = "参考文献"
BIBLIOGRAPHY_ENTRY = re.compile(r"^\[\d+\]")


def zh_texts(node, path=""):
    """(path, text) of every Chinese text in a seed file: titles, summaries, bodies, event facts."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "zh":
                items = value if isinstance(value, list) else [value]
                for index, text in enumerate(items):
                    if text:
                        yield (f"{path}.zh[{index}]" if isinstance(value, list) else f"{path}.zh"), text
            else:
                yield from zh_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from zh_texts(value, f"{path}[{index}]")


def bibliography_entries(data: dict) -> set[str]:
    """The items of each list that directly follows a 参考文献 heading."""
    entries = set()
    body = data.get("body") or []
    for heading, block in zip(body, body[1:], strict=False):
        if heading["type"] == "heading" and heading["zh"] == BIBLIOGRAPHY_HEADING and block["type"] == "list":
            entries.update(block["zh"])
    return entries


def checked_texts(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    exempt = bibliography_entries(data)
    for where, text in zh_texts(data):
        if text in exempt:
            assert BIBLIOGRAPHY_ENTRY.match(text), (path.name, where, text)
            continue
        yield where, text


def test_every_seed_file_is_checked():
    kinds = {path.parent.name for path in SEED_FILES}
    assert {"pages", "articles", "demo"} <= kinds
    assert sum(len(list(checked_texts(path))) for path in SEED_FILES) > 400


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_chinese_texts_use_full_width_punctuation(path):
    wrong = [
        (where, match.group(), text[max(0, match.start() - 10) : match.end() + 10])
        for where, text in checked_texts(path)
        for match in ASCII_NEXT_TO_CJK.finditer(text)
    ]
    assert wrong == []


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_chinese_brackets_pair_up_and_spaces_are_single(path):
    for where, text in checked_texts(path):
        assert text.count("（") == text.count("）"), (where, text)
        assert text.count("(") == text.count(")"), (where, text)
        assert "  " not in text, (where, text)
        assert text == text.strip(), (where, text)
        assert not SPACE_AT_FULL_WIDTH.search(text), (where, text)


def test_the_check_knows_what_belongs_in_ascii():
    """Times, numbers, codes and Latin runs keep ASCII; punctuation touching Chinese does not."""
    for fine in ("09:00-16:00", "27,826名", "3.5%", "support@cdats.org.cn", "RX Japan Ltd", "（ITO）"):
        assert not ASCII_NEXT_TO_CJK.search(fine), fine
    for wrong in ("销售,实现", "开启!", "酒店(成都", "老师: 1818", "外包(ITO)", "如下:"):
        assert ASCII_NEXT_TO_CJK.search(wrong), wrong


@pytest.mark.django_db
def test_a_chinese_article_shows_full_width_punctuation_in_its_title(client):
    html = client.get("/zh-hans/news/sales-salon-2024/").content.decode()
    heading = re.search(r"<h1>([^<]+)</h1>", html).group(1)
    assert heading == "学习华为销售，实现业绩倍增——2024《销售铁军之道》分享沙龙报名通道开启！"
    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    assert title.startswith("学习华为销售，实现业绩倍增")
    assert not ASCII_NEXT_TO_CJK.search(heading + title)
