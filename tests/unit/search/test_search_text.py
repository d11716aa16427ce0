"""Indonesian-aware analysis (search/text.py), highlighting and "did you mean"."""

import pytest

from search import highlight, suggest, text


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("kemiskinan", "miskin"),  # ke-…-an
        ("pertanian", "tani"),  # per-…-an
        ("pembangunan", "bangun"),  # pem-…-an
        ("pengeluaran", "keluar"),
        ("susenas", "susenas"),  # acronyms stay
        ("2024", "2024"),  # numbers stay
    ],
)
def test_sastrawi_stems(word, root):
    assert text.stem(word) == root


def test_fold_removes_case_and_accents():
    assert text.fold("KÉMISKINAN Ñ") == "kemiskinan n"


def test_terms_drop_function_words_and_split_punctuation():
    assert text.terms("Kemiskinan di Kab_Pinrang, 3205015.7300") == [
        "miskin",
        "kab",
        "pinrang",
        "3205015",
        "7300",
    ]


def test_highlight_marks_inflected_forms_and_escapes():
    html = highlight.highlight("<b>Kemiskinan</b> & penduduk miskin", {"miskin"})
    assert html == ("&lt;b&gt;<mark>Kemiskinan</mark>&lt;/b&gt; &amp; penduduk <mark>miskin</mark>")


def test_snippet_starts_near_the_first_match():
    body = "awal " * 200 + "kemiskinan turun " + "akhir " * 200
    html = highlight.snippet(body, {"miskin"}, size=100)
    assert "<mark>kemiskinan</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 160


def test_mark_fragment_keeps_only_mark_tags():
    assert highlight.mark_fragment("<mark>IPM</mark> <script>") == "<mark>IPM</mark> &lt;script&gt;"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kemiskinan", "kemiskinn", 1), ("sakernas", "sakrenas", 1), ("pinrang", "pinrang", 0)],
)
def test_edit_distance(a, b, distance):
    assert suggest.edit_distance(a, b, 2) == distance


def test_closest_prefers_fewer_edits_then_frequency():
    vocabulary = [("kemiskinan", 5), ("kemiskinam", 50), ("pinrang", 9)]
    assert suggest.closest("kemiskinn", [("kemiskinan", 5), ("pinrang", 9)]) == "kemiskinan"
    assert suggest.closest("kemiskinaa", vocabulary) == "kemiskinam"  # tie at 1: more frequent
    assert suggest.closest("zzzzzzzz", vocabulary) is None
    assert suggest.closest("ipm", vocabulary) is None  # too short to correct


@pytest.mark.parametrize(
    ("word", "edits"),
    [
        ("ipm", 0),
        ("padi", 0),  # four letters: one edit makes another real word ("pada")
        ("barta", 1),
        ("kemiskin", 1),
        ("pembangnan", 2),
        ("kemiskinn", 2),
        ("st2023", 0),  # digits: an identifier, never corrected
        ("12345", 0),
    ],
)
def test_typo_tolerance_per_word_length(word, edits):
    """Meilisearch/Typesense's rule (issue #21): one typo from 5 letters, two from 9."""
    assert suggest.max_edits(word) == edits
