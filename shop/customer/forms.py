"""Registration and profile forms with the PST profile (issue #2).

Every message a user can trigger is translatable and has an Indonesian translation; bad input
gets a message next to its field, never an error page.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.core.compat import get_user_model

from pst.models import PROFILE_FIELDS, UserSegment
from shop.billing.identifiers import is_valid_npwp, normalize_npwp

User = get_user_model()


def npwp_field() -> forms.CharField:
    """Typed as printed (``01.234.567.8-901.000``): longer than the 16 digits stored."""
    return forms.CharField(
        label=_("NPWP"),
        max_length=25,
        required=False,
        help_text=_("Required for private-sector users; 15 or 16 digits."),
    )


class PstProfileFieldsMixin:
    """Shared checks of the profile fields (registration and profile edit)."""

    def _set_help(self) -> None:
        self.fields["full_name"].required = True
        self.fields["phone"].required = True
        self.fields["npwp"].widget.attrs.setdefault("inputmode", "numeric")

    def clean_npwp(self) -> str:
        value = (self.cleaned_data.get("npwp") or "").strip()
        if not value:
            return ""
        if not is_valid_npwp(value):
            raise forms.ValidationError(
                _("NPWP must be 15 digits (e.g. 01.234.567.8-901.000) or 16 digits."),
                code="invalid_npwp",
            )
        return normalize_npwp(value)

    def clean(self):
        cleaned = super().clean()
        missing_npwp = not cleaned.get("npwp") and "npwp" not in self.errors
        if cleaned.get("segment") == UserSegment.SWASTA and missing_npwp:
            self.add_error("npwp", _("An NPWP is required for private-sector (swasta) users."))
        return cleaned


class EmailUserCreationForm(PstProfileFieldsMixin, oscar_forms.EmailUserCreationForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. nama@contoh.go.id.")},
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(label=_("Confirm password"), widget=forms.PasswordInput)
    npwp = npwp_field()

    class Meta(oscar_forms.EmailUserCreationForm.Meta):
        fields = ("email", *PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_help()
        self.order_fields(["email", *PROFILE_FIELDS, "password1", "password2"])

    def clean_email(self) -> str:
        email = oscar_forms.normalise_email(self.cleaned_data["email"])
        if User._default_manager.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. "
                    "Log in or reset your password."
                ),
                code="duplicate_email",
            )
        return email

    def clean_password2(self) -> str:
        password1 = self.cleaned_data.get("password1", "")
        password2 = self.cleaned_data.get("password2", "")
        if password1 != password2:
            raise forms.ValidationError(_("The two passwords do not match."))
        return password2


class UserForm(PstProfileFieldsMixin, oscar_forms.UserForm):
    """Profile edit. The e-mail address is the login and the verified contact: it is shown but
    changed only through a new registration or the administrator."""

    npwp = npwp_field()

    class Meta(oscar_forms.UserForm.Meta):
        fields = PROFILE_FIELDS

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self._set_help()

    def clean_email(self):  # email is not on this form
        return self.user.email


ProfileForm = UserForm
