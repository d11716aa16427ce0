"""Deployment check: a real SIMPONI feed must not be verified with the development secret."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

DEV_SECRET = "dev-only-simponi-notification-secret"
SIMULATOR = "shop.billing.simponi.simulator.SimulatorAdapter"


@checks.register(checks.Tags.security, deploy=True)
def simponi_secret_check(app_configs=None, **kwargs):
    """With a production adapter, payment notifications come from outside: anyone who knows
    the development default could confirm payments (docs/billing.md, notifications)."""
    if settings.SIMPONI_ADAPTER != SIMULATOR and settings.SIMPONI_NOTIFICATION_SECRET == DEV_SECRET:
        return [
            checks.Error(
                "SIMPONI_NOTIFICATION_SECRET is the development default.",
                hint="Set SIMPONI_NOTIFICATION_SECRET to the key shared with the SIMPONI feed.",
                id="billing.E001",
            )
        ]
    return []
