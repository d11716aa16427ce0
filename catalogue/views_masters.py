"""The Petugas PST's page for a product's master files (issue #20, docs/permissions.md row
``product-masters``): upload or replace a microdata master (CSV, SPSS, Stata) with its codebook,
a WKS map master (PDF, PNG, JPEG), withdraw a faulty one, and follow a conversion.

The views read the request and call ``catalogue.masters`` / ``catalogue.services``; every check
of a file's content is there, and a refusal comes back as a message, never a 500.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from catalogue import masters
from catalogue.master_import import MasterImportError
from catalogue.models import MasterUpload, MasterVersion, MicrodataDataset
from catalogue.product_classes import DATA_MIKRO, PETA_WKS
from catalogue.selectors import deliverability
from catalogue.services import WksMapMasterRejected, wks_map_master_attach, wks_map_max_bytes
from catalogue.tasks import microdata_master_convert
from pst import roles

Product = get_model("catalogue", "Product")

MASTER_ROLES = (roles.OFFICER,)


class MicrodataMasterForm(forms.Form):
    data = forms.FileField(
        label=gettext_lazy("Master data file"),
        help_text=gettext_lazy("CSV (UTF-8, comma or semicolon), SPSS .sav or Stata .dta."),
    )
    codebook = forms.FileField(
        label=gettext_lazy("Codebook (CSV)"),
        required=False,
        help_text=gettext_lazy(
            "Columns name, label, type (numeric, categorical, string), width and block. "
            "Leave empty to keep the current codebook."
        ),
    )


class MapMasterForm(forms.Form):
    map = forms.FileField(
        label=gettext_lazy("Map file"), help_text=gettext_lazy("PDF, PNG or JPEG.")
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=300)


def _product(pk: int):
    product = get_object_or_404(Product, pk=pk)
    if getattr(product.get_product_class(), "slug", "") not in (DATA_MIKRO, PETA_WKS):
        raise Http404
    return product


@roles.role_required(*MASTER_ROLES)
def master_page(request, pk: int):
    product = _product(pk)
    is_map = product.get_product_class().slug == PETA_WKS
    form_class = MapMasterForm if is_map else MicrodataMasterForm
    form = form_class(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        if is_map:
            return _upload_map(request, product, form)
        try:
            upload = masters.microdata_upload_start(
                product=product,
                upload=form.cleaned_data["data"],
                codebook=form.cleaned_data.get("codebook"),
                by=request.user,
            )
        except MasterImportError as refused:
            form.add_error(None, refused.message)
        else:
            microdata_master_convert.enqueue(upload.pk)
            return redirect("catalogue:master-upload", upload_id=upload.pk)
    return render(
        request,
        "catalogue/masters/master_page.html",
        {
            "product": product,
            "is_map": is_map,
            "form": form,
            "withdraw_form": WithdrawForm(),
            "state": deliverability(product),
            "dataset": MicrodataDataset.objects.filter(product=product).first(),
            "versions": list(
                MasterVersion.objects.filter(product=product).select_related("uploaded_by")
            ),
            "uploads": list(MasterUpload.objects.filter(product=product)[:5]),
            "map_max_bytes": wks_map_max_bytes(),
            "microdata_max_bytes": masters.microdata_max_bytes(),
        },
    )


def _upload_map(request, product, form):
    upload = form.cleaned_data["map"]
    try:
        wks_map_master_attach(
            product=product, content=upload.read(), filename=upload.name, by=request.user
        )
    except WksMapMasterRejected as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The map master was stored."))
    return redirect("catalogue:master", pk=product.pk)


@require_POST
@roles.role_required(*MASTER_ROLES)
def master_withdraw(request, pk: int):
    product = _product(pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the master is withdrawn."))
    else:
        masters.master_withdraw(
            product=product, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The master was withdrawn: the product is not sold now."))
    return redirect("catalogue:master", pk=product.pk)


@roles.role_required(*MASTER_ROLES)
def master_upload_status(request, upload_id: int):
    upload = get_object_or_404(MasterUpload.objects.select_related("product"), pk=upload_id)
    percent = 0
    if upload.total_rows:
        percent = min(100, int(100 * upload.done_rows / upload.total_rows))
    return render(
        request,
        "catalogue/masters/upload_status.html",
        {
            "upload": upload,
            "product": upload.product,
            "percent": percent,
            "finished": upload.status in (MasterUpload.Status.DONE, MasterUpload.Status.FAILED),
        },
    )
