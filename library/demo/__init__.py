"""Deterministic demo content for the PST site (no Django import).

`catalogue_data` builds the publication records, `pdfgen` renders their PDFs and `shop_data`
the synthetic microdata and WKS maps; the `seed_demo` command feeds them through the site's
services.
"""
