from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from catalogue.models import MasterVersion, MicrodataDataset, MicrodataRegion, MicrodataVariable


class MicrodataVariableInline(admin.TabularInline):
    model = MicrodataVariable
    extra = 0


class MicrodataRegionInline(admin.TabularInline):
    model = MicrodataRegion
    extra = 0


@admin.register(MicrodataDataset)
class MicrodataDatasetAdmin(admin.ModelAdmin):
    """The codebook a Data Mikro product is priced and cut by (issue #6)."""

    list_display = ["product", "survey", "year", "region_level"]
    search_fields = ["survey", "product__title"]
    raw_id_fields = ["product"]
    exclude = ["master"]
    inlines = [MicrodataVariableInline, MicrodataRegionInline]


@admin.register(MasterVersion)
class MasterVersionAdmin(admin.ModelAdmin):
    """The stored masters (issue #20), read only: they change through the officer's page
    (``catalogue/views_masters.py``) so that orders priced on a version keep its file."""

    list_display = ["product", "number", "kind", "size", "is_current", "uploaded_at"]
    list_filter = ["kind", "is_current"]
    search_fields = ["product__title", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
