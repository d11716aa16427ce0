"""The e-pustaka: the portal's home page, the library listing and publication pages."""
