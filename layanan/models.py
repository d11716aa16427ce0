"""Records of the PST services of issue #10.

Every request, online or at the counter, lands in the same tables (``channel`` says which door
it came through), so the service-time and performance reports count both the same way.
State changes go through ``layanan/services.py``; each record keeps an append-only event log.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pst.calendar import service_time_days
from pst.models import ServiceKind
from pst.storage import private_storage

from .standards import service_times

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def new_tracking_code() -> str:
    """``ADU-XXXX-XXXX``: the complainant's only handle on an anonymous complaint, so it must be
    unguessable (40 bits) and easy to copy."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"ADU-{raw[:4]}-{raw[4:]}"


def new_verification_token() -> str:
    return secrets.token_urlsafe(18)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    WALK_IN = "walk_in", _("Walk-in")


def _random_name(prefix: str) -> str:
    """Stored names are random: a user's file name never reaches the disk or a URL."""
    return f"layanan/{prefix}/{secrets.token_hex(16)}"


def complaint_upload_to(instance, filename: str) -> str:
    return _random_name("pengaduan")


def consultation_upload_to(instance, filename: str) -> str:
    return _random_name("konsultasi")


def recommendation_upload_to(instance, filename: str) -> str:
    return _random_name("rekomendasi")


def letter_upload_to(instance, filename: str) -> str:
    return _random_name("surat")


class PrivateFile(models.Model):
    """A user's upload kept in the private store; served only by views that check who asks.
    The stored name is random; the original name is kept only for the download header."""

    file = models.FileField(_("file"), storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


# --- Complaints (pengaduan) -------------------------------------------------------------------


class ComplaintStatus(models.TextChoices):
    RECEIVED = "diterima", _("Received")
    VERIFIED = "diverifikasi", _("Verified")
    FOLLOW_UP = "ditindaklanjuti", _("Being followed up")
    CLOSED = "selesai", _("Closed")
    REJECTED = "ditolak", _("Rejected")


#: The complaint workflow as data (STYLE.md habit 3): status -> statuses it may move to.
COMPLAINT_TRANSITIONS: dict[str, frozenset[str]] = {
    ComplaintStatus.RECEIVED: frozenset({ComplaintStatus.VERIFIED, ComplaintStatus.REJECTED}),
    ComplaintStatus.VERIFIED: frozenset({ComplaintStatus.FOLLOW_UP, ComplaintStatus.CLOSED}),
    ComplaintStatus.FOLLOW_UP: frozenset({ComplaintStatus.FOLLOW_UP, ComplaintStatus.CLOSED}),
    ComplaintStatus.CLOSED: frozenset(),
    ComplaintStatus.REJECTED: frozenset(),
}


class Complaint(models.Model):
    """A complaint about a PST service: what happened, where, when, who was involved, how.

    Anonymous complaints keep no personal data at all (no account link, no name, no contact,
    no IP address, evidence stripped of metadata): ``pst_complaint_anonymous_no_personal_data``
    makes the database refuse a row that breaks this. Complaints about late service are created
    by the site itself (``automatic``) with the written notice and the priority flag the service
    standard promises; ``subject_key`` makes them idempotent per late request.
    """

    tracking_code = models.CharField(
        _("tracking code"), max_length=20, unique=True, default=new_tracking_code
    )
    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    what = models.TextField(_("what happened"), max_length=5000)
    where = models.CharField(_("where"), max_length=300, blank=True)
    occurred_on = models.DateField(_("when"), null=True, blank=True)
    who = models.CharField(_("who was involved"), max_length=300, blank=True)
    how = models.TextField(_("how it happened"), max_length=5000, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Order number, download ID or consultation number, if any."),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complainant"),
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    priority = models.BooleanField(_("priority"), default=False)
    automatic = models.BooleanField(_("created automatically"), default=False)
    subject_key = models.CharField(max_length=120, blank=True, editable=False)
    service_due_at = models.DateTimeField(_("service was due at"), null=True, blank=True)
    notice_text = models.TextField(_("written notice"), blank=True)
    resolution = models.TextField(_("closing notes"), blank=True)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-priority", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(
                    complainant__isnull=True, contact_name="", contact_email="", contact_phone=""
                ),
                name="layanan_complaint_anonymous_no_personal_data",
            ),
            models.UniqueConstraint(
                fields=["subject_key"],
                condition=~models.Q(subject_key=""),
                name="layanan_complaint_one_per_late_subject",
            ),
        ]
        indexes = [models.Index(fields=["service", "created_at"])]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status not in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED)

    @property
    def reply_email(self) -> str:
        if self.anonymous:
            return ""
        return self.contact_email or (self.complainant.email if self.complainant else "")


