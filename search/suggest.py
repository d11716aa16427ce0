""" "Did you mean": the nearest known word for each word the index does not know (pure)."""

from __future__ import annotations

from collections.abc import Iterable


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours),
    or ``limit + 1`` as soon as it must exceed ``limit``: typing errors are mostly one of those
    four (Damerau, 1964)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


MIN_ONE_TYPO = 5
MIN_TWO_TYPOS = 9


def max_edits(word: str) -> int:
    """Typo tolerance per word as the engines readers know count it (Meilisearch, Typesense):
    one typo in a word of 5 to 8 letters, two from 9; none in shorter words (IPM, NTT, padi:
    one edit turns them into other real words) or in anything with a digit (numbers,
    ``st2023``)."""
    if len(word) < MIN_ONE_TYPO or not word.isalpha():
        return 0
    return 1 if len(word) < MIN_TWO_TYPOS else 2


def closest(word: str, vocabulary: Iterable[tuple[str, int]]) -> str | None:
    """The known word nearest to ``word`` (ties: the more frequent, then alphabetical), or None
    when nothing is within :func:`max_edits`. ``vocabulary`` yields (word, frequency)."""
    limit = max_edits(word)
    if not limit:
        return None
    best: tuple[int, int, str] | None = None
    for candidate, frequency in vocabulary:
        if candidate == word:
            return None
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -frequency, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None
