"""Views of the PST services, one module per service (``complaints``, ``consultations``,
``recommendations``, ``survey``, ``desk``) plus ``overview`` (the front door, the officer desk's
home, the performance report) and ``common`` (the role guards, the form rate limit, private
files). They check who asks, call a service, and turn its refusals into messages; the rules live
in ``layanan.services`` and the reads in ``layanan.selectors``. ``layanan/urls.py`` names each
view by its module."""
