import oscar.apps.customer.apps as apps
from django.urls import path


class CustomerConfig(apps.CustomerConfig):
    name = "shop.customer"

    def ready(self):
        super().ready()
        from . import views  # Oscar's get_urls seam: views import models, after the registry

        self.activation_view = views.ActivateAccountView
        self.resend_activation_view = views.ResendActivationView

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            path(
                "aktivasi/kirim-ulang/",
                self.resend_activation_view.as_view(),
                name="resend-activation",
            ),
            path(
                "aktivasi/<str:token>/",
                self.activation_view.as_view(),
                name="activate",
            ),
        ]
        return self.post_process_urls(urls)
