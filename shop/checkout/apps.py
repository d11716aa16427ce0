"""Fork of Oscar's checkout: only verified accounts may order (issue #2); no shipping or card
payment, the requirements page places the order with its documents (issue #7)."""

import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def get_urls(self):
        from . import views  # Oscar's get_urls seam: views import models, after the registry

        urls = super().get_urls()
        urls.append(path("formulir-sppd.pdf", views.sppd_form, name="sppd-form"))
        return self.post_process_urls(urls)
