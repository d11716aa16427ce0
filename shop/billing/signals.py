"""What the billing app tells the apps after it on the money path (docs/architecture.md).

The billing app may not import the treasury; where a billing step needs the treasury, it sends
one of these and the treasury listens (``shop/treasury/receivers.py``):

- :data:`billing_check` (``invoice``, locked by the sender): sent while a kode billing is
  checked, before SIMPONI is asked and again before it is recorded. A receiver refuses by
  raising ``shop.billing.services.BillingError`` (the treasury: the invoice is already paid).
- :data:`deposit_reported` (``confirmation``: a ``PaymentConfirmation``; ``channel``:
  ``"notification"`` or ``"bpn"``; ``by``): a deposit was reported by a signed SIMPONI
  notification (the nonce stored) or entered from a BPN. Exactly one receiver answers with
  what it did (the treasury's ``ConfirmationResult``), inside the sender's transaction.
"""

from django.dispatch import Signal

billing_check = Signal()
deposit_reported = Signal()
