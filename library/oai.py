"""OAI-PMH 2.0 data provider for the e-pustaka catalogue (issue #4, "Interoperability").

National library aggregators harvest the catalogue over the Open Archives Initiative Protocol
for Metadata Harvesting, version 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html,
"the spec" below). What is exposed is exactly what a reader can see: live, public publication
pages; drafts, scheduled releases (Advance Release Calendar) and restricted pages never appear.

Choices within the spec:

* Identifiers are ``oai:<PST_OAI_REPOSITORY_IDENTIFIER>:<page id>`` (spec §2.4 and the
  oai-identifier guidelines); the page id is stable for the life of the record.
* The datestamp is the page's last publication (seconds granularity, UTC, spec §3.3.2):
  re-publishing a corrected record makes incremental harvesters pick it up again.
* Sets are the statistical subjects (``setSpec`` = the subject's slug, spec §4.6); a record is
  in the set of each of its subjects.
* Deleted records are not tracked (``deletedRecord`` = ``no``): an unpublished page simply
  stops appearing.
* Resumption tokens are stateless: the request's arguments and the last page id sent, signed
  with the site's secret (`django.core.signing`), so a token survives restarts, cannot be forged
  into another query, and pages by key (``pk > last``) so records published during a harvest
  do not shift the pages. A tampered or foreign token is ``badResumptionToken``.
* Metadata format: ``oai_dc`` only, the one every repository must support (spec §3.4).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.db.models import Min
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from pst.links import absolute_url

from .models import PublicationPage, Subject

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_ID_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_ID_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

ET.register_namespace("", OAI_NS)
ET.register_namespace("oai_dc", OAI_DC_NS)
ET.register_namespace("dc", DC_NS)
ET.register_namespace("xsi", XSI_NS)

METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC_NS)}
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_SALT = "library.oai.resumption"

#: Per verb: required arguments, optional arguments, and whether ``resumptionToken`` may be
#: given (it is then the only argument besides the verb: spec §3.5).
VERBS: dict[str, tuple[frozenset, frozenset, bool]] = {
    "Identify": (frozenset(), frozenset(), False),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"}), False),
    "ListSets": (frozenset(), frozenset(), True),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), True),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), True),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset(), False),
}

# Characters XML 1.0 does not allow (a pasted abstract may hold a form feed or a NUL).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

_LANGUAGES = {"indonesia": "ind", "inggris": "eng", "english": "eng"}


class OAIError(Exception):
    """One protocol error (spec §3.6); the response lists its code and message."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


@dataclass(frozen=True)
class ListQuery:
    """The selective-harvesting arguments of a list request, also carried in its token."""

    metadata_prefix: str
    from_: datetime | None = None
    until: datetime | None = None
    set_spec: str | None = None
    after_pk: int = 0
    cursor: int = 0


# --- Arguments ----------------------------------------------------------------------------------


def repository_identifier() -> str:
    return settings.PST_OAI_REPOSITORY_IDENTIFIER


def oai_identifier(page_id: int) -> str:
    return f"oai:{repository_identifier()}:{page_id}"


def page_id_from_identifier(identifier: str) -> int | None:
    prefix = f"oai:{repository_identifier()}:"
    if not identifier.startswith(prefix) or not identifier[len(prefix) :].isdigit():
        return None
    return int(identifier[len(prefix) :])


def format_datestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datestamp(value: str, *, name: str, end_of_period: bool) -> tuple[datetime, str]:
    """A ``from``/``until`` argument at day or seconds granularity (spec §3.3.1), as the
    instant it bounds: ``until`` is inclusive, so it bounds the end of its day or second."""
    if _SECOND.fullmatch(value):
        granularity, pattern, step = "second", "%Y-%m-%dT%H:%M:%SZ", timedelta(seconds=1)
    elif _DAY.fullmatch(value):
        granularity, pattern, step = "day", "%Y-%m-%d", timedelta(days=1)
    else:
        raise OAIError("badArgument", f"{name} is not a UTC datestamp ({GRANULARITY} or day)")
    try:
        moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
    except ValueError as error:
        raise OAIError("badArgument", f"{name} is not a valid date: {value}") from error
    return (moment + step if end_of_period else moment), granularity


