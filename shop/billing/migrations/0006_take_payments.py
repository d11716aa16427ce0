"""Payments, payment exceptions, transfer proofs and kuitansi move to ``shop.treasury`` (issue
#19). State only: the tables and their rows stay where they are (``treasury.0003`` names them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0005_receipt_treasurer_nip'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='payment',
                    name='billing',
                ),
                migrations.RemoveField(
                    model_name='payment',
                    name='invoice',
                ),
                migrations.RemoveField(
                    model_name='payment',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='receipt',
                    name='payment',
                ),
                migrations.RemoveField(
                    model_name='transferproof',
                    name='payment',
                ),
                migrations.RemoveField(
                    model_name='paymentexception',
                    name='billing',
                ),
                migrations.RemoveField(
                    model_name='paymentexception',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='paymentexception',
                    name='resolved_by',
                ),
                migrations.RemoveField(
                    model_name='paymentexception',
                    name='transfer_proof',
                ),
                migrations.RemoveField(
                    model_name='receipt',
                    name='invoice',
                ),
                migrations.RemoveField(
                    model_name='receipt',
                    name='issued_by',
                ),
                migrations.RemoveField(
                    model_name='receipt',
                    name='replaces',
                ),
                migrations.DeleteModel(
                    name='ReceiptCounter',
                ),
                migrations.RemoveField(
                    model_name='transferproof',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='transferproof',
                    name='invoice',
                ),
                migrations.RemoveField(
                    model_name='transferproof',
                    name='submitted_by',
                ),
                migrations.DeleteModel(
                    name='Payment',
                ),
                migrations.DeleteModel(
                    name='PaymentException',
                ),
                migrations.DeleteModel(
                    name='Receipt',
                ),
                migrations.DeleteModel(
                    name='TransferProof',
                ),
            ],
            database_operations=[],
        ),
    ]
