"""Delivered files, their downloads and the signed SPPD move to ``shop.delivery`` (issue #19).
State only: the tables and their rows stay where they are (``delivery.0001`` names them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0006_take_payments'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='deliveryitem',
                    name='buyer',
                ),
                migrations.RemoveField(
                    model_name='deliveryitem',
                    name='line',
                ),
                migrations.RemoveField(
                    model_name='deliveryitem',
                    name='order',
                ),
                migrations.RemoveField(
                    model_name='sppdupload',
                    name='order',
                ),
                migrations.RemoveField(
                    model_name='sppdupload',
                    name='uploaded_by',
                ),
                migrations.DeleteModel(
                    name='DeliveryDownload',
                ),
                migrations.DeleteModel(
                    name='DeliveryItem',
                ),
                migrations.DeleteModel(
                    name='SppdUpload',
                ),
            ],
            database_operations=[],
        ),
    ]