class ComplaintEvidence(PrivateFile):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=complaint_upload_to, max_length=200
    )

    class Meta:
        verbose_name = _("complaint evidence")
        verbose_name_plural = _("complaint evidence")


class ComplaintEvent(models.Model):
    """Append-only history: every status change with the officer's note."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=ComplaintStatus.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.status}"


# --- Consultation ----------------------------------------------------------------------------


class ConsultationTopic(models.TextChoices):
    DATA = "data", _("Data")
    METADATA = "metadata", _("Metadata")
    CLASSIFICATION = "klasifikasi", _("Classification")


class ConsultationStatus(models.TextChoices):
    WAITING = "menunggu", _("Waiting for an officer")
    ANSWERED = "dijawab", _("Answered")
    CLOSED = "ditutup", _("Closed")


class ClosedReason(models.TextChoices):
    OFFICER = "petugas", _("Closed by the officer")
    NO_REPLY = "tanpa_balasan", _("Closed automatically: no reply from the user for 7 days")
    USER = "pengguna", _("Closed by the user")


class Consultation(models.Model):
    """A statistical consultation: a question, then a private thread between the user and the
    officers. The first answer is due 3 working days (``PST_SERVICE_TIMES['konsultasi']``) after
    it was opened (``first_answer_due_at``); it closes by the officer or by itself 7 days after
    the last officer message the user did not reply to (``manage.py consultation_autoclose``).

    Walk-in (issue #10: "walk-in and online work land in the same records"): an officer opens
    the consultation at the counter for a visitor of the guest book (``guest``,
    ``channel=walk_in``). A visitor needs no account, so ``user`` is empty then and the
    visitor's name and contact are read from the guest book entry rather than copied here;
    the visitor's words are messages written by the officer with ``from_officer=False``. Making
    ``user`` optional was the least invasive choice: a placeholder account would create
    accounts people never asked for, and a second table would split the service-time reports.
    ``layanan_consultation_has_requester`` keeps every row tied to a user or a guest entry.
    """

    number = models.CharField(_("number"), max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("user"),
    )
    guest = models.ForeignKey(
        "GuestBookEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("guest book entry"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    topic = models.CharField(_("topic"), max_length=20, choices=ConsultationTopic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.WAITING,
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    first_answer_due_at = models.DateTimeField(_("first answer due at"))
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    last_officer_message_at = models.DateTimeField(null=True, blank=True)
    last_user_message_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_reason = models.CharField(
        _("closed because"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(
        _("published as a public answer"),
        default=False,
        help_text=_("Shown, without the user's name, in the list of answered questions."),
    )
    public_question = models.TextField(_("public question"), blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["status", "first_answer_due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(guest__isnull=False),
                name="layanan_consultation_has_requester",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED

    @property
    def requester_name(self) -> str:
        """The account holder's name, or the walk-in visitor's from the guest book."""
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.guest.name if self.guest_id else ""

    @property
    def requester_email(self) -> str:
        """Where the answers go: the account's address, or the one written in the guest
        book (empty: the walk-in visitor is answered at the counter only)."""
        if self.user_id:
            return self.user.email
        return self.guest.email if self.guest_id else ""


class ConsultationMessage(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_officer = models.BooleanField(default=False)
    body = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.created_at:%Y-%m-%d %H:%M}"


class ConsultationAttachment(PrivateFile):
    message = models.ForeignKey(
        ConsultationMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=consultation_upload_to, max_length=200
    )


# --- Recommendation of statistical activities (Romantik) -----------------------------------


class RecommendationStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Submitted")
    NEEDS_COMPLETION = "perlu_dilengkapi", _("Needs completion")
    COMPLETE = "lengkap", _("Complete and clear")
    DRAFTED = "draf_surat", _("Letter drafted")
    ISSUED = "terbit", _("Recommendation issued")
    REJECTED = "ditolak", _("Rejected")


RECOMMENDATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RecommendationStatus.SUBMITTED: frozenset(
        {
            RecommendationStatus.NEEDS_COMPLETION,
            RecommendationStatus.COMPLETE,
            RecommendationStatus.REJECTED,
        }
    ),
    RecommendationStatus.NEEDS_COMPLETION: frozenset(
        {RecommendationStatus.SUBMITTED, RecommendationStatus.REJECTED}
    ),
    RecommendationStatus.COMPLETE: frozenset(
        {RecommendationStatus.DRAFTED, RecommendationStatus.NEEDS_COMPLETION}
    ),
    RecommendationStatus.DRAFTED: frozenset(
        {RecommendationStatus.DRAFTED, RecommendationStatus.ISSUED}
    ),
    RecommendationStatus.ISSUED: frozenset(),
    RecommendationStatus.REJECTED: frozenset(),
}


class Recommendation(models.Model):
    """A request for a recommendation of a planned statistical activity (survey) by an agency.

    The 30-working-day clock (``PST_SERVICE_TIMES['rekomendasi']``) starts when the officer
    finds the plan complete and clear (``completed_at``). A walk-in request (``channel``,
    ``guest``) is entered by the officer at the counter but still belongs to the applicant's
    account: the letter is addressed and sent to the applicant and completions are made over
    weeks, which an account-less visitor could not follow. The letter number is given when the
    head of office issues it, from ``pst.sequences.next_number`` (gap-free per year), guarded by
    ``layanan_recommendation_letter_number_unique``.
    """

    number = models.CharField(_("request number"), max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("applicant"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    guest = models.ForeignKey(
        "GuestBookEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("guest book entry"),
    )
    title = models.CharField(_("activity title"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=300)
    purpose = models.TextField(_("purpose"), max_length=5000)
    method = models.TextField(_("data collection method"), max_length=5000)
    population = models.TextField(_("population"), max_length=2000)
    sample = models.TextField(_("sample and sampling design"), max_length=2000)
    variables = models.TextField(_("variables"), max_length=5000)
    schedule_start = models.DateField(_("activity starts"))
    schedule_end = models.DateField(_("activity ends"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("complete and clear since"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    letter_text = models.TextField(_("letter text"), blank=True)
    letter_year = models.PositiveIntegerField(null=True, blank=True)
    letter_sequence = models.PositiveIntegerField(null=True, blank=True)
    letter_number = models.CharField(_("letter number"), max_length=60, blank=True)
    letter_pdf = models.FileField(
        storage=private_storage, upload_to=letter_upload_to, max_length=200, blank=True
    )
    verification_token = models.CharField(max_length=40, unique=True, null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("activity recommendation")
        verbose_name_plural = _("activity recommendations")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter_year", "letter_sequence"],
                name="layanan_recommendation_letter_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(schedule_end__gte=models.F("schedule_start")),
                name="layanan_recommendation_schedule_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class RecommendationAttachment(PrivateFile):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=recommendation_upload_to, max_length=200
    )


class RecommendationEvent(models.Model):
    """Append-only history: submissions, requests for completion (with what is missing),
    the draft and the issue."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(max_length=20, choices=RecommendationStatus.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.status}"


# --- Satisfaction survey (SKM) ---------------------------------------------------------------


class SatisfactionSurvey(models.Model):
    """One questionnaire of the SKM (PermenPANRB 14/2017): nine elements scored 1-4, about one
    completed service. Computed into the IKM by ``pst.ikm.compute_ikm``."""

    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="satisfaction_surveys",
    )
    subject_key = models.CharField(max_length=120, blank=True)
    u1 = models.PositiveSmallIntegerField(_("Requirements"))
    u2 = models.PositiveSmallIntegerField(_("System, mechanism and procedure"))
    u3 = models.PositiveSmallIntegerField(_("Completion time"))
    u4 = models.PositiveSmallIntegerField(_("Cost/tariff"))
    u5 = models.PositiveSmallIntegerField(_("Product specification"))
    u6 = models.PositiveSmallIntegerField(_("Officer competence"))
    u7 = models.PositiveSmallIntegerField(_("Officer behaviour"))
    u8 = models.PositiveSmallIntegerField(_("Handling of complaints, suggestions and input"))
    u9 = models.PositiveSmallIntegerField(_("Facilities"))
    suggestion = models.TextField(_("suggestion"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    ELEMENT_FIELDS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    **{f"u{i}__gte": 1 for i in range(1, 10)},
                    **{f"u{i}__lte": 4 for i in range(1, 10)},
                ),
                name="layanan_skm_scores_1_to_4",
            ),
            models.UniqueConstraint(
                fields=["subject_key"],
                condition=~models.Q(subject_key=""),
                name="layanan_skm_once_per_service",
            ),
        ]
        indexes = [models.Index(fields=["service", "created_at"])]

    def __str__(self) -> str:
        return f"SKM {self.service} {self.created_at:%Y-%m-%d}"

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in self.ELEMENT_FIELDS)


