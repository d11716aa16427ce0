"""The bendahara's records (issue #9; payments and kuitansi since issue #19): ``books`` holds
statements, reconciliation and the Buku Kas Umum, ``payments`` the money received and the
receipts, ``refunds`` the refund cases of lines that cannot be delivered (issue #20).
Everything is importable from ``shop.treasury.models``."""

from .books import *  # noqa: F403
from .books import MONEY, _statement_path  # noqa: F401
from .payments import *  # noqa: F403  (its __all__: the models and their choices)
from .payments import _proof_path, _receipt_path  # noqa: F401
from .refunds import *  # noqa: F403
