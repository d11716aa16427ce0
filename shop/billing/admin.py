"""Read-only Django admin views of the kode billing records (the treasury's and the delivery's
admins reuse :class:`ReadOnlyAdmin`): money records are append-only
(STYLE.md habit 4), so the admin may look but never add, change or delete; every change goes
through ``services.py`` and the bendahara's pages."""

from django.contrib import admin

from .models import Billing


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Billing)
class BillingAdmin(ReadOnlyAdmin):
    list_display = ("code", "invoice", "amount", "status", "issued_at", "expires_at")
    list_filter = ("status",)
    search_fields = ("code", "invoice__number")
