"""E-pustaka pages built through the real services: the site structure from
``site_ensure_structure`` and a publication whose PDF goes through
``ingest.publication_attach_pdf`` (so the watermark master is prepared exactly as at upload)."""

from __future__ import annotations

import datetime
import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path

import factory
from django.utils import timezone

import watermark
from demo import catalogue_data, pdfgen
from library import ingest, services
from library.models import Frequency, PublicationPage, Region, RegionLevel, Subject
from pst.storage import private_storage

#: The real-world sample PDFs of the project (../shared/pdfs/README.md says what is odd in each).
SHARED_PDFS = Path(__file__).resolve().parents[3] / "shared" / "pdfs"


def library_structure() -> services.SiteStructure:
    return services.site_ensure_structure(
        home_title="PST Online",
        home_intro="",
        library_title="E-Pustaka",
        library_intro="",
        library_title_en="E-library",  # as an office fills it in (the demo does)
    )


@cache
def sample_pdf() -> Path:
    """One small demo publication PDF per test session (reportlab is the slow part)."""
    path = Path(tempfile.mkdtemp(prefix="pst-test-pdf-")) / "publikasi.pdf"
    pdfgen.build_publication_pdf(
        path, catalogue_data.demo_publications(count=1)[0], pages=pdfgen.MIN_PAGES
    )
    return path


@cache
def _prepared_master() -> watermark.PreparedMaster:
    """:func:`sample_pdf` prepared once per test session (``watermark.prepare``, the costly
    step of an upload), outside the private store: each page gets a copy of it."""
    folder = Path(tempfile.mkdtemp(prefix="pst-test-master-")) / "master"
    return watermark.prepare(sample_pdf(), folder)


def prepared_master_copy() -> tuple[str, watermark.PreparedMaster]:
    """A copy of the session's prepared master under a new folder of the private store, as
    ``ingest.publication_pdf_commit`` leaves it (``masters/<uuid>``): its name for
    ``PublicationPage.master_dir`` and the master. A new name per call, so that a test that
    breaks or removes its master never touches another's (the store lives for the session)."""
    master_dir = f"masters/{uuid.uuid4().hex}"
    target = Path(private_storage().path(master_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(_prepared_master().master_dir, target)
    return master_dir, watermark.PreparedMaster.load(target)


_sold_pages = {"n": 0}


def sold_publication_page(*, title: str, page_count: int) -> PublicationPage:
    """A live, not-free library page with a prepared master: what a Publikasi product sells
    (``catalogue.selectors.deliverability``). ``page_count`` is the page's, as the tariff
    reads it, whatever the (shared, small) master holds; no revision, no cover, no stored
    original: the cheap half of ``PublicationPageFactory`` for the shop's tests."""
    _sold_pages["n"] += 1
    master_dir, master = prepared_master_copy()
    page = PublicationPage(
        title=title,
        slug=f"publikasi-dijual-{_sold_pages['n']}-{uuid.uuid4().hex[:6]}",
        katalog="1102001.7300",
        release_date=datetime.date(2025, 3, 3),
        region=RegionFactory(),
        frequency=Frequency.ANNUAL,
        is_free=False,
        master_dir=master_dir,
        page_count=page_count,
        file_size=master.file_size,
        live=True,
    )
    library_structure().library.add_child(instance=page)
    return page


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "7300"
    name = "Sulawesi Selatan"
    level = RegionLevel.PROVINCE


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("slug",)

    name = "Kependudukan"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class PublicationPageFactory(factory.Factory):
    """A published publication under the library index, with a prepared master.

    ``PublicationPageFactory(scheduled=True)`` is published with ``go_live_at`` tomorrow (not
    live yet); ``with_pdf=False`` leaves it without a softcopy; ``pdf_path=`` attaches another
    PDF (e.g. one of ``SHARED_PDFS``); ``subjects=[...]`` sets the subjects.
    """

    class Meta:
        model = PublicationPage

    class Params:
        scheduled = factory.Trait(
            go_live_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )

    title = factory.Sequence(lambda n: f"Statistik Daerah Uji {n}")
    slug = factory.Sequence(lambda n: f"statistik-daerah-uji-{n}")
    katalog = "1102001.7300"
    release_date = datetime.date(2025, 3, 3)
    region = factory.SubFactory(RegionFactory)
    frequency = Frequency.ANNUAL
    is_free = True
    with_pdf = True

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        with_pdf: bool = True,
        pdf_path: Path | None = None,
        subjects=(),
        **kwargs,
    ) -> PublicationPage:
        page = model_class(*args, live=False, **kwargs)
        if with_pdf:
            ingest.publication_attach_pdf(
                page=page, pdf_path=pdf_path or sample_pdf(), filename=f"{page.slug}.pdf"
            )
        library_structure().library.add_child(instance=page)
        if subjects:
            page.subjects.set(subjects)
        page.save_revision().publish()
        page.refresh_from_db()
        return page
