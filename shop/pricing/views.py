"""The public "Tarif PNBP" page, generated from the schedule data (issue #6)."""

from __future__ import annotations

from django.views.generic import TemplateView

from pst.clock import office_today
from shop.pricing.selectors import tariff_schedules, worked_examples


class TariffPageView(TemplateView):
    """Every schedule (in force, upcoming, past) and worked examples under the one in force.

    DOMAIN.md step 1: the buyer reads the PNBP tariff terms before choosing products.
    """

    template_name = "pricing/tariff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = office_today()
        schedules = tariff_schedules()
        in_force = max(
            (s for s in schedules if s.effective_from <= today),
            key=lambda s: s.effective_from,
            default=None,
        )
        context.update(
            today=today,
            in_force=in_force,
            upcoming=[s for s in schedules if s.effective_from > today],
            past=[
                s
                for s in reversed(schedules)
                if in_force and s.effective_from < in_force.effective_from
            ],
            examples=worked_examples(on=today, schedules=schedules) if in_force else [],
        )
        return context
