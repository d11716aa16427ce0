from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from catalogue.models import MicrodataDataset, MicrodataRegion, MicrodataVariable


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
