"""The librarian's bulk import as a background task (issue #22): upload, the task runs (at once
in the embedded default, by the worker in production), and the status page shows progress,
then the counts and the rejected rows; a file that cannot be read is refused in Indonesian
before anything is queued."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from library.models import PublicationPage
from pst import roles
from tests.factories import UserFactory, user_with_role
from tests.factories.library import library_structure

pytestmark = pytest.mark.django_db

CSV = (
    "title,kat_no,pub_no,rl_date,subj\n"
    "Statistik Impor Latar Satu,1101001,00001.2401,2024-03-01,Kependudukan\n"
    "Statistik Impor Latar Dua,1101002,00002.2401,2024-04-01,Kependudukan\n"
    ",,,2024-05-01,Kependudukan\n"
)


@pytest.fixture
def librarian(client):
    library_structure()
    user = user_with_role(roles.LIBRARIAN)
    client.force_login(user)
    return user


def upload(client, content: str = CSV, name: str = "katalog.csv"):
    return client.post(
        reverse("library:import-start"),
        {"file": SimpleUploadedFile(name, content.encode(), content_type="text/csv")},
    )


def test_the_embedded_default_imports_at_once_and_shows_the_report(client, librarian):
    response = upload(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="SUCCESSFUL"' in page
    assert "Impor selesai: 2 dibuat, 0 diperbarui, 0 tidak berubah, 1 ditolak." in page
    assert 'id="import-rejected"' in page
    assert PublicationPage.objects.filter(title__startswith="Statistik Impor Latar").count() == 2


def test_with_the_worker_the_page_waits_then_shows_progress_and_report(
    client, librarian, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    status_url = upload(client)["Location"]
    waiting = client.get(status_url).content.decode()
    assert 'data-status="READY"' in waiting
    assert "Menunggu pekerja latar memulai impor" in waiting
    assert 'http-equiv="refresh"' in waiting  # it refreshes itself until the end
    assert not PublicationPage.objects.filter(title__startswith="Statistik Impor Latar").exists()

    call_command("pst_worker", "--batch", "--no-startup-delay", verbosity=0)
    done = client.get(status_url).content.decode()
    assert 'data-status="SUCCESSFUL"' in done and 'http-equiv="refresh"' not in done
    assert "2 dibuat" in done and "1 ditolak" in done

    # Run again (a retry): the importer finds its pages, nothing is doubled.
    again = upload(client)["Location"]
    call_command("pst_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert "2 tidak berubah" in client.get(again).content.decode()
    assert PublicationPage.objects.filter(title__startswith="Statistik Impor Latar").count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("katalog.txt", "judul\nx\n", "Jenis berkas .txt tidak didukung"),
        ("katalog.csv", "", "Berkas yang dikirimkan kosong."),
        ("katalog.json", '{"rusak": ', "JSON"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_with_a_message(
    client, librarian, name, content, message
):
    response = upload(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_only_the_librarian_may_import_or_see_an_import(client):
    library_structure()
    client.force_login(UserFactory())
    assert client.get(reverse("library:import-start")).status_code == 403
    status = reverse("library:import-status", args=["8b6630e8-23ae-4247-bfd1-8eccc6ff8b6b"])
    assert client.get(status).status_code == 403
    client.force_login(user_with_role(roles.LIBRARIAN))
    assert client.get(status).status_code == 404  # no such import
    assert client.get(reverse("library:import-status", args=["bukan id!"])).status_code == 404
