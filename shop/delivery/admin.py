"""Read-only Django admin view of the delivered files (STYLE.md habit 4: the admin may look, every
change goes through ``services``)."""

from django.contrib import admin

from shop.billing.admin import ReadOnlyAdmin

from .models import DeliveryItem


@admin.register(DeliveryItem)
class DeliveryItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "order", "buyer", "kind", "expires_at", "max_downloads")
    list_filter = ("kind",)
    exclude = ("token",)
