"""Deployment checks on payments (``check --deploy``; docs/billing.md, notifications).

``config.settings.production`` already refuses to import with these defaults; the checks keep
any other settings module honest too (issue #15, finding 1).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def simponi_deploy_check(app_configs=None, **kwargs):
    """E001: anyone who reads the source could sign a notification that marks an order paid
    with the development secret. E002: the simulator is a demo bank (its teller marks any code
    paid); a deployment runs it only when ``SIMPONI_ALLOW_SIMULATOR=1`` says it is a demo."""
    errors = []
    if settings.SIMPONI_NOTIFICATION_SECRET == settings.DEV_SIMPONI_NOTIFICATION_SECRET:
        errors.append(
            checks.Error(
                "SIMPONI_NOTIFICATION_SECRET is the development default.",
                hint="Set SIMPONI_NOTIFICATION_SECRET to the key shared with the SIMPONI feed.",
                id="billing.E001",
            )
        )
    simulator = settings.SIMPONI_ADAPTER == settings.SIMPONI_SIMULATOR
    if simulator and not settings.SIMPONI_ALLOW_SIMULATOR:
        errors.append(
            checks.Error(
                "SIMPONI_ADAPTER is the SIMPONI simulator.",
                hint="Name the real adapter in SIMPONI_ADAPTER, or set SIMPONI_ALLOW_SIMULATOR=1 "
                "for a demo deployment.",
                id="billing.E002",
            )
        )
    return errors
