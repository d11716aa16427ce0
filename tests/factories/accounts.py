"""Accounts: readers, buyers and staff, with the PST profile filled in as a real user would."""

from __future__ import annotations

import factory
from django.utils import timezone

from pst.models import IdentityDocumentType, Residence, User, UserSegment
from pst.services import user_assign_role

#: Every factory user logs in with this password (tests type it into login forms).
DEFAULT_PASSWORD = "rahasia-uji-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A registered user whose e-mail is verified, the usual state of a buyer.

    ``UserFactory(unverified=True)`` is a user who has not opened the activation link yet.
    """

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    class Params:
        unverified = factory.Trait(email_verified_at=None)

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.go.id")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    phone = factory.Sequence(lambda n: f"0812{n:08d}")
    institution = "Universitas Contoh"
    residence = Residence.DOMESTIC
    country = "Indonesia"
    segment = UserSegment.UMUM
    npwp = ""
    identity_document_type = IdentityDocumentType.KTP
    identity_document_number = factory.Sequence(lambda n: f"3171{n:012d}")
    email_verified_at = factory.LazyFunction(timezone.now)
    is_active = True
    password = factory.django.Password(DEFAULT_PASSWORD)


class StaffUserFactory(UserFactory):
    """A member of the office's staff with no role yet; see ``user_with_role``."""

    email = factory.Sequence(lambda n: f"staf{n}@bps.example.go.id")
    full_name = factory.Sequence(lambda n: f"Staf PST {n}")
    institution = "BPS"
    is_staff = True


def user_with_role(role: str, **kwargs) -> User:
    """A staff user put in ``role`` (a name from ``pst.roles``) through the real service, so the
    test sees the same groups, permissions and ``is_staff`` flag as production."""
    user = StaffUserFactory(**kwargs)
    user_assign_role(user=user, role=role)
    user.refresh_from_db()
    return user
