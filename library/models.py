"""Wagtail pages of the PST portal and the bibliographic record of a publication.

The publication record lives here, curated by librarians with drafts, revisions and scheduled
release (STYLE.md, layout). A shop product of class Publikasi points at its page and takes its
title and page count from it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pst.links import absolute_url
from pst.storage import private_storage

from . import citation
from .forms import PrivateFileInput, PublicationPageForm
from .identifiers import (
    validate_isbn_format,
    validate_issn_format,
    validate_katalog,
    validate_nomor_publikasi,
)


@register_snippet
class Subject(models.Model):
    """A statistical subject (Kependudukan, Ketenagakerjaan, …), as the office's web API uses."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self) -> str:
        return self.name


class RegionLevel(models.TextChoices):
    NATIONAL = "nasional", _("National")
    PROVINCE = "provinsi", _("Province")
    REGENCY = "kabupaten", _("Regency")
    CITY = "kota", _("City")
    DISTRICT = "kecamatan", _("District (kecamatan)")
    VILLAGE = "desa", _("Village (desa/kelurahan)")


class Region(models.Model):
    """A region of the region master (issue #21, docs/regions.md): the nation (``0000``), a
    province (``7300``), a kabupaten/kota (``7315``), a kecamatan (``7371030``) or a desa.

    ``code`` is the office's (BPS) code, the one the site shows and the catalogue, the Katalog
    suffixes, microdata and WKS maps use. ``kemendagri_code`` is the Ministry of Home Affairs
    code of the same region (``73.15``); the two differ for 199 of the 514 kabupaten/kota and for
    the Papua provinces. A region whose BPS code is not known yet carries its dotted Kemendagri
    code as ``code`` (``93.01.01.2001``) until the office's code is filled in. ``aliases`` are
    the other ways people write it, one per line: abbreviations (Jatim, Sulsel, NTT), former
    names (Irian Jaya Barat, Ujung Pandang) and former codes."""

    code = models.CharField(_("domain code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kemendagri_code = models.CharField(
        _("Kemendagri code"), max_length=13, blank=True, db_index=True
    )
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Abbreviations, former names and former codes, one per line."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("parent"),
        FieldPanel("kemendagri_code"),
        FieldPanel("aliases"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def alias_list(self) -> list[str]:
        """The other names, one per line in the field, blanks dropped."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Frequency(models.TextChoices):
    ANNUAL = "tahunan", _("Annual")
    SEMIANNUAL = "semesteran", _("Semi-annual")
    QUARTERLY = "triwulanan", _("Quarterly")
    MONTHLY = "bulanan", _("Monthly")
    ONE_OFF = "sekali", _("One-off")


class EnglishRendering(models.Model):
    """A title and introduction in English beside the Indonesian ones, for the two pages whose
    text every visitor reads first (issue #17: English mode showed the home hero and the
    e-pustaka intro in Indonesian). Two fields, not a translated page tree: these pages have
    nothing else to translate, and the librarian edits both languages on one form. An empty
    English field falls back to the Indonesian text."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro_en = RichTextField(_("introduction in English"), blank=True)

    english_panels = [
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("intro_en")], heading=_("English"))
    ]

    class Meta:
        abstract = True

    def _in_english(self) -> bool:
        return (get_language() or "").startswith("en")

    @property
    def shown_title(self) -> str:
        return self.title_en if self._in_english() and self.title_en else self.title

    @property
    def shown_intro(self) -> str:
        return self.intro_en if self._in_english() and self.intro_en else self.intro


