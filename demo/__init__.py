"""The demo site, built through the real code paths (STYLE.md habit 12; bakerydemo's
``load_initial_data`` role): ``manage.py seed_demo`` (``management/commands/seed_demo.py``).

It stands above every app whose data it makes, so the apps themselves never import it.
`catalogue_data` builds the publication records, `pdfgen` renders their PDFs and `shop_data` the
synthetic microdata and WKS maps (these three are pure Python, no Django import); `seed` feeds
them through the library's and the catalogue's services, `orders` places orders the way the
checkout does, and `activity` fills the bendahara's and the officers' desks.
"""
