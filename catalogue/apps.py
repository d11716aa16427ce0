import oscar.apps.catalogue.apps as apps
from django.urls import re_path


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        from . import views

        self.quote_view = views.MicrodataQuoteView
        self.select_view = views.MicrodataSelectView

    def get_urls(self):
        urls = super().get_urls()
        urls += [
            re_path(
                r"^(?P<product_slug>[\w-]*)_(?P<pk>\d+)/harga/$",
                self.quote_view.as_view(),
                name="quote",
            ),
            re_path(
                r"^(?P<product_slug>[\w-]*)_(?P<pk>\d+)/pilih/$",
                self.select_view.as_view(),
                name="select",
            ),
        ]
        return self.post_process_urls(urls)
