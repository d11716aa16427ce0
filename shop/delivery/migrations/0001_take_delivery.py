"""The delivery's records join the new app (issue #19).

State only: each model keeps its table (``db_table``), so every row stays; ``billing.0007``
took them out of the billing app's state. The content types move first (``pst.model_moves``),
so every permission, and every group holding it, follows the model.
"""

import django.db.models.deletion
import django.utils.timezone
import pst.storage
import shop.delivery.models
from django.conf import settings
from django.db import migrations, models

from pst.model_moves import content_types_mover

MOVED = ("deliveryitem", "deliverydownload", "sppdupload")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('billing', '0007_take_delivery'),
        ('order', '0023_document_kind_english_label'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RunPython(
            *content_types_mover(from_label="billing", to_label="delivery", models=MOVED)
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DeliveryItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('publikasi', 'publication (stamped PDF)'), ('data_mikro', 'microdata (ZIP)'), ('peta_wks', 'WKS map (stamped)')], max_length=20, verbose_name='kind')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('token', models.CharField(max_length=43, unique=True)),
                        ('file', models.FileField(blank=True, storage=pst.storage.private_storage, upload_to=shop.delivery.models._delivery_path)),
                        ('source_id', models.PositiveBigIntegerField(blank=True, help_text='PublicationPage or Product id stamped per download', null=True)),
                        ('filename', models.CharField(max_length=255)),
                        ('size', models.PositiveBigIntegerField(default=0)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('expires_at', models.DateTimeField(verbose_name='expires at')),
                        ('max_downloads', models.PositiveSmallIntegerField(verbose_name='download limit')),
                        ('buyer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deliveries', to=settings.AUTH_USER_MODEL)),
                        ('line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='deliveries', to='order.line')),
                        ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deliveries', to='order.order')),
                    ],
                    options={
                        'verbose_name': 'delivered file',
                        'verbose_name_plural': 'delivered files',
                        'db_table': 'billing_deliveryitem',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='DeliveryDownload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('download_id', models.CharField(max_length=40, unique=True)),
                        ('downloaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('ip', models.GenericIPAddressField(blank=True, null=True)),
                        ('user_agent', models.CharField(blank=True, max_length=255)),
                        ('bytes', models.PositiveBigIntegerField(default=0)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='downloads', to='delivery.deliveryitem')),
                    ],
                    options={
                        'verbose_name': 'delivered file download',
                        'verbose_name_plural': 'delivered file downloads',
                        'db_table': 'billing_deliverydownload',
                        'ordering': ['-downloaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SppdUpload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('file', models.FileField(storage=pst.storage.private_storage, upload_to=shop.delivery.models._sppd_path)),
                        ('content_type', models.CharField(max_length=40)),
                        ('originals_received_at', models.DateTimeField(blank=True, null=True, verbose_name='signed originals received')),
                        ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sppd_uploads', to='order.order')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'signed SPPD',
                        'verbose_name_plural': 'signed SPPD',
                        'db_table': 'billing_sppdupload',
                        'ordering': ['-uploaded_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
