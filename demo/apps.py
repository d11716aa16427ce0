from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's builder (``seed_demo``), bakerydemo's ``load_initial_data`` role: it stands
    above every other app and builds their data through their own services. No models."""

    name = "demo"
    label = "demo"
