"""Issue #21: an importer that never loses a real record. The realistic export of
tests/data/catalogue (215 records with the flaws of a real one) imports with 0 refused; the
report and the admin's "Perlu diperiksa" list name what to check; the librarian fixes a record
and it leaves the list; the CMS form lets a wrong check digit through on purpose."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from library.models import PublicationPage
from tests.factories.library import PublicationPageFactory, library_structure

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).resolve().parents[1] / "data" / "catalogue" / "publications.json"


@pytest.fixture
def imported(tmp_path):
    library_structure()
    out = StringIO()
    call_command("import_publications", str(EXPORT), "--no-progress", stdout=out)
    return out.getvalue()


def test_the_realistic_export_imports_every_record_and_lists_what_to_check(imported):
    records = json.loads(EXPORT.read_text(encoding="utf-8"))
    assert PublicationPage.objects.count() == len(records) == 215
    assert "215 dibuat, 0 diperbarui, 0 tidak berubah, 0 ditolak" in imported, imported
    assert "Kolom yang tidak diimpor: type, source" in imported
    bandung = PublicationPage.objects.get(title__startswith="Kabupaten Bandung Dalam Angka 2023")
    assert bandung.needs_review and bandung.issn == "0215-4103"
    assert "0215-4103" in bandung.review_reasons and "0215-4103" in imported
    moved = PublicationPage.objects.get(issn="", isbn="978-602-438-530-9")
    assert moved.needs_review and "ISBN" in moved.review_reasons
    bogor = PublicationPage.objects.filter(region__code="3201")
    assert bogor.count() == 2 and not any(p.needs_review for p in bogor)  # in the master now
    assert PublicationPage.objects.get(pk=moved.pk).import_raw["columns"]["type"]


def test_the_needs_attention_list_shows_the_reasons_and_a_fixed_record_leaves_it(
    imported, admin_client
):
    bandung = PublicationPage.objects.get(title__startswith="Kabupaten Bandung Dalam Angka 2023")
    listing = admin_client.get("/cms/perlu-diperiksa/").content.decode()
    assert bandung.title in listing and f"/cms/pages/{bandung.pk}/edit/" in listing
    assert "0215-4103" in listing
    edit = admin_client.get(f"/cms/pages/{bandung.pk}/edit/")
    form = edit.context["form"]
    data = _form_data(form)
    data.update(issn="", **{"action-publish": "action-publish"})
    response = admin_client.post(f"/cms/pages/{bandung.pk}/edit/", data)
    assert response.status_code == 302, _errors(response)
    bandung.refresh_from_db()
    assert not bandung.needs_review and bandung.review_reasons == ""
    admin_client.get("/cms/perlu-diperiksa/")  # shows (and spends) the "page updated" message
    after = admin_client.get("/cms/perlu-diperiksa/").content.decode()
    assert f"/cms/pages/{bandung.pk}/edit/" not in after and "0215-4103" not in after
    assert "Kota Bandung Dalam Angka 2023" in after  # the other one is still to check


def test_the_cms_form_warns_of_a_wrong_check_digit_and_the_librarian_may_override(admin_client):
    library_structure()
    page = PublicationPageFactory()
    form = admin_client.get(f"/cms/pages/{page.pk}/edit/").context["form"]
    data = _form_data(form)
    data.update(issn="0215-4103", **{"action-publish": "action-publish"})
    refused = admin_client.post(f"/cms/pages/{page.pk}/edit/", data)
    assert refused.status_code == 200
    assert "Simpan walau digit pemeriksa salah" in refused.content.decode()
    assert "digit pemeriksa" in " ".join(refused.context["form"].errors["issn"])
    data["accept_wrong_check_digit"] = "on"
    saved = admin_client.post(f"/cms/pages/{page.pk}/edit/", data)
    assert saved.status_code == 302, _errors(saved)
    page.refresh_from_db()
    assert page.issn == "0215-4103"


def _form_data(form) -> dict:
    """The edit form as the browser would post it back, unchanged."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in ("pdf", "accept_wrong_check_digit"):
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
    return data


def _errors(response) -> str:
    context = getattr(response, "context", None)
    return str(context["form"].errors) if context and "form" in context else ""
