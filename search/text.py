"""Text analysis shared by indexing and querying in the database backend (pure, no Django).

Indonesian readers type without accents, in any case, and in any inflection: "kemiskinan",
"Miskin" and "MISKIN" must find the same publications. Indexing and querying therefore pass
every text through the same steps: accent and case folding, tokenising on letters and digits,
dropping a short list of function words, and stemming with Sastrawi (Nazief–Adriani, the
stemmer used for Indonesian IR). The database then only ever compares finished tokens, so SQLite
FTS5 and PostgreSQL's ``simple`` configuration behave the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters and digits only: FTS5's unicode61 tokenizer and PostgreSQL's parser both treat
# everything else (underscore included) as a separator, so we split the same way.
TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Function words that carry no meaning in a title or a query. Deliberately short: Sastrawi's own
# list also drops words such as "tahun" or "baru" that do matter in statistical titles.
_STOPWORDS_TEXT = """
    dan di ke dari yang untuk dengan pada dalam atau ini itu oleh sebagai adalah serta bagi
    tentang terhadap secara per the of and in for on by to a an
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def fold(text: str) -> str:
    """Case and accent folding: ``"Déjà VU"`` → ``"deja vu"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``, function words included (for phrases and highlighting)."""
    return TOKEN_RE.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer():
    # On first use only: building Sastrawi's stemmer reads its whole dictionary, a cost the
    # processes that never stem (workers, migrations, most commands) should not pay.
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Sastrawi's root of one folded word; numbers and short words stay as they are.

    Cached: a catalogue's vocabulary is a few tens of thousands of words, and Sastrawi's
    dictionary look-ups are the slow part of indexing.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def terms(text: str) -> list[str]:
    """The index terms of ``text``: folded, stemmed, function words dropped, order kept."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def analyzed(text: str) -> str:
    """``terms`` joined by spaces: what the database backend stores and matches on."""
    return " ".join(terms(text))


def plain(text: str) -> str:
    """Folded words joined by spaces, unstemmed: for title autocomplete and suggestions."""
    return " ".join(words(text))
