"""One account for every PST service (readers, buyers and staff log in the same way)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class UserSegment(models.TextChoices):
    """Who the user is, as the PNBP Rp0 rules need it (DOMAIN.md, "Rp0 tariff")."""

    UMUM = "umum", _("General public / individual")
    MAHASISWA = "mahasiswa", _("Student")
    PENELITI = "peneliti", _("Researcher")
    SWASTA = "swasta", _("Private sector / business")
    INSTANSI_PEMERINTAH = "instansi_pemerintah", _("Central/regional government body")
    LEMBAGA_NEGARA = "lembaga_negara", _("State institution")
    INSTITUSI_PENDIDIKAN = "institusi_pendidikan", _("Domestic educational institution")
    PERWAKILAN_ASING = "perwakilan_asing", _("Foreign mission")
    LEMBAGA_INTERNASIONAL = "lembaga_internasional", _("International organisation")


class Residence(models.TextChoices):
    DOMESTIC = "dalam_negeri", _("Domestic (Indonesia)")
    ABROAD = "luar_negeri", _("Abroad")


class IdentityDocumentType(models.TextChoices):
    KTP = "ktp", _("Identity card (KTP)")
    SIM = "sim", _("Driving licence (SIM)")
    PASPOR = "paspor", _("Passport")
    KITAS = "kitas", _("Residence permit (KITAS/KITAP)")


#: The PST profile every service asks for, in the order forms show it.
PROFILE_FIELDS = (
    "full_name",
    "phone",
    "institution",
    "residence",
    "country",
    "segment",
    "npwp",
    "identity_document_type",
    "identity_document_number",
)


#: Staff fields, shown in the admin only (a buyer's profile form never asks for them).
STAFF_PROFILE_FIELDS = ("nip",)

_NIP = re.compile(r"\d{18}", re.ASCII)


def validate_nip(value: str) -> None:
    """A NIP (Nomor Induk Pegawai) is 18 digits: date of birth (8), month of appointment (6),
    sex (1) and a sequence number (3); documents print it as stored."""
    if value and not _NIP.fullmatch(value):
        raise ValidationError(
            _("A NIP has exactly 18 digits, without spaces or dots (e.g. 198503152010121002).")
        )


class User(AbstractUser):
    """Oscar's e-mail user plus the profile every PST service asks for.

    ``email_verified_at`` is separate from ``is_active``: a registered user can log in and edit
    the profile at once, but downloads and orders wait for the activation link (issue #2).
    """

    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    residence = models.CharField(
        _("residence"), max_length=20, choices=Residence.choices, default=Residence.DOMESTIC
    )
    country = models.CharField(_("country"), max_length=100, default="Indonesia")
    segment = models.CharField(
        _("user segment"),
        max_length=30,
        choices=UserSegment.choices,
        default=UserSegment.UMUM,
    )
    npwp = models.CharField(
        _("NPWP"),
        max_length=16,
        blank=True,
        help_text=_("Required for private-sector users; 15 or 16 digits."),
    )
    identity_document_type = models.CharField(
        _("identity document type"),
        max_length=10,
        choices=IdentityDocumentType.choices,
        default=IdentityDocumentType.KTP,
    )
    identity_document_number = models.CharField(
        _("identity document number"), max_length=40, blank=True
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text=_(
            "Office staff only: the 18-digit civil servant number (NIP), printed under the "
            "signature on invoices, kuitansi and letters."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(segment="swasta") | ~models.Q(npwp=""),
                name="pst_user_swasta_requires_npwp",
                violation_error_message=_("Private-sector users must provide an NPWP."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split() or [self.email])[0]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class ServiceKind(models.TextChoices):
    """The PST services a user can rate or complain about (the four doors of the PST plus the
    complaint desk itself), as the service standards name them."""

    LIBRARY = "perpustakaan", _("Library")
    SALES = "penjualan", _("Sale of statistical products")
    CONSULTATION = "konsultasi", _("Statistical consultation")
    RECOMMENDATION = "rekomendasi", _("Statistical activity recommendation")
    COMPLAINT = "pengaduan", _("Complaint handling")


class ServiceRating(models.Model):
    """A user's 1–5 rating and comment on one service they received (a download, an order, a
    consultation…). One row per user and rated object: rating again replaces nothing, it is
    refused, so the statistics count each service once. The rated object is generic because
    every service has its own model; ``object_id`` is a string so UUID and integer keys fit."""

    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    user = models.ForeignKey(
        "pst.User", on_delete=models.PROTECT, related_name="service_ratings", verbose_name=_("user")
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True
    )
    object_id = models.CharField(max_length=64, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="pst_rating_score_1_to_5"
            ),
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"],
                condition=~models.Q(object_id=""),
                name="pst_rating_once_per_subject",
            ),
        ]
        indexes = [models.Index(fields=["service", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.score}/5"


class OfficeDayKind(models.TextChoices):
    CUTI_BERSAMA = "cuti_bersama", _("Collective leave (cuti bersama)")
    EXTRA_WORKING_DAY = "hari_kerja", _("Extra working day")


class OfficeDay(models.Model):
    """A date the office's calendar treats differently from the national one: a collective leave
    day it observes (set yearly by the joint ministerial decree, SKB), or a working day that a
    holiday estimate got wrong. Feeds :func:`pst.calendar.office_calendar`, hence every service
    clock and the cash deposit deadline."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeDayKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("office calendar day")
        verbose_name_plural = _("office calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class DocumentSequence(models.Model):
    """The last number drawn in one numbering scheme, per office and year: receipt (kuitansi),
    invoice, letter and queue numbers all come from here through
    :func:`pst.sequences.next_number`. Drawing locks the row (``select_for_update``) until the
    caller's transaction ends, so two clerks clicking at once get consecutive numbers and a
    rolled-back document gives its number back: numbers are gap-free. ``office`` is empty for a
    scheme the whole site shares. The numbered documents keep their own unique constraint as
    the last guard."""

    scheme = models.CharField(_("numbering scheme"), max_length=40)
    office = models.CharField(_("office code"), max_length=10, blank=True, default="")
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "office", "year"], name="pst_document_sequence_once"
            )
        ]
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")

    def __str__(self) -> str:
        office = f"{self.office}/" if self.office else ""
        return f"{self.scheme}/{office}{self.year}: {self.last}"