def parse_arguments(params) -> tuple[str, dict[str, str]]:
    """The verb and its arguments from a GET query or POST form (a ``QueryDict``), or the
    error the spec requires: badVerb for a missing, repeated or unknown verb; badArgument for
    a repeated, unknown or missing argument, or a resumptionToken beside other arguments."""
    verbs = params.getlist("verb")
    if len(verbs) != 1:
        raise OAIError("badVerb", "the verb argument is missing or repeated")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", f"illegal verb: {verb}")
    required, optional, resumable = VERBS[verb]
    arguments: dict[str, str] = {}
    for key in params:
        if key == "verb":
            continue
        values = params.getlist(key)
        if len(values) != 1:
            raise OAIError("badArgument", f"repeated argument: {key}")
        allowed = required | optional | ({"resumptionToken"} if resumable else set())
        if key not in allowed:
            raise OAIError("badArgument", f"illegal argument for {verb}: {key}")
        arguments[key] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) != 1:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument")
        return verb, arguments
    missing = sorted(required - set(arguments))
    if missing:
        raise OAIError("badArgument", f"missing argument(s) for {verb}: {', '.join(missing)}")
    return verb, arguments


def list_query(verb: str, arguments: dict[str, str]) -> ListQuery:
    """The query of a list request, from its arguments or from its resumption token."""
    if "resumptionToken" in arguments:
        return _decode_token(verb, arguments["resumptionToken"])
    prefix = arguments["metadataPrefix"]
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"unsupported metadataPrefix: {prefix}")
    from_ = until = None
    granularities = set()
    if "from" in arguments:
        from_, granularity = parse_datestamp(arguments["from"], name="from", end_of_period=False)
        granularities.add(granularity)
    if "until" in arguments:
        until, granularity = parse_datestamp(arguments["until"], name="until", end_of_period=True)
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OAIError("badArgument", "from and until must have the same granularity")
    if from_ and until and from_ >= until:
        raise OAIError("badArgument", "from is later than until")
    set_spec = arguments.get("set")
    if set_spec is not None and not Subject.objects.filter(slug=set_spec).exists():
        if not Subject.objects.exists():
            raise OAIError("noSetHierarchy", "this repository has no sets")
        raise OAIError("badArgument", f"unknown set: {set_spec}")
    return ListQuery(metadata_prefix=prefix, from_=from_, until=until, set_spec=set_spec)


def _encode_token(verb: str, query: ListQuery) -> str:
    payload = [
        verb,
        query.metadata_prefix,
        query.from_.timestamp() if query.from_ else None,
        query.until.timestamp() if query.until else None,
        query.set_spec,
        query.after_pk,
        query.cursor,
    ]
    return signing.dumps(payload, salt=TOKEN_SALT, compress=True)


def _decode_token(verb: str, token: str) -> ListQuery:
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        token_verb, prefix, from_, until, set_spec, after_pk, cursor = payload
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise OAIError("badResumptionToken", "the resumption token is invalid") from error
    if token_verb != verb:
        raise OAIError("badResumptionToken", "the resumption token belongs to another verb")
    return ListQuery(
        metadata_prefix=prefix,
        from_=datetime.fromtimestamp(from_, UTC) if from_ is not None else None,
        until=datetime.fromtimestamp(until, UTC) if until is not None else None,
        set_spec=set_spec,
        after_pk=int(after_pk),
        cursor=int(cursor),
    )


# --- Records ------------------------------------------------------------------------------------


def published_records():
    """What a reader can see, and nothing else (issue #4: no draft, no scheduled release)."""
    return PublicationPage.objects.live().public().filter(last_published_at__isnull=False)


def filtered_records(query: ListQuery):
    records = published_records()
    if query.from_:
        records = records.filter(last_published_at__gte=query.from_)
    if query.until:
        records = records.filter(last_published_at__lt=query.until)
    if query.set_spec:
        records = records.filter(subjects__slug=query.set_spec)
    return records.order_by("pk")


def earliest_datestamp() -> datetime:
    earliest = published_records().aggregate(first=Min("last_published_at"))["first"]
    return earliest or datetime(1970, 1, 1, tzinfo=UTC)


