"""
Chinese word segmentation, the one place that knows the segmenter (rjieba, a binding of jieba-rs).

The database search backends (SQLite FTS5, PostgreSQL tsvector) treat a run of Chinese characters
as a single word, so 外包 would never match 服务外包产业. We index a segmented copy of each text and
segment queries the same way.

Why rjieba rather than jieba: the same dictionary and algorithm (jieba-rs is a port), so the same cuts,
but its dictionary takes ~35 MB in a process instead of jieba's ~80 MB and loads in ~0.2 s of CPU instead
of ~1 s. Two differences are evened out here so the index and the queries keep today's words exactly:
jieba splits Latin runs at the marks between letters and digits (`e-mail` → e - mail), and it looks for
the sub-words of search mode in its dictionary itself (`cut_for_search` below does the same).

`load()` runs when a web worker starts (ops/gunicorn.conf.py's `post_fork`), so no visitor's search waits
for the dictionary; any other process loads it on its first segmentation.
"""

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
DOMAIN_DICTIONARY = Path(__file__).resolve().parent / "dictionary.txt"
# How jieba cuts a run of letters, digits and marks that is not a dictionary word (its HMM step's `re_skip`):
# letters and digits together, a decimal and a percent sign stay with their number, each mark on its own.
LATIN_PARTS = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

_lock = threading.Lock()
_segmenter: ModuleType | None = None


def has_chinese(text: str) -> bool:
    return bool(CJK.search(text or ""))


def domain_words() -> Iterator[tuple[str, int | None, str | None]]:
    """The domain dictionary's entries, in jieba's user-dictionary format (`word [frequency] [tag]`)."""
    for line in DOMAIN_DICTIONARY.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        frequency = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        yield parts[0], frequency, (parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None)


def load() -> ModuleType:
    """The segmenter with the domain dictionary, loaded once per process (web workers: at start)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                # Imported here rather than at the top (a third-party import, so the layering rule allows it):
                # importing rjieba loads its 350,000-word dictionary (~35 MB, ~0.2 s), which only processes
                # that segment need. The task worker, the scheduler and most management commands never do.
                import rjieba

                for word, frequency, tag in domain_words():
                    rjieba.add_word(word, frequency, tag)
                _segmenter = rjieba
    return _segmenter


def cut(text: str) -> Iterator[str]:
    """jieba's default cut of a text, blanks included."""
    segmenter = load()
    for word in segmenter.cut(text):
        if CJK.search(word) or segmenter.has_word(word):
            yield word
        else:
            yield from (part for part in LATIN_PARTS.split(word) if part)


def cut_for_search(text: str) -> Iterator[str]:
    """jieba's search mode: each word, preceded by its two- and three-character dictionary sub-words."""
    segmenter = load()
    for word in cut(text):
        if len(word) > 2:
            yield from (gram for i in range(len(word) - 1) if segmenter.has_word(gram := word[i : i + 2]))
        if len(word) > 3:
            yield from (gram for i in range(len(word) - 2) if segmenter.has_word(gram := word[i : i + 3]))
        yield word


@lru_cache(maxsize=512)
def segment_for_index(text: str) -> str:
    """
    All words and their sub-words (search mode), space-separated: what documents are indexed as.

    Memoised: a page is indexed on every save (draft, publish, translation), with the same texts each time.
    """
    if not has_chinese(text):
        return ""
    return " ".join(word for word in cut_for_search(text) if word.strip())


def words(text: str) -> list[str]:
    """The words of a text in reading order (纯文本 → one word per dictionary word), without blanks."""
    if not has_chinese(text):
        return [word for word in text.split() if word]
    return [word.strip() for word in cut(text) if word.strip()]


def segment_query(text: str) -> str:
    """
    A query's words, space-separated, for an AND search; text without Chinese is returned unchanged.

    A long word is replaced by its dictionary sub-words (数字文化 → 数字 文化), because the index holds
    the sub-words of every long word but not every long word inside a longer one (数字文化贸易 indexes
    数字, 文化, 贸易 and 数字文化贸易, not 数字文化).
    """
    if not has_chinese(text):
        return text
    terms: list[str] = []
    for word in cut(text):
        if not word.strip():
            continue
        parts = [part for part in cut_for_search(word) if part != word and part.strip()]
        terms.extend(parts or [word])
    return " ".join(dict.fromkeys(terms))
