"""
The segmenter keeps the words search was built on: every Chinese text of the seed content is cut as jieba 0.42.1
with the domain dictionary cut it (recorded in tests/data), in reading order and in search mode; web workers load
it as they start.
"""

import json
import runpy
from pathlib import Path

import pytest

from home.search import chinese

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "tests" / "data" / "segmentation-jieba-0.42.1.json").read_text(encoding="utf-8"))
SUB_WORDS = {word: grams.split() for word, grams in REFERENCE["sub_words"].items()}


def test_the_reference_covers_the_seed_content():
    assert len(REFERENCE["cuts"]) > 400
    assert sum(len(text) for text, _words in REFERENCE["cuts"]) > 25_000


def test_every_recorded_text_is_cut_into_the_same_words():
    different = [(text, expected) for text, expected in REFERENCE["cuts"] if chinese.words(text) != expected.split()]
    assert different == []


def test_every_recorded_text_is_indexed_with_the_same_words_and_sub_words():
    def expected_index(words: str) -> str:
        return " ".join(part for word in words.split() for part in [*SUB_WORDS.get(word, []), word])

    different = [text for text, words in REFERENCE["cuts"] if chinese.segment_for_index(text) != expected_index(words)]
    assert different == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("服务外包产业发展情况", ["服务外包", "产业", "发展情况"]),  # the domain dictionary wins over 外/包
        ("e-mail地址", ["e", "-", "mail", "地址"]),  # Latin runs split at their marks, as jieba did
        ("增长3.5%", ["增长", "3.5%"]),
        ("C++开发", ["C++", "开发"]),
    ],
)
def test_domain_terms_and_latin_runs(text, words):
    assert chinese.words(text) == words


def test_queries_use_the_sub_words_the_index_holds():
    assert chinese.segment_query("数字文化") == "数字 文化"
    assert chinese.segment_query("外包") == "外包"
    assert chinese.segment_query("only English") == "only English"


def test_a_web_worker_loads_the_segmenter_as_it_starts(monkeypatch):
    loaded = []
    monkeypatch.setattr(chinese, "load", lambda: loaded.append(True))
    monkeypatch.setenv("WEB_CONCURRENCY", "2")  # the config writes it back to the environment
    config = runpy.run_path(str(ROOT / "ops" / "gunicorn.conf.py"))
    assert "preload_app" not in config  # a graceful reload must load the new code
    config["post_fork"](server=None, worker=None)
    assert loaded == [True]
