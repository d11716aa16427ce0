"""Highlights for result lists (pure, no Django apart from the HTML escaping helper).

The database backend matches on stems, so the database cannot point at the words that matched
in the original text; we mark them here instead: every word of the original whose stem is one
of the query's stems. The Elasticsearch backend gets its highlights from the server and only
uses :func:`mark_fragment` to make them safe.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from .text import TOKEN_RE, fold, stem

SNIPPET_CHARS = 240


def escape(text: str) -> str:
    """What ``django.utils.html.escape`` returns for a str (it is ``html.escape``), without its
    lazy-string wrapper, called once per word of every snippet."""
    return html.escape(text)


@lru_cache(maxsize=100_000)
def _forms(word: str) -> tuple[str, str]:
    """A word of the text as folded and as stemmed: a result page marks the same few thousand
    words again and again, and folding and stemming are the slow part of marking them."""
    folded = fold(word)
    return folded, stem(folded)


def _matches(word: str, stems: Collection[str]) -> bool:
    folded, stemmed = _forms(word)
    return folded in stems or stemmed in stems


def highlight(text: str, stems: Collection[str]) -> SafeString:
    """The whole ``text``, escaped, with matching words in ``<mark>``."""
    return _render(text, 0, len(text), stems)


def snippet(text: str, stems: Collection[str], size: int = SNIPPET_CHARS) -> SafeString:
    """About ``size`` characters of ``text`` around the first matching word, escaped and
    marked, with an ellipsis where text was cut. The start of the text when nothing matches."""
    if not text:
        return mark_safe("")
    first = next((m for m in TOKEN_RE.finditer(text) if _matches(m.group(), stems)), None)
    start = 0 if first is None else max(0, first.start() - size // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _render(text, start, end, stems) + suffix)


def _render(text: str, start: int, end: int, stems: Collection[str]) -> str:
    out = []
    position = start
    for match in TOKEN_RE.finditer(text, start, end):
        if _matches(match.group(), stems):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:end]))
    return mark_safe("".join(out))


_MARK_RE = re.compile(r"</?mark>")


def mark_fragment(fragment: str) -> SafeString:
    """An Elasticsearch highlight fragment (``<mark>`` tags around raw text) made safe: the text
    is escaped, only our own ``<mark>`` tags survive."""
    parts = _MARK_RE.split(fragment)
    tags = _MARK_RE.findall(fragment)
    out = [escape(parts[0])]
    for tag, part in zip(tags, parts[1:], strict=True):
        out.append(tag)
        out.append(escape(part))
    return mark_safe("".join(out))
