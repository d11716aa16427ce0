"""A spy in front of the SIMPONI simulator: records every call that reaches the adapter, and can
run something in the middle of ``create_billing`` (another request racing the first)."""

from __future__ import annotations

from collections.abc import Callable

from shop.billing.simponi.interface import BillingIssued, BillingRequest, BillingStatus
from shop.billing.simponi.simulator import SimulatorAdapter

SPY_PATH = "tests.factories.simponi.SpyAdapter"


class SpyAdapter:
    """``SIMPONI_ADAPTER = SPY_PATH``; ``get_adapter()`` makes a new instance each time, so the
    record is kept on the class (:meth:`reset` between tests)."""

    calls: list[tuple[str, object]] = []
    # Run once, inside the next create_billing, before the simulator answers it.
    meanwhile: Callable[[], object] | None = None

    @classmethod
    def reset(cls) -> None:
        cls.calls = []
        cls.meanwhile = None

    def create_billing(self, request: BillingRequest) -> BillingIssued:
        type(self).calls.append(("create_billing", request))
        meanwhile, type(self).meanwhile = type(self).meanwhile, None
        if meanwhile is not None:
            meanwhile()
        return SimulatorAdapter().create_billing(request)

    def query_status(self, code: str) -> BillingStatus | None:
        type(self).calls.append(("query_status", code))
        return SimulatorAdapter().query_status(code)
