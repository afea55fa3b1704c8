"""
Chinese word segmentation, the one place that knows about jieba.

The database search backends (SQLite FTS5, PostgreSQL tsvector) treat a run of Chinese characters
as a single word, so 外包 would never match 服务外包产业. We index a segmented copy of each text and
segment queries the same way. jieba has had no release since 2020: it stays pinned and behind this
module so it can be swapped for another segmenter without touching the rest of the site.
"""

import re
import threading
from functools import lru_cache
from pathlib import Path

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
DOMAIN_DICTIONARY = Path(__file__).resolve().parent / "dictionary.txt"

_lock = threading.Lock()
_tokenizer = None


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text or ""))


def _get_tokenizer():
    """Load jieba and our domain dictionary once per process, on first use (about a second)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.load_userdict(str(DOMAIN_DICTIONARY))
                _tokenizer = tokenizer
    return _tokenizer


@lru_cache(maxsize=512)
def segment_for_index(text: str) -> str:
    """
    All words and their sub-words (search mode), space-separated: what documents are indexed as.

    Memoised: a page is indexed on every save (draft, publish, translation), with the same texts each time.
    """
    if not has_chinese(text):
        return ""
    words = _get_tokenizer().cut_for_search(text)
    return " ".join(word for word in words if word.strip())


def words(text: str) -> list[str]:
    """The words of a text in reading order (纯文本 → one word per dictionary word), without blanks."""
    if not has_chinese(text):
        return [word for word in text.split() if word]
    return [word.strip() for word in _get_tokenizer().cut(text) if word.strip()]


def segment_query(text: str) -> str:
    """
    A query's words, space-separated, for an AND search; text without Chinese is returned unchanged.

    A long word is replaced by its dictionary sub-words (数字文化 → 数字 文化), because the index holds
    the sub-words of every long word but not every long word inside a longer one (数字文化贸易 indexes
    数字, 文化, 贸易 and 数字文化贸易, not 数字文化).
    """
    if not has_chinese(text):
        return text
    tokenizer = _get_tokenizer()
    terms: list[str] = []
    for word in tokenizer.cut(text):
        if not word.strip():
            continue
        parts = [part for part in tokenizer.cut_for_search(word) if part != word and part.strip()]
        terms.extend(parts or [word])
    return " ".join(dict.fromkeys(terms))
