"""Run inside the served site (``scripts/serve.sh manage shell -c "exec(open(...).read())"``) by
benchmarks/load.py: what the load run needs from the seeded demo, printed as one JSON line.

- ``readers``: signed-in sessions of benchmark readers (``bench-reader-N@pst.demo``, verified,
  created once). The download limit (``PST_DOWNLOAD_RATE_LIMIT``, 20 an hour per account) stays
  as in production, so the stamped downloads are spread over many accounts, and their earlier
  benchmark downloads are removed first (this is the benchmark's throwaway site).
- ``staff``: sessions of the demo's buyer, officer and bendahara.
- the addresses of a downloadable publication, a product, an order for the officer and the
  path of the master PDF and of a bank statement the demo imported.

The sessions are made with Django's session store, as a login would, so the benchmark does not
spend its time (or the login throttle's patience) on hundreds of logins.
"""

import json
import os

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.middleware.csrf import _get_new_csrf_string
from django.utils import timezone
from oscar.core.loading import get_model

from library.models import Download, PublicationPage
from library.selectors import published_publications
from pst.models import User
from pst.storage import private_storage
from shop.treasury.models import StatementFile

SessionStore = __import__(
    settings.SESSION_ENGINE, fromlist=["SessionStore"]
).SessionStore  # the engine production configures (cached_db)
BACKEND = "django.contrib.auth.backends.ModelBackend"
READERS = int(os.environ.get("BENCH_READERS", "200"))


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


readers = []
for n in range(READERS):
    user, created = User.objects.get_or_create(
        email=f"bench-reader-{n}@pst.demo",
        defaults={"full_name": f"Pembaca Uji Beban {n}", "email_verified_at": timezone.now()},
    )
    if created:
        user.set_unusable_password()
        user.save()
    readers.append(user)
Download.objects.filter(reader__in=readers).delete()

publication = (
    published_publications().exclude(master_dir="").filter(is_free=True).order_by("pk").first()
)
Product = get_model("catalogue", "Product")
product = Product.objects.filter(is_public=True).exclude(structure="parent").order_by("pk").first()
Order = get_model("order", "Order")
order = Order.objects.order_by("-pk").first()
statement = StatementFile.objects.order_by("-pk").first()
staff = {
    role: session_for(User.objects.get(email=email))
    for role, email in [
        ("buyer", "pembeli@pst.demo"),
        ("officer", "petugas@pst.demo"),
        ("treasurer", "bendahara@pst.demo"),
    ]
}
print(
    "BENCH-SETUP "
    + json.dumps(
        {
            "readers": [session_for(user) for user in readers],
            "staff": staff,
            "csrf": _get_new_csrf_string(),
            "publication_url": publication.url,
            "publication_id": publication.pk,
            "master_pdf": private_storage().path(f"{publication.master_dir}/master.pdf"),
            "product_url": product.get_absolute_url(),
            "product_id": product.pk,
            "order_number": order.number if order else "",
            "statement_path": private_storage().path(statement.file.name) if statement else "",
            "statement_bank": statement.bank if statement else "",
            "publications": PublicationPage.objects.live().count(),
        }
    )
)
