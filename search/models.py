"""The search app's records: the database backend's index, the text extracted from each
publication's PDF, the librarians' synonym list and the vocabulary for "did you mean".

Oscar's search app has no models, so nothing here overrides Oscar (docs/forks.md).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class DocumentType(models.TextChoices):
    """The "type" facet: what a reader is looking for (issue #5)."""

    PUBLICATION = "publikasi", _("Publication")
    MICRODATA = "data-mikro", _("Microdata")
    MAP = "peta-wks", _("WKS map")


class SearchDocument(models.Model):
    """One searchable thing (a live publication page or a public product) as the database
    backend indexes it. Rows are written only by ``search.backends.database``.

    The ``*_terms`` columns hold text already folded and stemmed by ``search.text``; the full-text
    index over them is not a Django field: an FTS5 table kept in step by triggers on SQLite, a
    generated, GIN-indexed ``tsvector`` column on PostgreSQL (migration 0002).
    """

    key = models.CharField(_("key"), max_length=40, unique=True)
    doc_type = models.CharField(_("type"), max_length=12, choices=DocumentType.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=255)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    url = models.CharField(_("URL"), max_length=500)
    body = models.TextField(_("abstract or description"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, blank=True)
    price_class = models.CharField(_("price class"), max_length=12, blank=True)
    # Multi-valued facets as "|a|b|": a document may cover several regions and subjects.
    region_codes = models.CharField(_("region codes"), max_length=500, blank=True)
    region_names = models.CharField(_("regions"), max_length=500, blank=True)
    subject_slugs = models.CharField(_("subjects"), max_length=500, blank=True)
    title_terms = models.TextField(blank=True)
    meta_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    fulltext_terms = models.TextField(blank=True)
    title_words = models.TextField(blank=True)
    # One token per facet value (``search.backends.database.facet_tokens``), so that SQLite's
    # full-text engine intersects a filtered query in the index instead of ranking every text
    # match and dropping most of them.
    facet_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), default=timezone.now)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["doc_type", "year"])]

    def __str__(self) -> str:
        return self.key


class SearchIndexState(models.Model):
    """The version of the database backend's index: a random token replaced by every write, in
    the same transaction, so that a process holding a copy of the facet columns
    (``search.facetindex``) knows when its copy is stale. One row."""

    version = models.CharField(_("version"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return self.version


class PublicationText(models.Model):
    """The text of a publication's PDF, extracted once per uploaded file (issue #5: "full text of
    the PDF, extracted once at ingest"), so re-indexing never reads a PDF again.

    ``source_name`` is the private file it came from; a new upload has a new name, which is how
    a stale extraction is recognised.
    """

    page = models.OneToOneField(
        "library.PublicationPage",
        on_delete=models.CASCADE,
        related_name="search_text",
        verbose_name=_("publication"),
    )
    source_name = models.CharField(_("source file"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    pages = models.PositiveIntegerField(_("pages read"), default=0)
    error = models.CharField(_("extraction error"), max_length=255, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), default=timezone.now)

    class Meta:
        verbose_name = _("publication text")
        verbose_name_plural = _("publication texts")

    def __str__(self) -> str:
        return self.source_name


@register_snippet
class Synonym(models.Model):
    """Terms the librarians declare equivalent, e.g. "Susenas, Survei Sosial Ekonomi Nasional".

    Applied when a query is parsed (both backends), so an edit takes effect at once, without a
    re-index.
    """

    terms = models.CharField(
        _("equivalent terms"),
        max_length=500,
        unique=True,
        help_text=_(
            "Two or more terms separated by commas, e.g. 'Susenas, Survei Sosial Ekonomi Nasional'."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return self.terms


class SearchWord(models.Model):
    """A word that occurs in titles, subjects and regions of indexed documents, with the number
    of documents it was seen in: the vocabulary "did you mean" corrects against."""

    word = models.CharField(_("word"), max_length=60, unique=True)
    length = models.PositiveSmallIntegerField(_("length"), db_index=True)
    frequency = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
