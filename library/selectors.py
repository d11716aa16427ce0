"""Reads of the e-pustaka: browsing with facets, related publications, the release calendar, and
who may read a publication online (STYLE.md: reads in selectors.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import ExtractYear, Length, Substr
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Revision

from .models import Frequency, PublicationPage, Region, Subject

SORTS = {
    # ``urut`` value → ordering. Newest first is the default (readers look for the latest data).
    "terbaru": ("-release_date", "title"),
    "terlama": ("release_date", "title"),
    "judul": ("title", "-release_date"),
}
DEFAULT_SORT = "terbaru"
#: The cover thumbnail of a listing row: the same spec as ``{% image pub.cover width-80 %}`` in
#: templates/library/library_index_page.html, so the renditions come in one query for the page
#: instead of one query per cover (issue #23).
LISTING_COVER_FILTER = "width-80"


def published_publications() -> QuerySet[PublicationPage]:
    """What any visitor may see: live, not private (a scheduled page is not live before its
    time, so it never appears here; issue #4, Advance Release Calendar).

    Not Wagtail's ``public()``, which first reads every view restriction of the site in a query
    of its own, then excludes their subtrees: here the restriction of a page or of any of its
    ancestors (a restricted page's path is a prefix of its descendants' paths) is an ``EXISTS``
    inside the query that uses it, one round trip less on every page that lists publications
    and on each stamped download (issue #23); tests/integration/test_published_publication.py
    checks that both find the same pages.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return PublicationPage.objects.live().exclude(Exists(restricted))


def published_publication(pk: int) -> PublicationPage | None:
    """One publication of ``published_publications()``, or None, in one query."""
    return published_publications().filter(pk=pk).first()


@dataclass(frozen=True)
class BrowseFilters:
    """The reader's choices, as read from the query string (Indonesian parameter names)."""

    subject: str = ""
    year: int | None = None
    region: str = ""
    frequency: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query) -> BrowseFilters:
        year = (query.get("tahun") or "").strip()
        frequency = query.get("frekuensi", "")
        sort = query.get("urut", DEFAULT_SORT)
        return cls(
            subject=(query.get("subjek") or "").strip(),
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            region=(query.get("wilayah") or "").strip(),
            frequency=frequency if frequency in Frequency.values else "",
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    def as_query(self, **override) -> dict[str, str]:
        """Query parameters for a link that keeps the other choices (empty ones left out)."""
        values = {
            "subjek": self.subject,
            "tahun": str(self.year or ""),
            "wilayah": self.region,
            "frekuensi": self.frequency,
            "urut": "" if self.sort == DEFAULT_SORT else self.sort,
        }
        values.update(override)
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class BrowseResult:
    publications: QuerySet[PublicationPage]
    subjects: list[FacetValue] = field(default_factory=list)
    years: list[FacetValue] = field(default_factory=list)
    regions: list[FacetValue] = field(default_factory=list)
    frequencies: list[FacetValue] = field(default_factory=list)


def _filtered(base: QuerySet, filters: BrowseFilters, *, skip: str = "") -> QuerySet:
    qs = base
    if filters.subject and skip != "subject":
        qs = qs.filter(subjects__slug=filters.subject)
    if filters.year and skip != "year":
        qs = qs.filter(release_date__year=filters.year)
    if filters.region and skip != "region":
        qs = qs.filter(region__code=filters.region)
    if filters.frequency and skip != "frequency":
        qs = qs.filter(frequency=filters.frequency)
    return qs


def publication_browse(*, root, filters: BrowseFilters) -> BrowseResult:
    """The listing under ``root`` with counts per subject, year, region and frequency.

    Each facet counts the publications that match every *other* choice (the usual faceted
    browse of SLiMS/DSpace): choosing a year still shows how many there are in the other years.
    """
    base = published_publications().descendant_of(root)
    covers = get_image_model().objects.prefetch_renditions(LISTING_COVER_FILTER)
    publications = (
        _filtered(base, filters)
        .select_related("region")
        .prefetch_related(Prefetch("cover", queryset=covers))
        .order_by(*SORTS[filters.sort])
    )

    def ids(skip: str) -> QuerySet:
        return _filtered(base, filters, skip=skip).values("pk")

    # Each facet is counted from the matching publications (a join to the few subjects and
    # regions they name), not by annotating every row of the region master (issue #23).
    subject_counts = (
        Subject.objects.filter(publicationpage__in=ids("subject"))
        .values("slug", "name")
        .annotate(n=Count("publicationpage", distinct=True))
        .order_by("name")
    )
    year_counts = (
        PublicationPage.objects.filter(pk__in=ids("year"))
        .annotate(year=ExtractYear("release_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    region_counts = (
        PublicationPage.objects.filter(pk__in=ids("region"))
        .values("region__code", "region__name")
        .annotate(n=Count("pk"))
        .order_by("region__code")
    )
    frequency_counts = dict(
        PublicationPage.objects.filter(pk__in=ids("frequency"))
        .order_by()
        .values_list("frequency")
        .annotate(n=Count("pk"))
        .values_list("frequency", "n")
    )
    return BrowseResult(
        publications=publications,
        subjects=[
            FacetValue(s["slug"], s["name"], s["n"], s["slug"] == filters.subject)
            for s in subject_counts
        ],
        years=[
            FacetValue(str(row["year"]), str(row["year"]), row["n"], row["year"] == filters.year)
            for row in year_counts
        ],
        regions=[
            FacetValue(
                r["region__code"], r["region__name"], r["n"], r["region__code"] == filters.region
            )
            for r in region_counts
        ],
        frequencies=[
            FacetValue(value, str(label), frequency_counts[value], value == filters.frequency)
            for value, label in Frequency.choices
            if frequency_counts.get(value)
        ],
    )


def publication_related(
    *, publication: PublicationPage, limit: int = 4, subjects=None
) -> list[PublicationPage]:
    """Other publications on the same subjects, then of the same region, newest first.

    One query (issue #23: it was three, the first a join with ``DISTINCT`` over every column of
    the joined pages): a page on one of the subjects sorts before a page that only shares the
    region. ``subjects`` are the publication's, when the caller has read them already.
    """
    # Not values_list("pk"): a revision being previewed holds its subjects in modelcluster's
    # in-memory queryset, which knows no "pk" (the Wagtail admin's preview answered 500).
    subject_ids = [
        subject.pk for subject in (publication.subjects.all() if subjects is None else subjects)
    ]
    on_subject = (
        Exists(
            PublicationPage.subjects.through.objects.filter(
                publicationpage_id=OuterRef("pk"), subject_id__in=subject_ids
            )
        )
        if subject_ids
        else Value(False)
    )
    return list(
        published_publications()
        .exclude(pk=publication.pk)
        .select_related("region")
        .annotate(on_subject=on_subject)
        .filter(Q(on_subject=True) | Q(region_id=publication.region_id))
        .order_by("-on_subject", "-release_date")[:limit]
    )


@dataclass(frozen=True)
class UpcomingRelease:
    """One line of the public release calendar: nothing that could leak the content."""

    title: str
    go_live_at: datetime
    subjects: list[str]
    region: str
    frequency: str


def upcoming_releases(*, now: datetime | None = None) -> list[UpcomingRelease]:
    """Publications scheduled for release and not yet live, soonest first (issue #4, the
    "Jadwal Rilis" page of the Advance Release Calendar).

    A scheduled release is a revision approved for publishing with ``approved_go_live_at`` in
    the future; the line shows that revision's title and subjects (what will be published), not
    the draft a librarian may be editing. Pages already live (an update of a published
    publication) are not new releases.
    """
    now = now or timezone.now()
    revisions = list(
        Revision.page_revisions.filter(approved_go_live_at__gt=now)
        .filter(object_id__in=_not_live_publication_ids())
        .order_by("approved_go_live_at", "pk")
        .only("content", "approved_go_live_at")
    )
    # Read the title, subjects, region and frequency from each revision's stored content (what
    # ``Revision.as_object()`` would rebuild, at five queries a revision: issue #23) and name the
    # subjects and regions with one query each, whatever the number of lines.
    contents = [revision.content for revision in revisions]
    subject_names = dict(
        Subject.objects.filter(
            pk__in={pk for content in contents for pk in content.get("subjects") or []}
        ).values_list("pk", "name")
    )
    region_names = dict(
        Region.objects.filter(
            pk__in={content["region"] for content in contents if content.get("region")}
        ).values_list("pk", "name")
    )
    frequency_labels = dict(Frequency.choices)
    return [
        UpcomingRelease(
            title=content.get("title", ""),
            go_live_at=revision.approved_go_live_at,
            subjects=sorted(
                subject_names[pk] for pk in content.get("subjects") or [] if pk in subject_names
            ),
            region=region_names.get(content.get("region"), ""),
            frequency=str(frequency_labels.get(content.get("frequency"), "")),
        )
        for revision, content in zip(revisions, contents, strict=True)
    ]


def _not_live_publication_ids() -> list[str]:
    return [
        str(pk) for pk in PublicationPage.objects.filter(live=False).values_list("pk", flat=True)
    ]


def publication_readable_by(*, user, publication: PublicationPage) -> bool:
    """Read online follows the download rules (issue #4): a logged-in reader with a verified
    e-mail, a live public page with a prepared master, free to download. A page sold in the
    shop is not readable whole online (that would give away what the shop sells)."""
    return (
        getattr(user, "is_authenticated", False)
        and user.email_verified
        and publication.live
        and publication.downloadable
    )
