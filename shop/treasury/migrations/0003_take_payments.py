"""Payments, payment exceptions, transfer proofs and kuitansi join the treasury (issue #19).

State only: each model keeps its table (``db_table``), so every row stays; ``billing.0006``
took them out of the billing app's state. The content types move first (``pst.model_moves``),
so every permission, and every group holding it, follows the model.
"""

import django.db.models.deletion
import django.utils.timezone
import pst.storage
import shop.treasury.models.payments
from django.conf import settings
from django.db import migrations, models

from pst.model_moves import content_types_mover

MOVED = ("payment", "paymentexception", "transferproof", "receiptcounter", "receipt")


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0006_take_payments'),
        ('order', '0023_document_kind_english_label'),
        ('treasury', '0002_alter_reconciliationexception_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RunPython(
            *content_types_mover(from_label="billing", to_label="treasury", models=MOVED)
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Payment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('method', models.CharField(choices=[('kode_billing', 'kode billing (bank, ATM, internet banking)'), ('transfer', 'transfer from abroad'), ('tunai', 'cash at the counter')], max_length=20, verbose_name='method')),
                        ('source', models.CharField(choices=[('notification', 'SIMPONI notification'), ('bpn', 'BPN entered by the bendahara'), ('transfer_proof', 'verified transfer proof'), ('cash_counter', 'cash counter')], max_length=20, verbose_name='source')),
                        ('amount', models.DecimalField(decimal_places=0, max_digits=14, verbose_name='amount')),
                        ('ntpn', models.CharField(blank=True, max_length=16, verbose_name='NTPN')),
                        ('ntb', models.CharField(blank=True, max_length=32, verbose_name='NTB')),
                        ('bank_code', models.CharField(blank=True, max_length=10, verbose_name='bank code')),
                        ('reference', models.CharField(blank=True, help_text='Bank statement reference of a transfer from abroad.', max_length=64, verbose_name='reference')),
                        ('paid_at', models.DateTimeField(verbose_name='paid at')),
                        ('deposit_due_at', models.DateTimeField(blank=True, help_text='Cash only: deposit to the state treasury by this time (PMK 3/PMK.02/2013).', null=True, verbose_name='deposit due')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('billing', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='billing.billing')),
                        ('invoice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='order.invoice', verbose_name='invoice')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'payment',
                        'verbose_name_plural': 'payments',
                        'db_table': 'billing_payment',
                        'ordering': ['-paid_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Receipt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(max_length=40, unique=True, verbose_name='number')),
                        ('office_code', models.CharField(max_length=10, verbose_name='office code')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('sequence', models.PositiveIntegerField(verbose_name='sequence')),
                        ('correction_reason', models.TextField(blank=True, verbose_name='reason for correction')),
                        ('buyer_name', models.CharField(max_length=200, verbose_name='received from')),
                        ('buyer_institution', models.CharField(blank=True, max_length=200, verbose_name='institution')),
                        ('amount', models.DecimalField(decimal_places=0, max_digits=14, verbose_name='amount')),
                        ('items', models.JSONField(default=list, verbose_name='items')),
                        ('billing_code', models.CharField(blank=True, max_length=15, verbose_name='kode billing')),
                        ('ntpn', models.CharField(blank=True, max_length=16, verbose_name='NTPN')),
                        ('payment_method', models.CharField(choices=[('kode_billing', 'kode billing (bank, ATM, internet banking)'), ('transfer', 'transfer from abroad'), ('tunai', 'cash at the counter')], max_length=20)),
                        ('paid_at', models.DateTimeField(verbose_name='paid at')),
                        ('issued_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='issued at')),
                        ('treasurer_name', models.CharField(max_length=200, verbose_name='bendahara')),
                        ('treasurer_nip', models.CharField(blank=True, max_length=18, verbose_name='NIP of the bendahara')),
                        ('verification_token', models.CharField(max_length=32, unique=True)),
                        ('pdf', models.FileField(blank=True, storage=pst.storage.private_storage, upload_to=shop.treasury.models.payments._receipt_path)),
                        ('invoice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='receipts', to='order.invoice')),
                        ('issued_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('payment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='receipts', to='treasury.payment')),
                        ('replaces', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='replaced_by', to='treasury.receipt')),
                    ],
                    options={
                        'verbose_name': 'kuitansi',
                        'verbose_name_plural': 'kuitansi',
                        'db_table': 'billing_receipt',
                        'ordering': ['-issued_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReceiptCounter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('office_code', models.CharField(max_length=10)),
                        ('year', models.PositiveSmallIntegerField()),
                        ('last_sequence', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'billing_receiptcounter',
                        'constraints': [models.UniqueConstraint(fields=('office_code', 'year'), name='receipt_counter_office')],
                    },
                ),
                migrations.CreateModel(
                    name='TransferProof',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted at')),
                        ('file', models.FileField(storage=pst.storage.private_storage, upload_to=shop.treasury.models.payments._proof_path, verbose_name='proof')),
                        ('content_type', models.CharField(max_length=40)),
                        ('sender_name', models.CharField(max_length=200, verbose_name='sender name')),
                        ('sender_bank', models.CharField(max_length=200, verbose_name='sending bank')),
                        ('transfer_date', models.DateField(verbose_name='transfer date')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='amount transferred')),
                        ('currency', models.CharField(default='IDR', max_length=3, verbose_name='currency')),
                        ('status', models.CharField(choices=[('pending', 'waiting for verification'), ('verified', 'verified'), ('rejected', 'rejected'), ('refund', 'received for a closed order: to be refunded')], default='pending', max_length=10)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('rejection_reason', models.TextField(blank=True, verbose_name='reason for rejection')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('invoice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transfer_proofs', to='order.invoice')),
                        ('payment', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='transfer_proof', to='treasury.payment')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='transfer_proofs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'transfer proof',
                        'verbose_name_plural': 'transfer proofs',
                        'db_table': 'billing_transferproof',
                        'ordering': ['-submitted_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PaymentException',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('unknown_code', 'unknown kode billing'), ('amount_mismatch', 'amount differs from the billing'), ('expired_code', 'paid on an expired or void code'), ('already_paid', 'invoice already paid'), ('order_closed', 'order cancelled or rejected')], max_length=20, verbose_name='kind')),
                        ('source', models.CharField(choices=[('notification', 'SIMPONI notification'), ('bpn', 'BPN entered by the bendahara'), ('transfer_proof', 'verified transfer proof'), ('cash_counter', 'cash counter')], max_length=20, verbose_name='source')),
                        ('billing_code', models.CharField(blank=True, max_length=32, verbose_name='kode billing')),
                        ('ntpn', models.CharField(blank=True, max_length=16, verbose_name='NTPN')),
                        ('reference', models.CharField(blank=True, help_text='Bank statement reference of a transfer from abroad.', max_length=64, verbose_name='reference')),
                        ('ntb', models.CharField(blank=True, max_length=32, verbose_name='NTB')),
                        ('bank_code', models.CharField(blank=True, max_length=10, verbose_name='bank code')),
                        ('amount', models.DecimalField(decimal_places=0, max_digits=14, verbose_name='amount')),
                        ('expected_amount', models.DecimalField(blank=True, decimal_places=0, max_digits=14, null=True, verbose_name='billed amount')),
                        ('paid_at', models.DateTimeField(verbose_name='paid at')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('resolution', models.TextField(blank=True, verbose_name='resolution')),
                        ('billing', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='exceptions', to='billing.billing')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('transfer_proof', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='exception', to='treasury.transferproof', verbose_name='transfer proof')),
                    ],
                    options={
                        'verbose_name': 'payment exception',
                        'verbose_name_plural': 'payment exceptions',
                        'db_table': 'billing_paymentexception',
                        'ordering': ['resolved_at', '-recorded_at'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.UniqueConstraint(condition=models.Q(('ntpn', ''), _negated=True), fields=('ntpn',), name='payment_ntpn'),
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.UniqueConstraint(fields=('invoice',), name='payment_one_per_invoice'),
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.UniqueConstraint(condition=models.Q(('billing__isnull', False)), fields=('billing',), name='payment_one_per_billing'),
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.UniqueConstraint(condition=models.Q(('reference', ''), _negated=True), fields=('method', 'reference'), name='payment_reference'),
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='payment_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='payment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('method', 'kode_billing'), _negated=True), models.Q(('billing__isnull', False), models.Q(('ntpn', ''), _negated=True)), _connector='OR'), name='payment_billing_has_ntpn'),
                ),
                migrations.AddConstraint(
                    model_name='receipt',
                    constraint=models.UniqueConstraint(fields=('office_code', 'year', 'sequence'), name='receipt_sequence_per_office_year'),
                ),
                migrations.AddConstraint(
                    model_name='receipt',
                    constraint=models.UniqueConstraint(condition=models.Q(('replaces__isnull', True)), fields=('payment',), name='receipt_one_original_per_payment'),
                ),
                migrations.AddConstraint(
                    model_name='receipt',
                    constraint=models.CheckConstraint(condition=models.Q(('sequence__gte', 1)), name='receipt_sequence_positive'),
                ),
                migrations.AddConstraint(
                    model_name='transferproof',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'rejected'), _negated=True), models.Q(('rejection_reason', ''), _negated=True), _connector='OR'), name='transfer_proof_rejection_has_reason'),
                ),
                migrations.AddConstraint(
                    model_name='paymentexception',
                    constraint=models.UniqueConstraint(condition=models.Q(('ntpn', ''), _negated=True), fields=('ntpn',), name='payment_exception_ntpn'),
                ),
                migrations.AddConstraint(
                    model_name='paymentexception',
                    constraint=models.UniqueConstraint(condition=models.Q(('reference', ''), _negated=True), fields=('reference',), name='payment_exception_reference'),
                ),
                migrations.AddConstraint(
                    model_name='paymentexception',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('ntpn', ''), _negated=True), models.Q(('reference', ''), _negated=True), _connector='OR'), name='payment_exception_identified'),
                ),
            ],
            database_operations=[],
        ),
    ]
