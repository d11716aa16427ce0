"""The demo e-pustaka (``seed_demo``) shows every reader-facing state of issue #4: titles
listed without a softcopy, an open softcopy request, and scheduled releases on the Jadwal
Rilis; running it again adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from library.models import PublicationPage, SoftcopyRequest

pytestmark = pytest.mark.django_db


def test_demo_has_listed_only_titles_a_request_and_scheduled_releases(client):
    call_command("seed_demo", count=6, verbosity=0)
    listed_only = PublicationPage.objects.live().filter(pdf="")
    assert listed_only.count() == 1
    request = SoftcopyRequest.objects.get()
    assert request.publication.pk == listed_only.get().pk and request.is_open
    scheduled = PublicationPage.objects.filter(live=False, go_live_at__gt=timezone.now())
    calendar = client.get(reverse("library:release-calendar")).context["releases"]
    assert sorted(r.title for r in calendar) == sorted(p.title for p in scheduled)

    request.status = "ditolak"
    request.save()
    call_command("seed_demo", count=6, verbosity=0)
    assert SoftcopyRequest.objects.count() == 1
    assert PublicationPage.objects.count() == 6