class _RouteToTypedChild:
    """Route to a child page with one query of the child's own model.

    Wagtail's ``Page.route`` reads the child as a base ``Page`` and then its ``specific`` row:
    two queries for each level of /pustaka/<publication>/ (issue #23). Home and the library
    index each have one kind of child (``subpage_types``), so the child is read as that model
    at once; anything else (a 404, a page of another type) goes through Wagtail's own route.
    """

    def _child_model(self) -> type[Page]:
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components:
            model = self._child_model()
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # treebeard's get_parent reads it
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class HomePage(_RouteToTypedChild, Page, EnglishRendering):  # noqa: DJ008 (title is __str__)
    """The PST portal's home page: the four service doors and the newest publications."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *EnglishRendering.english_panels]
    subpage_types = ["library.LibraryIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def _child_model(self) -> type[Page]:
        return LibraryIndexPage

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The region in the same query: each card names it (one query per card otherwise).
        context["latest_publications"] = (
            PublicationPage.objects.live()
            .public()
            .select_related("region")
            .order_by("-release_date")[:6]
        )
        return context


class LibraryIndexPage(_RouteToTypedChild, Page, EnglishRendering):  # noqa: DJ008
    """The e-pustaka listing: newest first, paginated, filterable by subject and year."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *EnglishRendering.english_panels]
    parent_page_types = ["library.HomePage"]
    subpage_types = ["library.PublicationPage"]
    per_page = 20

    class Meta:
        verbose_name = _("library index")

    def _child_model(self) -> type[Page]:
        return PublicationPage

    def get_context(self, request, *args, **kwargs):
        """Faceted browse (subject, year, region, frequency, with counts), sorted by release
        date or title, paginated (issue #4, "Readers"); the rules are in library.selectors."""
        # Imported here because selectors reads these models: a Wagtail page builds its own
        # context, so the page model is where the read is called from.
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        filters = selectors.BrowseFilters.from_query(request.GET)
        result = selectors.publication_browse(root=self, filters=filters)
        paginator = Paginator(result.publications, self.per_page)
        try:
            page = paginator.page(request.GET.get("halaman", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context.update(
            page_obj=page,
            publications=page.object_list,
            browse=result,
            filters=filters,
            filter_query=urlencode(filters.as_query()),
            sorts=[
                ("terbaru", _("Newest first")),
                ("terlama", _("Oldest first")),
                ("judul", _("Title (A–Z)")),
            ],
        )
        return context


class _FilledFromPdfPanel(FieldPanel):
    """A read-only value the PDF fills: "–" until then (Wagtail's own panel shows "None")."""

    def format_value_for_display(self, value):
        return "–" if value is None else super().format_value_for_display(value)


class PublicationPage(Page):
    """A publication's full bibliographic record (DOMAIN.md, "Library (e-pustaka)")."""

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    katalog = models.CharField(
        _("Katalog BPS"),
        max_length=20,
        blank=True,
        validators=[validate_katalog],
        help_text=_("7 digits, with a dot and the region code for regional editions."),
    )
    nomor_publikasi = models.CharField(
        _("publication number"),
        max_length=12,
        blank=True,
        validators=[validate_nomor_publikasi],
    )
    # The form checks the check digits, with an override for one printed wrong (issue #21).
    issn = models.CharField(_("ISSN"), max_length=9, blank=True, validators=[validate_issn_format])
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn_format])
    release_date = models.DateField(_("release date"))
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="publications"
    )
    subjects = ParentalManyToManyField(Subject, verbose_name=_("subjects"), blank=True)
    authors = models.CharField(_("authors / editors"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, default="Badan Pusat Statistik")
    language = models.CharField(_("language"), max_length=60, default="Indonesia")
    abstract = models.TextField(_("abstract"), blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(
        _("PDF master"),
        storage=private_storage,
        upload_to="publications/",
        blank=True,
        help_text=_("Never served directly: every download is watermarked for its reader."),
    )
    master_dir = models.CharField(
        _("watermark master"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Folder of the prepared master in the private store, set at upload."),
    )
    page_count = models.PositiveIntegerField(_("page count"), null=True, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True)
    outline = models.JSONField(_("table of contents"), default=list, blank=True)
    needs_review = models.BooleanField(
        _("needs attention"),
        default=False,
        db_index=True,
        help_text=_("Set by the import when something in the record has to be checked; "
                    "saving the page in the admin clears it."),
    )  # fmt: skip
    review_reasons = models.TextField(_("what to check"), blank=True)
    import_raw = models.JSONField(
        _("values as imported"),
        default=dict,
        blank=True,
        help_text=_("The raw values the import could not use as they were (issue #21)."),
    )
    is_free = models.BooleanField(
        _("free download"),
        default=True,
        help_text=_("Free to registered readers; a shop product may also sell it."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("abstract"),
        index.SearchField("katalog"),
        index.SearchField("nomor_publikasi"),
        index.FilterField("release_date"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("katalog"), FieldPanel("nomor_publikasi")]),
                FieldRowPanel([FieldPanel("issn"), FieldPanel("isbn")]),
                FieldPanel("accept_wrong_check_digit"),
                FieldPanel("review_reasons", read_only=True),
                FieldRowPanel([FieldPanel("release_date"), FieldPanel("frequency")]),
                FieldPanel("region"),
                FieldPanel("subjects"),
                FieldPanel("authors"),
                FieldPanel("publisher"),
                FieldPanel("language"),
            ],
            heading=_("Catalogue record"),
        ),
        FieldPanel("abstract"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [
                FieldPanel("pdf", widget=PrivateFileInput),
                FieldPanel("is_free"),
                _FilledFromPdfPanel("page_count", read_only=True),
                _FilledFromPdfPanel("file_size", read_only=True),
            ],
            heading=_("Softcopy"),
            help_text=_(
                "Uploading a PDF prepares the watermark master and fills the page count, size, "
                "table of contents and (if none is chosen) the cover from page 1."
            ),
        ),
    ]
    base_form_class = PublicationPageForm
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def has_softcopy(self) -> bool:
        return bool(self.pdf)

    @property
    def downloadable(self) -> bool:
        """A free reader download needs a prepared watermark master and a free publication."""
        return bool(self.master_dir) and self.is_free

    @property
    def download_filename(self) -> str:
        return f"{self.katalog}-{self.slug}.pdf" if self.katalog else f"{self.slug}.pdf"

    def get_context(self, request, *args, **kwargs):
        """The full record, how to cite it, related publications, shop products, and what this
        reader may do: read online, download, or request the softcopy (issue #4)."""
        from . import selectors  # selectors reads these models (see LibraryIndexPage)

        context = super().get_context(request, *args, **kwargs)
        url = absolute_url(self.url)
        subject_rows = list(self.subjects.all())
        subjects = [subject.name for subject in subject_rows]
        user = request.user
        context.update(
            products=self.products.filter(is_public=True),
            subject_names=subjects,
            cite_apa=citation.apa(self, url=url),
            cite_bibtex=citation.bibtex(self, url=url),
            meta_tags=citation.meta_tags(self, url=url, subjects=subjects),
            related=selectors.publication_related(publication=self, subjects=subject_rows),
            can_read_online=selectors.publication_readable_by(user=user, publication=self),
            open_softcopy_request=(
                self.softcopy_requests.filter(
                    reader=user, status__in=SOFTCOPY_OPEN_STATUSES
                ).first()
                if user.is_authenticated and not self.has_softcopy
                else None
            ),
        )
        return context


class Download(models.Model):
    """One watermarked copy handed to one reader: the append-only log behind leak tracing.

    ``download_id`` is the id stamped into the copy (``watermark.trace`` finds it again); the
    reader's name and e-mail as stamped are kept beside the foreign keys so the log still names
    the reader if the account or the page is deleted later. Rows are only ever created, by
    ``library.services.download_record``; the per-account rate limit is counted from them.
    """

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
    )
    publication = models.ForeignKey(
        PublicationPage,
        verbose_name=_("publication"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
    )
    download_id = models.CharField(_("download id"), max_length=64, unique=True)
    reader_name = models.CharField(_("reader name"), max_length=200)
    reader_email = models.EmailField(_("reader e-mail"), max_length=254)
    publication_title = models.CharField(_("publication title"), max_length=255)
    created_at = models.DateTimeField(_("downloaded at"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    bytes = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["reader", "created_at"])]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self) -> str:
        return self.download_id


