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
from catalogue.master_import import FORMAT_LABELS, MasterImportError
from catalogue.models import MasterUpload, MasterVersion, MicrodataDataset
from catalogue.product_classes import DATA_MIKRO, PETA_WKS
from catalogue.selectors import deliverability
from catalogue.services import WksMapMasterRejected, wks_map_master_attach, wks_map_max_bytes
from catalogue.tasks import microdata_master_convert
from pst import roles

Product = get_model("catalogue", "Product")

MASTER_ROLES = (roles.OFFICER,)


def _file_input(accept: str) -> forms.ClearableFileInput:
    """The site's file field (``form-control-file``, as the library's and the checkout's upload
    forms), offering only the kinds the check accepts in the browser's file picker."""
    return forms.ClearableFileInput(attrs={"class": "form-control-file", "accept": accept})


class MicrodataMasterForm(forms.Form):
    data = forms.FileField(
        label=gettext_lazy("Master data file"),
        help_text=gettext_lazy("CSV (UTF-8, comma or semicolon), SPSS .sav or Stata .dta."),
        widget=_file_input(".csv,.txt,.sav,.zsav,.dta"),
    )
    codebook = forms.FileField(
        label=gettext_lazy("Codebook (CSV)"),
        required=False,
        widget=_file_input(".csv,.txt"),
        help_text=gettext_lazy(
            "Columns name, label, type (numeric, categorical, string), width and block. "
            "Leave empty to keep the current codebook."
        ),
    )


class MapMasterForm(forms.Form):
    map = forms.FileField(
        label=gettext_lazy("Map file"),
        help_text=gettext_lazy("PDF, PNG or JPEG."),
        widget=_file_input(".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the master withdrawn?"),
        help_text=gettext_lazy(
            "For example: wrong weights found. The reason stays with the version's history."
        ),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


def _format_label(source_format: str) -> str:
    """What the officer calls the uploaded kind: ``SPSS (.sav)``, ``PNG``; ``tetap`` is the
    stored fixed-width layout itself (the demo's and the old admin's masters)."""
    if source_format == "tetap":
        return _("fixed-width text")
    return FORMAT_LABELS.get(source_format, source_format.upper())


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
            "withdraw_form": WithdrawForm(auto_id="withdraw_%s"),
            "state": deliverability(product),
            "dataset": MicrodataDataset.objects.filter(product=product).first(),
            "versions": [
                _labelled(version)
                for version in MasterVersion.objects.filter(product=product).select_related(
                    "uploaded_by"
                )
            ],
            "uploads": list(MasterUpload.objects.filter(product=product)[:5]),
            "map_max_bytes": wks_map_max_bytes(),
            "microdata_max_bytes": masters.microdata_max_bytes(),
        },
    )


def _labelled(version: MasterVersion) -> MasterVersion:
    version.format_label = _format_label(version.source_format)
    return version


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
    """The conversion's progress and outcome, open to every Petugas PST, not only the one who
    uploaded: the PST counter is a shared desk, and a colleague who takes over must see why a
    master was refused. Anyone without the role (buyer, reader, bendahara, librarian) gets the
    403 page; an unknown upload is 404."""
    upload = get_object_or_404(
        MasterUpload.objects.select_related("product", "version"), pk=upload_id
    )
    version = upload.version if upload.status == MasterUpload.Status.DONE else None
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
            # the stored outcome in the page's language (the row's message is Indonesian)
            "version": version,
            "format_label": _format_label(version.source_format) if version else "",
            "finished": upload.status in (MasterUpload.Status.DONE, MasterUpload.Status.FAILED),
        },
    )
