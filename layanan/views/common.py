"""What every layanan view shares: the role guards for the desk, the form rate limit, and
streaming a private upload."""

from __future__ import annotations

from functools import wraps

from django.http import FileResponse, Http404

from pst import roles
from pst.net import rate_limit_subject
from pst.ratelimit import RateLimited, rate_limited_response

from .. import selectors
from ..ratelimit import form_submission_count

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The one role guard (``pst.roles.role_required``) for the desk's two audiences.
staff_required = roles.role_required(*selectors.STAFF_ROLES)
officer_required = roles.role_required(roles.OFFICER)


def limit_submissions(scope: str):
    """Count each POST of a public form against ``PST_FORM_RATE_LIMITS[scope]``
    (``layanan.ratelimit``), per account when signed in, else per client address; past the
    limit the visitor gets a 429 page with the minutes to wait, not the form's work. Put it
    inside ``login_required`` so the account is the one counted."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                try:
                    form_submission_count(scope=scope, subject=rate_limit_subject(request))
                except RateLimited as limited:
                    return rate_limited_response(request, "layanan/rate_limited.html", limited)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def private_file_response(record) -> FileResponse:
    """Stream a private upload as an attachment; callers have checked who asks."""
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