# --- Walk-in desk ----------------------------------------------------------------------------


class QueueStatus(models.TextChoices):
    WAITING = "menunggu", _("Waiting")
    CALLED = "dipanggil", _("Called")
    SERVED = "selesai", _("Served")
    LEFT = "pergi", _("Left without service")


class QueueTicket(models.Model):
    """A queue number at the counter. The walk-in standard: each visitor is served within
    10 minutes (library 5) of the previous number; ``waited`` in the reports is the time from
    the later of taking the ticket and the previous call to this ticket's call."""

    day = models.DateField(_("date"))
    number = models.PositiveIntegerField(_("queue number"))
    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=QueueStatus.choices, default=QueueStatus.WAITING
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    called_at = models.DateTimeField(null=True, blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    counter = models.CharField(_("counter"), max_length=20, blank=True)
    survey_token = models.CharField(max_length=40, unique=True, default=new_verification_token)

    class Meta:
        ordering = ["day", "number"]
        constraints = [
            models.UniqueConstraint(fields=["day", "number"], name="layanan_queue_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.display_number}"

    @property
    def display_number(self) -> str:
        return f"{self.number:03d}"


class GuestBookEntry(models.Model):
    """Buku tamu: who came to the office, for which service, and the queue number they got."""

    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    purpose = models.TextField(_("purpose of the visit"), max_length=2000)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ticket = models.OneToOneField(
        QueueTicket, on_delete=models.PROTECT, related_name="guest", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guest book entry")
        verbose_name_plural = _("guest book")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d})"


# --- Service standards and maklumat (Wagtail pages) ------------------------------------------


class ServiceStandardPage(Page):
    """The published standard of one service. Staff edit the text in the Wagtail admin; the
    service time is not a field: the template shows ``PST_SERVICE_TIMES`` through
    ``pst.calendar.service_time_days``, the same number every clock uses (issue #10)."""

    service = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    requirements = RichTextField(_("requirements"), blank=True)
    procedure = RichTextField(_("procedure"), blank=True)
    fee = RichTextField(_("fee"), blank=True)
    product = RichTextField(_("product"), blank=True)
    complaint_channels = RichTextField(_("complaint channels"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("service"),
        FieldPanel("requirements"),
        FieldPanel("procedure"),
        FieldPanel("fee"),
        FieldPanel("product"),
        FieldPanel("complaint_channels"),
    ]
    template = "layanan/service_standard_page.html"

    class Meta:
        verbose_name = _("service standard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["service_time_days"] = service_time_days(self.service)
        except KeyError:
            context["service_time_days"] = None
        return context


class MaklumatPage(Page):
    """The service pledge (maklumat pelayanan), with every service's time from settings."""

    body = RichTextField(_("pledge"))
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("signed_by")]
    template = "layanan/maklumat_page.html"

    class Meta:
        verbose_name = _("service pledge (maklumat)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_times"] = service_times()
        return context
