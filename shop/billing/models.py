"""Records of the kode billing (issue #8): the codes issued through the SIMPONI adapter, the
simulator's side of SIMPONI, and the nonces of accepted notifications. docs/billing.md is their
map. Payments and kuitansi are the treasury's (``shop.treasury.models``), delivered files the
delivery's (``shop.delivery.models``) since issue #19.

A billing that expired unpaid is re-issued as a new :class:`Billing` that ``replaces`` the void
one (STYLE.md habit 4). Uniqueness is the database's job (habit 5): billing codes, one live
billing per invoice, notification nonces. The treasury reads these models for reconciliation: a
statement line matches a :class:`Billing` by ``code``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 0}


# --- Billing codes -----------------------------------------------------------------------------


class BillingStatus(models.TextChoices):
    UNPAID = "unpaid", _("unpaid")
    PAID = "paid", _("paid")
    VOID = "void", _("void")


class Billing(models.Model):
    """A kode billing issued through the SIMPONI adapter for one invoice (DOMAIN.md).

    ``status`` is the shop's view: unpaid until a payment is confirmed, void when an expired
    code was re-issued (the new billing ``replaces`` it), when cash paid the invoice instead, or
    when the invoice lapsed unpaid (``shop.treasury.services.invoices_expire``). "Expired" is
    not stored: it is an unpaid billing past ``expires_at`` (:attr:`is_expired`), because time,
    not a write, makes it so. At most one billing per invoice is not void (a constraint).
    """

    invoice = models.ForeignKey(
        "order.Invoice",
        on_delete=models.PROTECT,
        related_name="billings",
        verbose_name=_("invoice"),
    )
    code = models.CharField(_("kode billing"), max_length=15, unique=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    payer_name = models.CharField(_("payer name"), max_length=200)
    account_code = models.CharField(_("kode akun"), max_length=6)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(
        _("status"), max_length=10, choices=BillingStatus.choices, default=BillingStatus.UNPAID
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("billing")
        verbose_name_plural = _("billings")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice"],
                condition=~Q(status="void"),
                name="billing_one_live_per_invoice",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_expired(self) -> bool:
        return self.status == BillingStatus.UNPAID and self.expires_at <= timezone.now()

    @property
    def display_status(self) -> str:
        return str(_("expired")) if self.is_expired else self.get_status_display()


class SimulatedBilling(models.Model):
    """SIMPONI's own side, as the local simulator keeps it (``simponi/simulator.py``).

    Separate from :class:`Billing` on purpose: with a production adapter this table stays empty
    and SIMPONI holds these facts. Codes are unique here too, as SIMPONI guarantees.
    """

    code = models.CharField(_("kode billing"), max_length=15, unique=True)
    reference = models.CharField(_("reference"), max_length=64)
    payer_name = models.CharField(_("payer name"), max_length=200)
    description = models.CharField(_("description"), max_length=255)
    account_code = models.CharField(_("kode akun"), max_length=6)
    amount = models.DecimalField(_("amount"), **MONEY)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    ntpn = models.CharField("NTPN", max_length=16, null=True, blank=True, unique=True)
    ntb = models.CharField("NTB", max_length=32, blank=True)
    bank_code = models.CharField(_("bank code"), max_length=10, blank=True)
    # Set when an expired code is replaced for the same reference (a reissue): the open row of
    # a reference is the one a retry of create_billing returns (interface contract).
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(superseded_at__isnull=True),
                name="simulated_billing_one_open_code_per_reference",
            ),
        ]
        verbose_name = _("simulated SIMPONI billing")
        verbose_name_plural = _("simulated SIMPONI billings")

    def __str__(self) -> str:
        return self.code


class NotificationNonce(models.Model):
    """Every accepted notification's nonce: the constraint that makes a replay fail."""

    nonce = models.CharField(max_length=64, unique=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification nonce")
        verbose_name_plural = _("notification nonces")

    def __str__(self) -> str:
        return self.nonce
