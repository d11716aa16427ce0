"""SIMPONI adapter package: the contract (:mod:`.interface`), notification signatures
(:mod:`.signing`) and the embedded local simulator (:mod:`.simulator`).

:func:`get_adapter` returns the adapter named by ``settings.SIMPONI_ADAPTER`` (a dotted path to a
class that implements :class:`~.interface.SimponiAdapter`, instantiated without arguments).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .interface import SimponiAdapter

__all__ = ["get_adapter"]


def get_adapter() -> SimponiAdapter:
    adapter = import_string(settings.SIMPONI_ADAPTER)()
    if not isinstance(adapter, SimponiAdapter):
        raise TypeError(f"{settings.SIMPONI_ADAPTER} does not implement SimponiAdapter")
    return adapter
