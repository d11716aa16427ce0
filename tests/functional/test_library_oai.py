"""Issue #4, "Interoperability": the OAI-PMH 2.0 endpoint at /oai/.

A real harvester (Sickle, from PyPI) harvests the live test server: it gets every published
record and nothing scheduled or draft, and follows the resumption tokens page by page. The
protocol's error codes and selective harvesting are checked through the test client.
"""

from __future__ import annotations

import datetime

import pytest
from lxml import etree
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator

from library.models import PublicationPage, Subject
from library.oai import oai_identifier
from tests.factories.library import PublicationPageFactory, RegionFactory, library_structure

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}


def subject(name: str) -> Subject:
    return Subject.objects.get_or_create(name=name, slug=name.lower())[0]


def published(title: str, *subjects: str, **fields) -> PublicationPage:
    page = PublicationPageFactory(title=title, with_pdf=False, **fields)
    if subjects:
        page.subjects.set([subject(name) for name in subjects])
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def draft(title: str) -> PublicationPage:
    page = PublicationPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        release_date=datetime.date(2025, 1, 1),
        region=RegionFactory(),
        live=False,
    )
    library_structure().library.add_child(instance=page)
    page.save_revision()
    return page


@pytest.fixture
def catalogue():
    """Seven published records (three on population), one scheduled, one draft."""
    pages = [
        published(f"Publikasi Terbit {n}", "Kependudukan" if n < 3 else "Ekonomi") for n in range(7)
    ]
    hidden = [
        PublicationPageFactory(title="Rilis Terjadwal", with_pdf=False, scheduled=True),
        draft("Masih Draf"),
    ]
    return pages, hidden


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sickle_harvest_gets_every_published_record_through_resumption_tokens(
    live_server, settings, catalogue
):
    settings.PST_OAI_PAGE_SIZE = 3
    settings.PST_BASE_URL = live_server.url  # baseURL is the public base (pst.links)
    pages, hidden = catalogue
    endpoint = f"{live_server.url}/oai/"
    harvester = Sickle(endpoint, max_retries=0, timeout=20)

    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.baseURL == endpoint
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"

    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    assert sorted(r.header.identifier for r in records) == sorted(
        oai_identifier(p.pk) for p in pages
    )
    titles = {r.metadata["title"][0] for r in records}
    assert not titles & {"Rilis Terjadwal", "Masih Draf"}
    record = next(r for r in records if r.metadata["title"][0] == "Publikasi Terbit 0")
    assert record.metadata["subject"] == ["Kependudukan"]
    assert record.metadata["date"] == ["2025-03-03"]
    assert "Katalog BPS 1102001.7300" in record.metadata["identifier"]
    assert record.header.setSpecs == ["kependudukan"]

    # Seven records in pages of three: three responses, tokens followed by the harvester.
    responses = list(
        Sickle(endpoint, iterator=OAIResponseIterator, max_retries=0).ListIdentifiers(
            metadataPrefix="oai_dc"
        )
    )
    assert len(responses) == 3
    sizes = [r.xml.find(".//{*}resumptionToken").get("completeListSize") for r in responses]
    assert sizes == ["7", "7", "7"]
    assert responses[-1].xml.find(".//{*}resumptionToken").text is None

    in_set = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="kependudukan"))
    assert len(in_set) == 3
    sets = {s.setSpec: s.setName for s in harvester.ListSets()}
    assert sets == {"kependudukan": "Kependudukan", "ekonomi": "Ekonomi"}

    got = harvester.GetRecord(identifier=oai_identifier(pages[4].pk), metadataPrefix="oai_dc")
    assert got.metadata["title"] == ["Publikasi Terbit 4"]
    for page in hidden:
        with pytest.raises(oaiexceptions.IdDoesNotExist):
            harvester.GetRecord(identifier=oai_identifier(page.pk), metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        harvester.ListRecords(metadataPrefix="marc21")


# --- through the test client ---------------------------------------------------------------


def oai(client, **params):
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_codes(tree) -> list[str]:
    return [e.get("code") for e in tree.findall("oai:error", NS)]


@pytest.fixture
def two_records(db):
    old = published("Lama", "Kependudukan")
    new = published("Baru", "Ekonomi")
    PublicationPage.objects.filter(pk=old.pk).update(
        last_published_at=datetime.datetime(2024, 1, 10, 8, 30, tzinfo=datetime.UTC)
    )
    PublicationPage.objects.filter(pk=new.pk).update(
        last_published_at=datetime.datetime(2025, 6, 1, 12, 0, 5, tzinfo=datetime.UTC)
    )
    return old, new


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Menyapa"}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:x:1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "10-01-2024"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2025-01-01T00:00:00Z",
            },
            "badArgument",
        ),  # fmt: skip
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-02",
                "until": "2025-01-01",
            },
            "badArgument",
        ),  # fmt: skip
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "tidak-ada"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": "oai:x:1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),  # fmt: skip
        ({"verb": "ListRecords", "resumptionToken": "palsu"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"},
            "noRecordsMatch",
        ),  # fmt: skip
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ],
)
def test_protocol_errors(client, two_records, params, code):
    tree = oai(client, **params)
    assert error_codes(tree) == [code]
    request = tree.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}
    assert tree.find("oai:ListRecords", NS) is None


