"""``library.selectors.published_publications`` and ``published_publication`` (issue #23): the
view restrictions checked inside the query find exactly what Wagtail's ``live().public()``
finds."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from library import selectors
from library.models import PublicationPage
from tests.factories.library import PublicationPageFactory, library_structure

pytestmark = pytest.mark.django_db


def _same_as_wagtail(page) -> bool:
    found = selectors.published_publication(page.pk)
    expected = PublicationPage.objects.live().public().filter(pk=page.pk).first()
    listed = set(selectors.published_publications().values_list("pk", flat=True))
    return found == expected and listed == set(
        PublicationPage.objects.live().public().values_list("pk", flat=True)
    )


def test_a_live_public_publication_is_found():
    page = PublicationPageFactory(with_pdf=False)
    assert selectors.published_publication(page.pk) == page
    assert _same_as_wagtail(page)


def test_a_restricted_publication_is_not_found():
    page = PublicationPageFactory(with_pdf=False)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert selectors.published_publication(page.pk) is None
    assert _same_as_wagtail(page)


def test_a_restriction_on_an_ancestor_hides_the_publication():
    page = PublicationPageFactory(with_pdf=False)
    PageViewRestriction.objects.create(page=library_structure().library, restriction_type="login")
    assert selectors.published_publication(page.pk) is None
    assert _same_as_wagtail(page)


def test_a_restriction_elsewhere_hides_nothing():
    """A page whose path merely starts like the restricted page's sibling stays public."""
    first = PublicationPageFactory(with_pdf=False)
    second = PublicationPageFactory(with_pdf=False)
    PageViewRestriction.objects.create(page=first, restriction_type="login")
    assert selectors.published_publication(second.pk) == second
    assert _same_as_wagtail(second)


def test_a_page_not_live_or_absent_is_not_found():
    page = PublicationPageFactory(with_pdf=False, scheduled=True)
    assert selectors.published_publication(page.pk) is None
    assert selectors.published_publication(10**9) is None
