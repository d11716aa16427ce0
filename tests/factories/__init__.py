"""factory_boy factories shared by every test layer (STYLE.md: Oscar's ``oscar/test/factories``)."""

from .accounts import StaffUserFactory, UserFactory, user_with_role

__all__ = ["StaffUserFactory", "UserFactory", "user_with_role"]
