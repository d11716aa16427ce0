from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import PROFILE_FIELDS, STAFF_PROFILE_FIELDS, OfficeDay, ServiceRating, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "segment", "institution", "is_staff", "email_verified_at"]
    list_filter = ["segment", "residence", "is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "full_name", "institution", "npwp", "nip"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {"fields": [*PROFILE_FIELDS, "email_verified_at"]},
        ),
        (_("Office staff"), {"fields": list(STAFF_PROFILE_FIELDS)}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "segment", "npwp", "password1", "password2"],
            },
        ),
    ]


@admin.register(ServiceRating)
class ServiceRatingAdmin(admin.ModelAdmin):
    """Read-only: ratings are what users said; staff read them, nobody edits them."""

    list_display = ["created_at", "service", "score", "user"]
    list_filter = ["service", "score"]
    search_fields = ["comment", "user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OfficeDay)
class OfficeDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"


from . import admin_tasks  # noqa: E402, F401  (the task results' "run again", issue #22)
