"""Shared by every layanan service: the refusal, stored uploads, the subject key."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from pst.errors import Refused

#: The layanan name of the one refusal (``pst.errors.Refused``): views catch either.
ServiceError = Refused


def store_files(model, checked, **parent) -> None:
    for upload in checked:
        record = model(
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
            **parent,
        )
        record.file.save(upload.original_name, upload.content, save=False)
        record.save()


def subject_key_for(subject: models.Model) -> str:
    content_type = ContentType.objects.get_for_model(subject)
    return f"{content_type.app_label}.{content_type.model}:{subject.pk}"
