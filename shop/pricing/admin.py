"""Staff maintain tariff schedules in the Django admin (issue #6).

A schedule in force (or past) is shown read-only and cannot be deleted; a new one must take
effect after it (``shop.pricing.services.tariff_schedule_check_change``).
"""

from django import forms
from django.contrib import admin

from pst.clock import office_today
from shop.pricing.models import TariffSchedule, TariffScheduleItem
from shop.pricing.selectors import tariff_schedule_is_locked
from shop.pricing.services import tariff_schedule_check_change


def _locked(obj) -> bool:
    return obj is not None and tariff_schedule_is_locked(obj, today=office_today())


class TariffScheduleForm(forms.ModelForm):
    class Meta:
        model = TariffSchedule
        fields = ["name", "effective_from", "source", "assumptions"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("effective_from"):
            tariff_schedule_check_change(
                schedule=self.instance if self.instance.pk else None,
                effective_from=cleaned["effective_from"],
            )
        return cleaned


class TariffScheduleItemInline(admin.TabularInline):
    model = TariffScheduleItem
    extra = 0
    min_num = 1

    def has_add_permission(self, request, obj=None):
        return not _locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)


@admin.register(TariffSchedule)
class TariffScheduleAdmin(admin.ModelAdmin):
    form = TariffScheduleForm
    inlines = [TariffScheduleItemInline]
    list_display = ["name", "effective_from", "created_at"]
    readonly_fields = ["created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _locked(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
