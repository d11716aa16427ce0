"""The treasury's services, one door (STYLE.md habit 2): ``books`` (statements, reconciliation,
the Buku Kas Umum), ``payments`` (confirmation, BPN, transfers, cash, payment exceptions),
``receipts`` (kuitansi), ``expiry`` (invoices that lapse unpaid) and ``refunds`` (refund cases of
lines that cannot be delivered, issue #20). Callers import
``shop.treasury.services`` and find every service here."""

from .books import *  # noqa: F403
from .books import (  # noqa: F401
    PREVIEW_LINES,
    STAGING_DIR,
    IncomeLine,
    income_lines_from_quote,
    staging_prune,
)
from .expiry import ExpiryReport, invoices_expire  # noqa: F401
from .payments import (  # noqa: F401
    ConfirmationResult,
    awaits_payment,
    bpn_record,
    cash_record,
    payment_confirm,
    payment_exception_resolve,
    transfer_proof_reject,
    transfer_proof_submit,
    transfer_proof_verify,
)
from .receipts import (  # noqa: F401
    current_receipt,
    receipt_correct,
    receipt_document,
    receipt_issue,
    receipt_number,
    verification_url,
)
from .refunds import (  # noqa: F401
    RefundError,
    invoiced_line_amount,
    refund_case_open,
    refund_case_settle,
)