class SoftcopyRequestStatus(models.TextChoices):
    NEW = "baru", _("New")
    IN_PROGRESS = "diproses", _("In progress")
    AVAILABLE = "tersedia", _("Softcopy now available")
    DECLINED = "ditolak", _("Declined")


#: A request in one of these states is still open: the reader waits for an answer.
SOFTCOPY_OPEN_STATUSES = (SoftcopyRequestStatus.NEW, SoftcopyRequestStatus.IN_PROGRESS)


class SoftcopyRequest(models.Model):
    """A reader asks for the softcopy of a publication listed without one (issue #4).

    Tracked by status and answered by a librarian in the Wagtail admin through
    ``library.services.softcopy_request_answer``, which e-mails the reader. One open request per
    reader and publication (database constraint), so a double click files one request.
    """

    publication = models.ForeignKey(
        PublicationPage,
        verbose_name=_("publication"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="softcopy_requests",
    )
    publication_title = models.CharField(_("publication title"), max_length=255)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="softcopy_requests",
    )
    note = models.TextField(_("reader's note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SoftcopyRequestStatus.choices,
        default=SoftcopyRequestStatus.NEW,
    )
    answer = models.TextField(_("answer to the reader"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("softcopy request")
        verbose_name_plural = _("softcopy requests")
        constraints = [
            models.UniqueConstraint(
                fields=["reader", "publication"],
                condition=models.Q(status__in=["baru", "diproses"]),
                name="library_one_open_softcopy_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication_title} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in SOFTCOPY_OPEN_STATUSES
