"""How to cite a publication (APA 7 and BibTeX) and its machine-readable metadata (Dublin Core
and Highwire ``citation_*`` meta tags, read by Google Scholar and library harvesters), issue #4.

Pure functions over a publication page's fields; the page's absolute URL is passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify


@dataclass(frozen=True)
class MetaTag:
    name: str
    content: str


def authors_of(publication) -> list[str]:
    """The authors/editors field holds names separated by ``;`` (as the demo and the importer
    write it). A publication without named authors is authored by its publisher (a group
    author, APA 7 §9.8), which for BPS titles is the office itself."""
    names = [name.strip() for name in (publication.authors or "").split(";") if name.strip()]
    return names or [publication.publisher]


def _full_title(publication) -> str:
    return (
        f"{publication.title}: {publication.subtitle}"
        if publication.subtitle
        else publication.title
    )


def _apa_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", … " + names[-1]


def apa(publication, *, url: str) -> str:
    """APA 7 reference of a report by a group or named authors, e.g.
    ``Badan Pusat Statistik. (2024). Statistik Indonesia 2024 (Katalog BPS 1101001).
    https://…``. The publisher is left out when it is also the author (APA 7 §9.29)."""
    names = authors_of(publication)
    author = _apa_names(names)
    if not author.endswith("."):
        author += "."
    number = f" (Katalog BPS {publication.katalog})" if publication.katalog else ""
    parts = [f"{author} ({publication.release_date.year}). {_full_title(publication)}{number}."]
    if names != [publication.publisher]:
        parts.append(f"{publication.publisher}.")
    parts.append(url)
    return " ".join(parts)


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def bibtex_key(publication) -> str:
    first = slugify(authors_of(publication)[0]).split("-")[0] or "bps"
    word = slugify(publication.title).split("-")[0] or "publikasi"
    return f"{first}{publication.release_date.year}{word}"


def bibtex(publication, *, url: str) -> str:
    """A BibTeX ``@book`` entry; a group author is double-braced so BibTeX does not split it
    into first and last names."""
    names = authors_of(publication)
    if names == [publication.publisher]:
        author = "{" + _bibtex_escape(publication.publisher) + "}"
    else:
        author = " and ".join(_bibtex_escape(name) for name in names)
    fields = [
        ("title", _bibtex_escape(_full_title(publication))),
        ("author", author),
        ("year", str(publication.release_date.year)),
        ("publisher", _bibtex_escape(publication.publisher)),
        ("isbn", publication.isbn),
        ("issn", publication.issn),
        ("number", publication.katalog and f"Katalog BPS {publication.katalog}"),
        ("note", publication.nomor_publikasi and f"Nomor Publikasi {publication.nomor_publikasi}"),
        ("language", publication.language),
        ("url", url),
    ]
    lines = [f"@book{{{bibtex_key(publication)},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
    lines.append("}")
    return "\n".join(lines)


def meta_tags(publication, *, url: str, subjects: list[str]) -> list[MetaTag]:
    """Dublin Core (DCMI ``DC.*`` in HTML meta) and Highwire Press ``citation_*`` tags."""
    names = authors_of(publication)
    identifiers = [url]
    if publication.isbn:
        identifiers.append(f"ISBN {publication.isbn}")
    if publication.issn:
        identifiers.append(f"ISSN {publication.issn}")
    if publication.katalog:
        identifiers.append(f"Katalog BPS {publication.katalog}")
    tags = [MetaTag("DC.title", _full_title(publication))]
    tags += [MetaTag("DC.creator", name) for name in names]
    tags += [MetaTag("DC.subject", subject) for subject in subjects]
    if publication.abstract:
        tags.append(MetaTag("DC.description", publication.abstract))
    tags += [
        MetaTag("DC.publisher", publication.publisher),
        MetaTag("DC.date", publication.release_date.isoformat()),
        MetaTag("DC.type", "Text"),
        MetaTag("DC.format", "application/pdf"),
        MetaTag("DC.language", publication.language),
        MetaTag("DC.coverage", publication.region.name),
    ]
    tags += [MetaTag("DC.identifier", identifier) for identifier in identifiers]
    tags.append(MetaTag("citation_title", _full_title(publication)))
    tags += [MetaTag("citation_author", name) for name in names]
    tags += [
        MetaTag("citation_publication_date", publication.release_date.strftime("%Y/%m/%d")),
        MetaTag("citation_publisher", publication.publisher),
        MetaTag("citation_language", publication.language),
        MetaTag("citation_abstract_html_url", url),
    ]
    if publication.isbn:
        tags.append(MetaTag("citation_isbn", publication.isbn))
    if publication.issn:
        tags.append(MetaTag("citation_issn", publication.issn))
    if publication.katalog:
        tags.append(MetaTag("citation_technical_report_number", publication.katalog))
    tags += [MetaTag("citation_keywords", subject) for subject in subjects]
    return tags