def test_repeated_argument_is_bad(client, two_records):
    response = client.get("/oai/?verb=ListSets&verb=ListSets")
    assert error_codes(etree.fromstring(response.content)) == ["badVerb"]
    response = client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_codes(etree.fromstring(response.content)) == ["badArgument"]


def identifiers(tree) -> list[str]:
    return [e.text for e in tree.findall(".//oai:header/oai:identifier", NS)]


def test_from_until_and_set_select_records(client, two_records):
    old, new = two_records
    common = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    assert identifiers(oai(client, **common, **{"from": "2025-01-01"})) == [oai_identifier(new.pk)]
    assert identifiers(oai(client, **common, until="2024-01-10")) == [oai_identifier(old.pk)]
    assert identifiers(oai(client, **common, until="2024-01-10T08:29:59Z")) == []
    assert identifiers(oai(client, **common, until="2024-01-10T08:30:00Z")) == [
        oai_identifier(old.pk)
    ]
    assert identifiers(oai(client, **common, **{"from": "2025-06-01T12:00:05Z"})) == [
        oai_identifier(new.pk)
    ]
    assert identifiers(oai(client, **common, set="ekonomi")) == [oai_identifier(new.pk)]
    datestamps = [e.text for e in oai(client, **common).findall(".//oai:datestamp", NS)]
    assert datestamps == ["2024-01-10T08:30:00Z", "2025-06-01T12:00:05Z"]


def test_post_is_accepted_like_get(client, two_records):
    response = client.post("/oai/", {"verb": "Identify"})
    assert etree.fromstring(response.content).find("oai:Identify", NS) is not None
    assert client.put("/oai/").status_code == 405


def test_resumption_token_cannot_be_reused_for_another_verb(client, two_records, settings):
    settings.PST_OAI_PAGE_SIZE = 1
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS)
    assert token.get("cursor") == "0" and token.get("completeListSize") == "2"
    assert error_codes(oai(client, verb="ListIdentifiers", resumptionToken=token.text)) == [
        "badResumptionToken"
    ]
    second = oai(client, verb="ListRecords", resumptionToken=token.text)
    last = second.find(".//oai:resumptionToken", NS)
    assert last.text is None and last.get("cursor") == "1"
    assert len(second.findall(".//oai:record", NS)) == 1


def test_dublin_core_record_and_xml_safety(client, db):
    page = published(
        "Statistik \x0cDaerah & Kota <Uji>",
        "Kependudukan",
        authors="Subdirektorat Publikasi; Tim Penyusun",
        issn="0126-2912",
        language="Indonesia-Inggris",
    )
    tree = oai(
        client, verb="GetRecord", identifier=oai_identifier(page.pk), metadataPrefix="oai_dc"
    )
    dc = tree.find(".//oai_dc:dc", NS)
    values = {}
    for element in dc:
        values.setdefault(etree.QName(element).localname, []).append(element.text)
    assert values["title"] == ["Statistik Daerah & Kota <Uji>"]
    assert values["creator"] == ["Subdirektorat Publikasi", "Tim Penyusun"]
    assert values["language"] == ["ind", "eng"]
    assert "ISSN 0126-2912" in values["identifier"]
    assert values["identifier"][0].endswith(page.url)
    assert values["coverage"] == ["Sulawesi Selatan"]


def test_identify_and_metadata_formats(client, two_records):
    tree = oai(client, verb="Identify")
    assert tree.findtext("oai:Identify/oai:earliestDatestamp", namespaces=NS) == (
        "2024-01-10T08:30:00Z"
    )
    assert tree.findtext("oai:Identify/oai:deletedRecord", namespaces=NS) == "no"
    formats = oai(client, verb="ListMetadataFormats", identifier=oai_identifier(two_records[0].pk))
    assert formats.findtext(".//oai:metadataPrefix", namespaces=NS) == "oai_dc"
    missing = oai(client, verb="ListMetadataFormats", identifier="oai:pst.bps.go.id:999999")
    assert error_codes(missing) == ["idDoesNotExist"]
