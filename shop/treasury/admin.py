"""Read-only Django admin views of payments, exceptions, transfer proofs and kuitansi: money
records are append-only (STYLE.md habit 4), so the admin may look but never add, change or
delete; every change goes through ``services`` and the bendahara's pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from shop.billing.admin import ReadOnlyAdmin

from .models import Payment, PaymentException, Receipt, TransferProof


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("invoice", "method", "source", "amount", "ntpn", "paid_at")
    list_filter = ("method", "source")
    search_fields = ("ntpn", "ntb", "reference", "invoice__number", "billing__code")


@admin.register(PaymentException)
class PaymentExceptionAdmin(ReadOnlyAdmin):
    list_display = (
        "kind",
        "billing_code",
        "ntpn",
        "reference",
        "amount",
        "recorded_at",
        "is_resolved",
    )
    list_filter = ("kind", "source")
    search_fields = ("billing_code", "ntpn", "reference")

    @admin.display(boolean=True, description=_("resolved"))
    def is_resolved(self, obj) -> bool:
        return obj.is_resolved


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ("number", "invoice", "amount", "issued_at", "treasurer_name")
    search_fields = ("number", "ntpn", "billing_code", "invoice__number")


@admin.register(TransferProof)
class TransferProofAdmin(ReadOnlyAdmin):
    list_display = ("invoice", "sender_name", "amount", "currency", "status", "submitted_at")
    list_filter = ("status",)