def dublin_core(page: PublicationPage, request) -> list[tuple[str, str]]:
    """The record in simple Dublin Core (``oai_dc``), element by element, in the order the DCMI
    element set lists them; identifiers carry their scheme as a prefix (``ISSN 0126-2912``)."""
    elements: list[tuple[str, str]] = [("title", page.title)]
    if page.subtitle:
        elements.append(("title", f"{page.title}: {page.subtitle}"))
    if page.title_en:
        elements.append(("title", page.title_en))
    for author in filter(None, (a.strip() for a in page.authors.split(";"))):
        elements.append(("creator", author))
    for subject in page.subjects.all():
        elements.append(("subject", subject.name))
    if page.abstract:
        elements.append(("description", page.abstract))
    elements.append(("publisher", page.publisher))
    elements.append(("date", page.release_date.isoformat()))
    elements.append(("type", "Text"))
    if page.has_softcopy:
        elements.append(("format", "application/pdf"))
        if page.page_count:
            elements.append(("format", f"{page.page_count} halaman"))
    elements.append(("identifier", page.get_full_url(request=request)))
    if page.katalog:
        elements.append(("identifier", f"Katalog BPS {page.katalog}"))
    if page.nomor_publikasi:
        elements.append(("identifier", f"Nomor Publikasi {page.nomor_publikasi}"))
    if page.issn:
        elements.append(("identifier", f"ISSN {page.issn}"))
    if page.isbn:
        elements.append(("identifier", f"ISBN {page.isbn}"))
    for language in page.language.replace("/", "-").split("-"):
        code = _LANGUAGES.get(language.strip().lower())
        if code:
            elements.append(("language", code))
    elements.append(("coverage", page.region.name))
    return [(name, value) for name, value in elements if value]


# --- XML ----------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", str(text))


def _q(name: str, namespace: str = OAI_NS) -> str:
    return f"{{{namespace}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _q(name), attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def _envelope(request, verb: str | None, arguments: dict[str, str]) -> ET.Element:
    root = ET.Element(_q("OAI-PMH"))
    root.set(_q("schemaLocation", XSI_NS), f"{OAI_NS} {OAI_SCHEMA}")
    _sub(root, "responseDate", format_datestamp(timezone.now()))
    # On badVerb/badArgument the request element carries no attributes (spec §3.2).
    attrs = {"verb": verb, **arguments} if verb else {}
    _sub(root, "request", base_url(request), **attrs)
    return root


def base_url(request) -> str:
    return absolute_url(request.path)


def _header(parent: ET.Element, page: PublicationPage) -> None:
    header = _sub(parent, "header")
    _sub(header, "identifier", oai_identifier(page.pk))
    _sub(header, "datestamp", format_datestamp(page.last_published_at))
    for subject in page.subjects.all():
        _sub(header, "setSpec", subject.slug)


def _record(parent: ET.Element, page: PublicationPage, request) -> None:
    record = _sub(parent, "record")
    _header(record, page)
    metadata = _sub(record, "metadata")
    dc = ET.SubElement(metadata, _q("dc", OAI_DC_NS))
    dc.set(_q("schemaLocation", XSI_NS), f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for name, value in dublin_core(page, request):
        ET.SubElement(dc, _q(name, DC_NS)).text = _clean(value)


# --- Verbs --------------------------------------------------------------------------------------


def _identify(root: ET.Element, request, arguments) -> None:
    body = _sub(root, "Identify")
    _sub(body, "repositoryName", f"{settings.PST_SITE_NAME} · {settings.PST_OFFICE_NAME}")
    _sub(body, "baseURL", base_url(request))
    _sub(body, "protocolVersion", "2.0")
    _sub(
        body,
        "adminEmail",
        settings.PST_OAI_ADMIN_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    )
    _sub(body, "earliestDatestamp", format_datestamp(earliest_datestamp()))
    _sub(body, "deletedRecord", "no")
    _sub(body, "granularity", GRANULARITY)
    description = _sub(body, "description")
    identifier = ET.SubElement(description, _q("oai-identifier", OAI_ID_NS))
    identifier.set(_q("schemaLocation", XSI_NS), f"{OAI_ID_NS} {OAI_ID_SCHEMA}")
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository_identifier()),
        ("delimiter", ":"),
        ("sampleIdentifier", oai_identifier(1)),
    ):
        ET.SubElement(identifier, _q(name, OAI_ID_NS)).text = value


