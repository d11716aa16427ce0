import oscar.apps.catalogue.apps as apps
from django.urls import re_path


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        from . import views, views_masters  # Django's rule: views import models, so in ready()

        self.masters = views_masters
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
            # the Petugas PST's master files (issue #20)
            re_path(r"^(?P<pk>\d+)/master/$", self.masters.master_page, name="master"),
            re_path(
                r"^(?P<pk>\d+)/master/tarik/$",
                self.masters.master_withdraw,
                name="master-withdraw",
            ),
            re_path(
                r"^master/unggah/(?P<upload_id>\d+)/$",
                self.masters.master_upload_status,
                name="master-upload",
            ),
        ]
        return self.post_process_urls(urls)
