"""The search reads region names and aliases from the region master (issue #21)."""


def test_the_site_reads_its_entries_from_the_region_master(db):
    from library.models import Region
    from search.regions import CACHE, entries_from_database

    Region.objects.update_or_create(
        code="3500", defaults={"name": "Jawa Timur", "level": "provinsi"}
    )
    entries = {e.code: e for e in entries_from_database()}
    assert entries["3500"].name == "Jawa Timur"
    CACHE.clear()
    assert CACHE.get() is CACHE.get()  # kept between searches
