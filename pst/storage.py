"""The private file store.

PDF masters, microdata and buyers' uploads live here. The storage has no URL on purpose:
``url()`` raises, so a template or serializer cannot leak a public link by accident; files are
streamed only by views that check who asks (DEVELOPERS.md, "Private by default").
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    def __init__(self, location: str | None = None, **kwargs) -> None:
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    def url(self, name: str | None) -> str:  # pragma: no cover - guard, exercised by tests
        raise ValueError("Berkas privat tidak memiliki URL publik; gunakan tampilan unduhan.")


def private_storage() -> FileSystemStorage:
    """Callable for ``FileField(storage=...)`` so migrations do not freeze a path."""
    return storages["private"]
