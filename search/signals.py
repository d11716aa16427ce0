"""Side reactions that keep the index in step with publishing (STYLE.md habit 8): each handler
only schedules ``search.services`` for after the commit; it decides nothing itself."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from library.models import PublicationPage, Region, Subject

from . import labels, regions, services
from .documents import product_key, publication_key


def _publication_changed(sender, instance, **kwargs):
    if isinstance(instance, PublicationPage):
        services.on_commit_index_publication(instance.pk)


def _publication_deleted(sender, instance, **kwargs):
    services.on_commit_remove(publication_key(instance.pk))


def _page_moved(sender, instance, **kwargs):
    """A moved page (and everything below it) has new URLs and may now sit under a restricted
    section."""
    services.on_commit_index_subtree(instance.pk)


def _restriction_changed(sender, instance, **kwargs):
    """A view restriction added, edited or removed hides or shows the whole section."""
    services.on_commit_index_subtree(instance.page_id)


def _product_saved(sender, instance, **kwargs):
    services.on_commit_index_product(instance.pk)


def _product_deleted(sender, instance, **kwargs):
    services.on_commit_remove(product_key(instance.pk))


def _product_part_saved(sender, instance, **kwargs):
    """An attribute value or a microdata codebook row changes what the product's document
    says (survey, year, region, variables)."""
    product_id = getattr(instance, "product_id", None)
    if product_id is None and getattr(instance, "dataset", None) is not None:
        product_id = instance.dataset.product_id
    if product_id:
        services.on_commit_index_product(product_id)


def _names_changed(sender, **kwargs):
    """A new alias or name must work in the next search, not after the cache expires."""
    regions.CACHE.clear()
    labels.clear_names()


def connect() -> None:
    for signal in (post_save, post_delete):
        for model in (Region, Subject):
            signal.connect(
                _names_changed,
                sender=model,
                dispatch_uid=f"search-names-{model.__name__}-{signal is post_save}",
            )
    page_published.connect(_publication_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_publication_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(
        _publication_deleted, sender=PublicationPage, dispatch_uid="search-page-deleted"
    )
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
    product = apps.get_model("catalogue", "Product")
    post_save.connect(_product_saved, sender=product, dispatch_uid="search-product-saved")
    post_delete.connect(_product_deleted, sender=product, dispatch_uid="search-product-deleted")
    for name in ("ProductAttributeValue", "MicrodataDataset", "MicrodataRegion"):
        try:
            model = apps.get_model("catalogue", name)
        except LookupError:
            continue
        post_save.connect(
            _product_part_saved, sender=model, dispatch_uid=f"search-product-part-{name}"
        )
