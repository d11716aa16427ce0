"""State changes of the PST services of issue #10 (STYLE.md habit 2: one service per change),
one module per service: ``complaints``, ``consultations``, ``recommendations``, ``survey``,
``desk`` (the walk-in counter), and ``common`` for what they share.

Each function runs in one transaction, locks the row it changes, checks its guards, records an
event and sends the e-mails of its step after the commit (``layanan.notify``). Views, staff
pages, commands and ``seed_demo`` change these records only through here. Refusals raise
:class:`ServiceError` (``pst.errors.Refused``) with a message for the user. This package
re-exports every service, so callers write ``from layanan import services`` and
``services.complaint_create(...)`` whichever module holds it.
"""

from pst.uploads import ANONYMOUS_TYPES, DOCUMENT_TYPES, UploadRejected, check_uploads

from .common import (
    ServiceError,
    store_files,
    subject_key_for,
)
from .complaints import (
    complaint_close,
    complaint_create,
    complaint_create_for_late_service,
    complaint_follow_up,
    complaint_reject,
    complaint_track_path,
    complaint_verify,
    late_services_flag,
)
from .consultations import (
    AUTOCLOSE_DAYS,
    consultation_autoclose,
    consultation_close,
    consultation_open,
    consultation_open_walk_in,
    consultation_publish,
    consultation_reply,
    consultation_unpublish,
)
from .desk import (
    guest_register,
    queue_call_next,
    queue_finish,
    queue_ticket_take,
)
from .recommendations import (
    LETTER_SERIES,
    RECOMMENDATION_FIELDS,
    letter_number,
    letter_template_text,
    recommendation_accept,
    recommendation_draft_letter,
    recommendation_issue,
    recommendation_reject,
    recommendation_request_completion,
    recommendation_resubmit,
    recommendation_submit,
    recommendation_submit_walk_in,
    render_letter_pdf,
    verification_url,
    walk_in_applicant,
)
from .survey import (
    survey_submit,
)

__all__ = [
    "ANONYMOUS_TYPES",
    "AUTOCLOSE_DAYS",
    "DOCUMENT_TYPES",
    "LETTER_SERIES",
    "RECOMMENDATION_FIELDS",
    "ServiceError",
    "UploadRejected",
    "check_uploads",
    "complaint_close",
    "complaint_create",
    "complaint_create_for_late_service",
    "complaint_follow_up",
    "complaint_reject",
    "complaint_track_path",
    "complaint_verify",
    "consultation_autoclose",
    "consultation_close",
    "consultation_open",
    "consultation_open_walk_in",
    "consultation_publish",
    "consultation_reply",
    "consultation_unpublish",
    "guest_register",
    "late_services_flag",
    "letter_number",
    "letter_template_text",
    "queue_call_next",
    "queue_finish",
    "queue_ticket_take",
    "recommendation_accept",
    "recommendation_draft_letter",
    "recommendation_issue",
    "recommendation_reject",
    "recommendation_request_completion",
    "recommendation_resubmit",
    "recommendation_submit",
    "recommendation_submit_walk_in",
    "render_letter_pdf",
    "store_files",
    "subject_key_for",
    "survey_submit",
    "verification_url",
    "walk_in_applicant",
]
