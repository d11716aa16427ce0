"""Atom feed of new releases of the e-pustaka (issue #4, "Interoperability").

Feed readers and aggregators follow new publications the way they follow the office's release
calendar: an entry appears when a publication is released, i.e. its page is live and public and
its release date has come. Drafts and scheduled releases are not live, so they never leak
through the feed before their time.
"""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from pst.clock import office_today

from .models import LibraryIndexPage, PublicationPage

FEED_SIZE = 30


class NewReleasesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New publications")
    subtitle = _("Publications newly released in the e-library")
    author_name = settings.PST_OFFICE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        library = LibraryIndexPage.objects.live().first()
        return library.get_url(request=self.request) if library else "/"

    def items(self):
        return (
            PublicationPage.objects.live()
            .public()
            .filter(release_date__lte=office_today())
            .select_related("region")
            .prefetch_related("subjects")
            .order_by("-release_date", "-last_published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: PublicationPage) -> str:
        return f"{item.title}: {item.subtitle}" if item.subtitle else item.title

    def item_description(self, item: PublicationPage) -> str:
        return item.abstract

    def item_link(self, item: PublicationPage) -> str:
        return item.get_url(request=self.request)

    def item_guid(self, item: PublicationPage) -> str:
        # Stable across renames and moves: the page id, in a tag URI of the repository's domain.
        return f"tag:{settings.PST_OAI_REPOSITORY_IDENTIFIER},2026:publikasi:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: PublicationPage) -> datetime:
        return timezone.make_aware(datetime.combine(item.release_date, time()))

    def item_updateddate(self, item: PublicationPage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: PublicationPage) -> str:
        return item.authors or item.publisher

    def item_categories(self, item: PublicationPage) -> list[str]:
        return [subject.name for subject in item.subjects.all()]
