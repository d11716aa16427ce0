"""Region abbreviations and former names in the search box (issue #21, search/regions.py)."""

from search.query import parse
from search.regions import Aliases, RegionEntry, alias_codes, alias_groups, bare_name

ENTRIES = [
    RegionEntry("3500", "Jawa Timur", ("Jatim", "East Java")),
    RegionEntry("3400", "DI Yogyakarta", ("DIY", "Yogyakarta", "Jogja")),
    RegionEntry("3471", "Kota Yogyakarta", ("Jogja", "Kota Jogja")),
    RegionEntry("7371", "Kota Makassar", ("Ujung Pandang", "73.71")),
    RegionEntry("3201", "Kabupaten Bogor"),
    RegionEntry("1100", "Aceh", ("NAD", "Prov. Aceh")),
]


def test_bare_name_drops_the_level_word():
    assert bare_name("Kota Makassar") == ("makassar",)
    assert bare_name("Provinsi Jawa Timur") == ("jawa", "timur")
    assert bare_name("Kota") == ("kota",)  # nothing else: kept


def test_expand_groups_put_the_official_name_first_and_skip_codes():
    groups = alias_groups(ENTRIES)
    assert (("jawa", "timur"), ("jatim",), ("east", "java")) in groups
    assert (("makassar",), ("ujung", "pandang")) in groups  # "73.71" is a code, not a name
    assert (("aceh",), ("nad",)) in groups  # "Prov. Aceh" is the name again
    assert not any(group[0] == ("bogor",) for group in groups)  # no aliases: no group


def test_expand_mode_matches_the_alias_or_the_name():
    query = parse("ipm jatim", alias_groups(ENTRIES))
    assert query.groups[1].alternatives == (("jatim",), ("jawa", "timur"), ("east", "java"))
    assert query.filters == {}


def test_filter_mode_turns_the_alias_into_the_region_filter():
    codes = alias_codes(ENTRIES)
    query = parse("kemiskinan Jatim", (), codes)
    assert [g.alternatives for g in query.groups] == [(("kemiskinan",),)]
    assert query.filters == {"region": "3500"}
    assert parse("ujung pandang", (), codes).filters == {"region": "7371"}


def test_a_shared_alias_goes_to_the_province_and_a_typed_filter_wins():
    codes = alias_codes(ENTRIES)
    assert codes[("jogja",)] == "3400"
    assert parse("hotel jogja wilayah:3471", (), codes).filters == {"region": "3471"}


def test_a_quoted_alias_stays_text():
    query = parse('"jatim"', (), alias_codes(ENTRIES))
    assert query.filters == {}
    assert query.groups[0].exact


def test_aliases_of_builds_both_forms():
    aliases = Aliases.of(ENTRIES)
    assert aliases.codes[("diy",)] == "3400"
    assert any(group[0] == ("di", "yogyakarta") for group in aliases.groups)
