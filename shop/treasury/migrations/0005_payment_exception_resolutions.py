"""A payment exception is resolved by a row of its own, ``PaymentExceptionResolution``, instead
of an edit of the exception (STYLE.md habit 4, issue #19): the resolutions recorded so far (the
exception's ``resolved_at``, ``resolved_by``, ``resolution``) are carried over, then the fields
go. Going back writes them into the exception again."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def to_rows(apps, schema_editor):
    PaymentException = apps.get_model("treasury", "PaymentException")
    Resolution = apps.get_model("treasury", "PaymentExceptionResolution")
    for exception in PaymentException.objects.filter(resolved_at__isnull=False):
        Resolution.objects.create(
            exception=exception,
            resolved_at=exception.resolved_at,
            resolved_by_id=exception.resolved_by_id,
            note=exception.resolution,
        )


def to_fields(apps, schema_editor):
    PaymentException = apps.get_model("treasury", "PaymentException")
    Resolution = apps.get_model("treasury", "PaymentExceptionResolution")
    for row in Resolution.objects.all():
        PaymentException.objects.filter(pk=row.exception_id).update(
            resolved_at=row.resolved_at, resolved_by_id=row.resolved_by_id, resolution=row.note
        )


class Migration(migrations.Migration):

    dependencies = [
        ('treasury', '0004_receipt_numbers_from_pst_sequence'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PaymentExceptionResolution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('resolved_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='resolved at')),
                ('note', models.TextField(verbose_name='resolution')),
                ('exception', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='resolved', to='treasury.paymentexception')),
                ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'payment exception resolution',
                'verbose_name_plural': 'payment exception resolutions',
                'ordering': ['-resolved_at', '-pk'],
            },
        ),
        migrations.RunPython(to_rows, to_fields),
        migrations.AlterModelOptions(
            name='paymentexception',
            options={'ordering': ['-recorded_at'], 'verbose_name': 'payment exception', 'verbose_name_plural': 'payment exceptions'},
        ),
        migrations.RemoveField(
            model_name='paymentexception',
            name='resolution',
        ),
        migrations.RemoveField(
            model_name='paymentexception',
            name='resolved_at',
        ),
        migrations.RemoveField(
            model_name='paymentexception',
            name='resolved_by',
        ),
    ]