def _list_metadata_formats(root: ET.Element, request, arguments) -> None:
    if "identifier" in arguments:
        _get_page(arguments["identifier"])
    body = _sub(root, "ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = _sub(body, "metadataFormat")
        _sub(fmt, "metadataPrefix", prefix)
        _sub(fmt, "schema", schema)
        _sub(fmt, "metadataNamespace", namespace)


def _list_sets(root: ET.Element, request, arguments) -> None:
    if "resumptionToken" in arguments:
        raise OAIError("badResumptionToken", "ListSets is never split; there is no token")
    subjects = list(Subject.objects.order_by("name"))
    if not subjects:
        raise OAIError("noSetHierarchy", "this repository has no sets")
    body = _sub(root, "ListSets")
    for subject in subjects:
        element = _sub(body, "set")
        _sub(element, "setSpec", subject.slug)
        _sub(element, "setName", subject.name)


def _get_page(identifier: str) -> PublicationPage:
    page_id = page_id_from_identifier(identifier)
    page = (
        published_records().select_related("region").filter(pk=page_id).first() if page_id else None
    )
    if page is None:
        raise OAIError("idDoesNotExist", f"no record with identifier {identifier}")
    return page


def _get_record(root: ET.Element, request, arguments) -> None:
    prefix = arguments["metadataPrefix"]
    page = _get_page(arguments["identifier"])
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat", f"unsupported metadataPrefix: {prefix}")
    _record(_sub(root, "GetRecord"), page, request)


def _list(root: ET.Element, request, arguments, *, verb: str, with_metadata: bool) -> None:
    query = list_query(verb, arguments)
    records = filtered_records(query)
    size = settings.PST_OAI_PAGE_SIZE
    page_rows = list(
        records.filter(pk__gt=query.after_pk)
        .select_related("region")
        .prefetch_related("subjects")[: size + 1]
    )
    if not page_rows:
        if "resumptionToken" in arguments:
            raise OAIError("badResumptionToken", "the resumption token is exhausted")
        raise OAIError("noRecordsMatch", "no records match the request")
    more = len(page_rows) > size
    page_rows = page_rows[:size]
    body = _sub(root, verb)
    for page in page_rows:
        if with_metadata:
            _record(body, page, request)
        else:
            _header(body, page)
    if more or query.cursor:
        total = records.count()
        next_query = ListQuery(
            metadata_prefix=query.metadata_prefix,
            from_=query.from_,
            until=query.until,
            set_spec=query.set_spec,
            after_pk=page_rows[-1].pk,
            cursor=query.cursor + len(page_rows),
        )
        # The last part of a split list carries an empty token (spec §3.5).
        token = _encode_token(verb, next_query) if more else None
        _sub(body, "resumptionToken", token, completeListSize=str(total), cursor=str(query.cursor))


def _list_identifiers(root, request, arguments) -> None:
    _list(root, request, arguments, verb="ListIdentifiers", with_metadata=False)


def _list_records(root, request, arguments) -> None:
    _list(root, request, arguments, verb="ListRecords", with_metadata=True)


HANDLERS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "ListIdentifiers": _list_identifiers,
    "ListRecords": _list_records,
    "GetRecord": _get_record,
}


def respond(request, params) -> bytes:
    """The whole protocol exchange: arguments in, an OAI-PMH XML document out (errors too are
    200 responses with ``<error>`` elements, spec §3.6)."""
    try:
        verb, arguments = parse_arguments(params)
    except OAIError as error:
        root = _envelope(request, None, {})
        _sub(root, "error", error.message, code=error.code)
        return _serialise(root)
    root = _envelope(request, verb, arguments)
    try:
        HANDLERS[verb](root, request, arguments)
    except OAIError as error:
        # Drop a half-built verb element: an error response holds errors only.
        for child in list(root)[2:]:
            root.remove(child)
        if error.code in ("badVerb", "badArgument"):
            root.find(_q("request")).attrib.clear()
        _sub(root, "error", error.message, code=error.code)
    return _serialise(root)


def _serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@csrf_exempt  # harvesters POST without a session (spec §3.1.1.2); nothing is changed
def oai_pmh(request):
    """``/oai/``: GET or POST (``application/x-www-form-urlencoded``) per spec §3.1.1."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    params = request.POST if request.method == "POST" else request.GET
    return HttpResponse(respond(request, params), content_type="text/xml; charset=utf-8")
