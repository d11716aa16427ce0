"""The administrator's list of task results (django-tasks-db's admin, "Task results"), with
one action more: run the selected tasks again. Every task of the site is idempotent (pst/tasks.py),
so running a failed one again, or a finished one twice, changes nothing it already did."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class TaskResultAdmin(DBTaskResultAdmin):
    actions = ["run_again"]

    @admin.action(description=_("Run the selected tasks again"))
    def run_again(self, request, queryset):
        count = 0
        for row in queryset:
            row.task.enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d task queued again.", "%(count)d tasks queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
