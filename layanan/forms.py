"""Forms of the PST services: they collect and shape input; the rules live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pst.models import ServiceKind
from pst.uploads import MAX_FILES

from .models import ConsultationTopic, SatisfactionSurvey


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by content in ``pst.uploads``."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("PDF, JPG, PNG, DOCX or XLSX, at most 5 MB each, at most %(n)s files.")
            % {"n": MAX_FILES},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ComplaintForm(forms.Form):
    service = forms.ChoiceField(label=_("Which service"), choices=ServiceKind.choices)
    what = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    where = forms.CharField(label=_("Where"), required=False, max_length=300)
    occurred_on = forms.DateField(
        label=_("When"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    who = forms.CharField(label=_("Who was involved"), required=False, max_length=300)
    how = forms.CharField(
        label=_("How it happened"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reference = forms.CharField(
        label=_("Reference (order number, download ID, …)"), required=False, max_length=100
    )
    evidence = MultipleFileField(label=_("Evidence"))
    anonymous = forms.BooleanField(
        label=_("File anonymously (no name or contact is kept; keep the tracking code)"),
        required=False,
    )
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            for name in ("contact_name", "contact_email", "contact_phone"):
                del self.fields[name]


class TrackForm(forms.Form):
    kode = forms.CharField(label=_("Tracking code"), max_length=20)


class StaffNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=ConsultationTopic.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(label=_("Attachments"))


class WalkInConsultationForm(ConsultationForm):
    """What the officer types at the counter: the visitor's question and, when answered on
    the spot, the answer given."""

    body = forms.CharField(
        label=_("The visitor's question"), widget=forms.Textarea(attrs={"rows": 5})
    )
    answer = forms.CharField(
        label=_("Answer given at the counter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Leave empty to answer later; the 3-working-day clock runs from now."),
    )
    close = forms.BooleanField(label=_("Close the consultation now"), required=False)
    field_order = ["topic", "subject", "body", "answer", "close", "attachments"]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(label=_("Attachments"))


class PublishForm(forms.Form):
    public_question = forms.CharField(
        label=_("Question as published"), widget=forms.Textarea(attrs={"rows": 3})
    )
    public_answer = forms.CharField(
        label=_("Answer as published"), widget=forms.Textarea(attrs={"rows": 5})
    )


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Activity title"), max_length=300)
    organiser = forms.CharField(label=_("Organiser"), max_length=300)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.CharField(
        label=_("Data collection method"), widget=forms.Textarea(attrs={"rows": 3})
    )
    population = forms.CharField(label=_("Population"), widget=forms.Textarea(attrs={"rows": 2}))
    sample = forms.CharField(
        label=_("Sample and sampling design"), widget=forms.Textarea(attrs={"rows": 2})
    )
    variables = forms.CharField(label=_("Variables"), widget=forms.Textarea(attrs={"rows": 3}))
    schedule_start = forms.DateField(
        label=_("Activity starts"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    schedule_end = forms.DateField(
        label=_("Activity ends"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    attachments = MultipleFileField(label=_("Attachments (questionnaire, proposal, …)"))
    note = forms.CharField(
        label=_("Note to the officer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("schedule_start"), data.get("schedule_end")
        if start and end and end < start:
            self.add_error("schedule_end", _("The activity cannot end before it starts."))
        return data


class LetterDraftForm(forms.Form):
    letter_text = forms.CharField(label=_("Letter text"), widget=forms.Textarea(attrs={"rows": 12}))


SCORE_CHOICES = [(4, "4"), (3, "3"), (2, "2"), (1, "1")]


class SurveyForm(forms.Form):
    """The nine elements of PermenPANRB 14/2017, each 1 (not good) to 4 (very good)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SatisfactionSurvey.ELEMENT_FIELDS:
            label = SatisfactionSurvey._meta.get_field(name).verbose_name
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
        self.fields["suggestion"] = forms.CharField(
            label=_("Suggestion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )


class GuestBookForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    institution = forms.CharField(label=_("Institution"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    service = forms.ChoiceField(
        label=_("Service"),
        choices=[c for c in ServiceKind.choices if c[0] != ServiceKind.COMPLAINT],
    )
    purpose = forms.CharField(
        label=_("Purpose of the visit"), widget=forms.Textarea(attrs={"rows": 2})
    )
