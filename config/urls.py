"""URL map (issue #2): Wagtail at ``/``, the shop under ``/toko/``, the Wagtail admin at
``/cms/`` and Django's admin at ``/django-admin/``."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from oscar.views.decorators import login_forbidden
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from library.oai import oai_pmh
from pst.views import dashboard_front, landing
from shop.billing import urls as billing_urls
from shop.customer import views as customer_views
from shop.delivery import urls as delivery_urls
from shop.treasury import urls as treasury_urls

#: The buyer's ``/bayar/`` tree: kode billing and SIMPONI's notifications (billing), transfer
#: proofs and kuitansi (treasury), the payment page, SPPD and downloads (delivery). One namespace,
#: ``billing``, as before issue #19: its addresses are printed on kuitansi, sent in e-mails and
#: configured at SIMPONI. The desk's old addresses under /bayar/bendahara/ redirect (301).
pay_urlpatterns = (
    billing_urls.urlpatterns
    + treasury_urls.buyer_urlpatterns
    + delivery_urls.urlpatterns
    + treasury_urls.moved_urlpatterns
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    # Before the shop: buyers' order actions and private order files (shop/order, issue #7).
    path("toko/pesanan/", include("shop.order.urls")),
    # The shop's front door is its product listing (Oscar's own "" redirects to OSCAR_HOMEPAGE).
    path("toko/", RedirectView.as_view(pattern_name="catalogue:index"), name="shop-front"),
    # Before Oscar's: the same password-reset address, with a limit on requests (issue #15, 5).
    path(
        "toko/password-reset/",
        login_forbidden(customer_views.PasswordResetView.as_view()),
        name="password-reset",
    ),
    # Staff reach their own desk, not Oscar's stock dashboard index (pst/landing.py). Named
    # "index" like Oscar's, because Oscar's menu resolves "dashboard:index" to this path and
    # looks its permissions up by that name.
    path("toko/dashboard/", dashboard_front, name="index"),
    path("toko/", include(apps.get_app_config("oscar").urls[0])),
    # Where every sign-in without a ?next= lands: the person's own desk (LOGIN_REDIRECT_URL).
    path("meja-kerja/", landing, name="landing"),
    # Before Wagtail's catch-all: /pustaka/ is also the library index page's path.
    path("pustaka/", include("library.urls")),
    path("cari/", include("search.urls")),
    # The public PNBP tariff page, generated from the schedules (issue #6).
    path("tarif-pnbp/", include("shop.pricing.urls")),
    # Payment by kode billing, kuitansi and delivery (issue #8); see pay_urlpatterns.
    path("bayar/", include((pay_urlpatterns, "billing"))),
    # OAI-PMH 2.0 for library aggregators (issue #4, docs/oai-pmh.md).
    path("oai/", oai_pmh, name="oai-pmh"),
    # Consultation, recommendation, complaints, SKM, walk-in desk (issue #10).
    path("layanan/", include("layanan.urls")),
    # The bendahara's one tree: payments, kuitansi, statements, reconciliation, Buku Kas Umum,
    # reports (issues #8, #9, #19).
    path("bendahara/", include("shop.treasury.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
