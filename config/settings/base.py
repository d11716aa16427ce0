"""Settings shared by every environment.

One block per concern (STYLE.md, habit 9): Django core, Wagtail, Oscar, then the project's own
``PST_*``, ``PNBP_*``, ``WATERMARK_*`` and ``SEARCH_*`` blocks. Secrets and service URLs come from
the environment; every one has an embedded default so ``make run`` works on a bare machine.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to load its defaults)

from shop.order import workflow as _order_workflow

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("PST_DATA_DIR", BASE_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Development defaults, printed here so that production.py can refuse them by name.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"
DEV_SIMPONI_NOTIFICATION_SECRET = "dev-only-simponi-notification-secret"
SIMPONI_SIMULATOR = "shop.billing.simponi.simulator.SimulatorAdapter"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
# The one public base of every absolute link the site writes (pst/links.py): e-mails, QR codes,
# the Wagtail admin, Oscar's mails and the Sites record. ``make run`` sets it from its address.
PST_BASE_URL = os.environ.get("PST_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# --- Applications -------------------------------------------------------------------------
INSTALLED_APPS = [
    # Background tasks (pst/tasks.py, docs/operations.md): Django's tasks framework (backport)
    # and its database backend, whose results the Django admin lists ("Task results"). Before
    # pst, whose admin adds an action to that list (pst/admin_tasks.py); no templates of theirs.
    "django_tasks",
    "django_tasks_db",
    # our own apps first so their templates and translations win
    "pst.apps.PstConfig",
    "library.apps.LibraryConfig",
    "layanan.apps.LayananConfig",
    # seed_demo and the demo generators: stands above every app whose data it builds (demo/)
    "demo.apps.DemoConfig",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: runserver serves static files through WhiteNoise, as production does,
    # instead of Django's handler, which answered 500 to /static/..%2f..%2f (issue #15, 12).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # Wagtail (e-pustaka pages and the librarians' admin)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # django-oscar (the shop); forks replace Oscar's app of the same label (docs/forks.md)
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "shop.pricing.apps.PricingConfig",
    "shop.billing.apps.BillingConfig",
    "shop.treasury.apps.TreasuryConfig",
    "shop.delivery.apps.DeliveryConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Failed-login throttling and its audit trail (pst/login_throttle.py)
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pst.middleware.IndonesianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "pst.context_processors.portal",
                "library.context_processors.library",
                "pst.context_processors.staff_desks",
            ],
            # One date, moment and number format on every page (pst.formats, issue #17).
            "builtins": ["pst.templatetags.pst_format"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Embedded default: SQLite in WAL mode in the data folder; PostgreSQL when DATABASE_URL is set.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "pst.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "pst.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or client before any password is checked.
    "pst.login_throttle.LoginThrottleBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "customer:login"
# Each person's own desk after signing in (pst/landing.py).
LOGIN_REDIRECT_URL = "landing"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed-login throttling on every login door (shop, /cms/, /django-admin/; issue #15) with
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one account, or from one client
# address, further tries are refused for AXES_COOLOFF_TIME (each try during the pause restarts
# it). A successful login clears the account's count. Attempts, lockouts and every failure are
# kept for the administrator in the Django admin ("Axes").
AXES_FAILURE_LIMIT = int(os.environ.get("PST_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PST_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_CALLABLE = "pst.login_throttle.account_name"
AXES_LOCKOUT_CALLABLE = "pst.login_throttle.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "login-password"]
# The client address (pst/net.py, docs/operations.md): how many reverse proxies stand in
# front of Django, each appending to X-Forwarded-For (nginx in front of gunicorn: 1). 0, the
# default, ignores the header and takes REMOTE_ADDR. Every rate limit and axes read it.
PST_TRUSTED_PROXY_COUNT = int(os.environ.get("PST_TRUSTED_PROXY_COUNT", "0") or 0)
AXES_CLIENT_IP_CALLABLE = "pst.net.client_ip"

# --- Background tasks (issue #22; pst/tasks.py, docs/operations.md) -------------------------
# The embedded default runs every task at once in the process that enqueues it: no worker, no
# extra server. Production (config/settings/production.py) queues them in the database, where
# ``manage.py pst_worker`` (the django-tasks-db worker plus the schedule) runs them.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "PST_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
# Public store: covers, thumbnails, map previews (served under MEDIA_URL).
# Private store: PDF masters, microdata, buyers' uploads. It has no base URL: files in it are only
# ever streamed by views that check who asks ("Private by default" in DEVELOPERS.md).
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "pst.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("PST_FROM_EMAIL", "PST Online <pst@bps.example.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "PST Online"
WAGTAILADMIN_BASE_URL = PST_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# No autosave in the page editor. Wagtail 8 autosaves a new page's form as a draft: a
# publication whose PDF was just refused became a draft without its file, and a "Publish"
# clicked while that autosave was in flight answered 500 (the slug taken by the draft; seen in
# the librarian's browser journey, issue #16). "Simpan draf" stays one click away.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# The librarian's dashboard showed Wagtail's own release news ("What's new in Wagtail 7.x", in
# English on the Indonesian admin): not the office's business.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Oscar ----------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Toko Produk Statistik"
OSCAR_SHOP_TAGLINE = _("Publications, microdata and WKS maps at PNBP tariffs")
# Oscar's "Home" (breadcrumbs, logout, "continue shopping") is the site's home page; ``/toko/``
# itself leads to the product listing (config/urls.py), so neither redirects to itself.
OSCAR_HOMEPAGE = "/"
# Oscar's e-mails join this scheme to the Sites record's domain (pst/links.py keeps both in step).
OSCAR_URL_SCHEMA = urlsplit(PST_BASE_URL).scheme or "http"
OSCAR_DEFAULT_CURRENCY = "IDR"
# Money follows the page's language: "Rp 1.250.000" in Indonesian, "Rp 1,250,000" in English
# (babel reads the active language); official documents stay Indonesian (issue #17).
OSCAR_CURRENCY_FORMAT = {"IDR": {"format": "Rp #,##0", "currency_digits": False}}
OSCAR_REQUIRED_ADDRESS_FIELDS = ()
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_ALLOW_ANON_REVIEWS = False
# The office neither keeps wish lists nor takes product reviews (issue #16): Oscar then shows no
# "add to wish list" button and no empty stars on the product cards, and serves neither's pages.
OSCAR_HIDDEN_FEATURES = ["wishlists", "reviews"]
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_SEND_REGISTRATION_EMAIL = False
OSCAR_PRODUCTS_PER_PAGE = 24
# A product without a picture shows a picture frame, not Oscar's "Image Not Available" written
# in English inside its placeholder (issue #17); the file is static/oscar/img/no-image.png.
OSCAR_MISSING_IMAGE_URL = "no-image.png"
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "oscar.apps.dashboard.nav.default_access_fn"
# Only the dashboard pages the office works in (docs/forks.md says why each is kept): no offers
# or vouchers (PNBP tariffs are set by regulation), no stock alerts or partners (digital
# products, one office), no product types, options or categories (made by code), no Oscar pages,
# e-mail templates, reviews or reports (Wagtail, the order service's mails, the SKM and the
# treasury's and the service desk's reports do that). Each item is still shown only to those
# its view's permissions let in (the access function), so no one is offered a 403.
OSCAR_DASHBOARD_NAVIGATION = [
    {"label": _("Dashboard"), "icon": "fas fa-list", "url_name": "dashboard:index"},
    {
        "label": _("Catalogue"),
        "icon": "fas fa-sitemap",
        "children": [{"label": _("Products"), "url_name": "dashboard:catalogue-product-list"}],
    },
    {
        "label": _("Fulfilment"),
        "icon": "fas fa-shopping-cart",
        "children": [
            {"label": _("Orders"), "url_name": "dashboard:order-list"},
            {"label": _("Statistics"), "url_name": "dashboard:order-stats"},
        ],
    },
]
HAYSTACK_CONNECTIONS = {
    # Oscar's imports need haystack; haystack cannot talk to Elasticsearch 8, so it stays on the
    # simple engine. The project's own search lives in search/ (SEARCH_* below).
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"},
}
THUMBNAIL_DEBUG = False
THUMBNAIL_KEY_PREFIX = "pst-thumb"

# --- PST portal -----------------------------------------------------------------------------
PST_OFFICE_NAME = os.environ.get("PST_OFFICE_NAME", "Badan Pusat Statistik")
PST_SITE_NAME = "PST Online"
# Letterhead of every generated document (invoice, kuitansi, letters, reports): pst/pdfdoc.py.
PST_OFFICE_ADDRESS = os.environ.get(
    "PST_OFFICE_ADDRESS", "Jl. Dr. Sutomo 6-8, Jakarta 10710 · Telp. (021) 3841195 · pst@bps.go.id"
)
PST_OFFICE_CITY = os.environ.get("PST_OFFICE_CITY", "Jakarta")
# Satuan kerja code used in document numbers (receipts, letters); one office per site.
PST_OFFICE_CODE = os.environ.get("PST_OFFICE_CODE", "0000")
PST_ACTIVATION_TIMEOUT_DAYS = 3
# Service hours that start and end a working day's clock (assumed; set from the office's
# service standard) and the service times of the standards (working days; DOMAIN.md): online
# sale 10, consultation 3, recommendation 30, library online immediate (0). Read by
# pst.calendar for the clocks AND for the public service-standard pages.
PST_OFFICE_HOURS = ("08:00", "16:00")
PST_SERVICE_TIMES = {
    "penjualan": 10,
    "konsultasi": 3,
    "rekomendasi": 30,
    "perpustakaan": 0,
}
# Orders (issue #7, shop/order): the workflow table is the one source of Oscar's pipeline.
OSCAR_INITIAL_ORDER_STATUS = str(_order_workflow.INITIAL_STATUS)
OSCAR_ORDER_STATUS_PIPELINE = _order_workflow.oscar_pipeline()
# A delivered order closes by itself after this many days without a correction request.
PST_ORDER_AUTOCLOSE_DAYS = int(os.environ.get("PST_ORDER_AUTOCLOSE_DAYS", "7"))
# The dashboard flags an order this many working days before its service time runs out.
PST_ORDER_DUE_SOON_WORKING_DAYS = 2
# Invoices are valid one month (DOMAIN.md, one office's standard).
PST_ORDER_INVOICE_VALID_MONTHS = 1
# Buyers' uploads: checked by content (PDF via pypdf, images via Pillow), at most this size
# and, for PDFs, this many pages.
PST_ORDER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
PST_ORDER_UPLOAD_MAX_PAGES = 30
# One pixel bound for every image path (issue #15, finding 7): the same number as
# pst.uploads.MAX_IMAGE_PIXELS, which says why; tests/security/test_uploads.py holds them equal.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
# Rows of the buyer's microdata selection in the sample issued with the invoice.
PST_ORDER_SAMPLE_ROWS = 20
# Free e-pustaka downloads per account: at most this many watermarked copies in this many seconds.
PST_DOWNLOAD_RATE_LIMIT = (20, 3600)
# Reading online (issue #15, finding 8): at most this many page images per account in this many
# seconds, counted in the cache (pst/ratelimit.py). A person reading normally never meets it; a
# script that rebuilds the PDF page by page does, and gets the download limit's 429 page.
PST_READ_PAGE_RATE_LIMIT = (
    int(os.environ.get("PST_READ_PAGES_PER_HOUR", "600")),
    3600,
)
# Public forms of the PST services (layanan/ratelimit.py): at most (count, seconds) submissions
# per IP address and, when signed in, per account; beyond it the form answers 429. The guest
# book is one kiosk (one IP address) for every visitor, hence its larger count.
PST_FORM_RATE_LIMITS = {
    "complaint": (5, 3600),
    "consultation": (10, 3600),
    "recommendation": (5, 3600),
    "survey": (20, 3600),
    "guest_book": (120, 3600),
}
# Password-reset requests (shop/customer/views.py): at most (count, seconds) per asking client
# or account, and per e-mail address typed; each request may send one e-mail.
PST_PASSWORD_RESET_RATE_LIMITS = {"client": (5, 3600), "email": (3, 3600)}
# Largest PDF a librarian may upload or trace (ingest parses the whole file; docs/watermark.md).
PST_LIBRARY_PDF_MAX_BYTES = 200 * 1024 * 1024
# OAI-PMH endpoint /oai/ (library/oai.py, docs/oai-pmh.md): the repository part of every
# oai:<repository>:<id> identifier (a domain name the office owns; never change it once
# harvested), records per list response, and the contact Identify names (else DEFAULT_FROM_EMAIL).
PST_OAI_REPOSITORY_IDENTIFIER = os.environ.get("PST_OAI_REPOSITORY_IDENTIFIER", "pst.bps.go.id")
PST_OAI_PAGE_SIZE = 100
PST_OAI_ADMIN_EMAIL = os.environ.get("PST_OAI_ADMIN_EMAIL", "")

# --- PNBP payment, kuitansi and delivery (shop/billing, issue #8; docs/billing.md) ----------
# SIMPONI adapter: dotted path to a shop.billing.simponi.interface.SimponiAdapter class; the
# embedded default is the local simulator with its bank teller page.
SIMPONI_ADAPTER = os.environ.get("SIMPONI_ADAPTER", SIMPONI_SIMULATOR)
# A deployment may run the simulator only when it says it is a demo (check billing.E002).
SIMPONI_ALLOW_SIMULATOR = os.environ.get("SIMPONI_ALLOW_SIMULATOR", "") == "1"
# HMAC-SHA256 key shared with the sender of payment notifications, and how old (seconds) a
# signed notification may be before it is refused as a possible replay.
SIMPONI_NOTIFICATION_SECRET = os.environ.get(
    "SIMPONI_NOTIFICATION_SECRET", DEV_SIMPONI_NOTIFICATION_SECRET
)
SIMPONI_NOTIFICATION_MAX_AGE = 300
# A kode billing expires after this many days (SIMPONI: 7) and is then re-issued.
PNBP_BILLING_EXPIRY_DAYS = int(os.environ.get("PNBP_BILLING_EXPIRY_DAYS", "7"))
# Kode akun (6 digits) of the office's PNBP from statistical services, printed on the billing.
PNBP_ACCOUNT_CODE = os.environ.get("PNBP_ACCOUNT_CODE", "425411")
# Treasurer's account for transfers from abroad, shown to buyers abroad.
PNBP_TRANSFER_ACCOUNT = os.environ.get(
    "PNBP_TRANSFER_ACCOUNT",
    "Bank Negara Indonesia (BNI), SWIFT BNINIDJA, rekening 0000000000 a.n. Bendahara Penerimaan",
)
# Transfer proofs and signed SPPD scans: PDF, PNG or JPEG, at most this size.
PNBP_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
# Delivered files: each link lives this many days and allows this many downloads.
PNBP_DELIVERY_LINK_DAYS = int(os.environ.get("PNBP_DELIVERY_LINK_DAYS", "14"))
PNBP_DELIVERY_MAX_DOWNLOADS = int(os.environ.get("PNBP_DELIVERY_MAX_DOWNLOADS", "5"))
# Hold microdata delivery until the buyer uploads the signed SPPD (step 7).
PST_HOLD_MICRODATA_UNTIL_SPPD = os.environ.get("PST_HOLD_MICRODATA_UNTIL_SPPD", "") == "1"
# Sell only what can be delivered (issue #20): a product without its master file (publication
# PDF, microdata master and codebook, map) cannot be added to the basket or invoiced.
PST_SELL_ONLY_DELIVERABLE = True

# --- Search ---------------------------------------------------------------------------------
# "database" (SQLite FTS5 / PostgreSQL full text, the embedded default), "elasticsearch", or a
# dotted path to a search.backends.base.SearchBackend subclass (docs/search.md).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
SEARCH_BACKEND_OPTIONS: dict = {}
SEARCH_ELASTICSEARCH_URL = os.environ.get("SEARCH_ELASTICSEARCH_URL", "")
SEARCH_ELASTICSEARCH_INDEX = os.environ.get("SEARCH_ELASTICSEARCH_INDEX", "pst-search")
SEARCH_RESULTS_PER_PAGE = 20
# PDF text kept per publication (characters): enough for any report, under PostgreSQL's 1 MB
# tsvector limit.
SEARCH_FULLTEXT_MAX_CHARS = 200_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
