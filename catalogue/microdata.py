"""The one layout of a delivered microdata file: its size estimate and its cutter live together.

Microdata is priced by the size of what the buyer selects (PP 13/2024 schedule: the first 1 MB,
then each started 1.000 bytes; DOMAIN.md "PNBP tariffs"), and issue #6 requires that the size
quoted before the purchase is the size of the file delivered after it. Both therefore come from
this module, and ``tests/unit/billing/test_microdata_size.py`` cuts a file and compares.

Layout (Decision): one line per record, the selected variables in codebook order, each value at
exactly its codebook byte width (the master already stores them padded), separated by a comma,
the last followed by a newline. A record of fields w1…wn therefore takes w1 + … + wn + n bytes.
No header line: the codebook that travels with the file names the columns, and a header would
make the size depend on variable *names*, which the tariff does not price.

No Django import: the quote (``shop.pricing.quotes``) and the delivery both call these.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "FIELD_SEPARATOR",
    "RECORD_END",
    "MicrodataLayoutError",
    "cut_microdata",
    "parse_master_line",
    "record_bytes",
    "subset_size_bytes",
]

FIELD_SEPARATOR = b","
RECORD_END = b"\n"


class MicrodataLayoutError(ValueError):
    """A master record that does not match its codebook (missing field or wrong width)."""


def record_bytes(widths: Iterable[int]) -> int:
    """Bytes one delivered record takes: Σ (width + 1), one separator or newline per field."""
    total = 0
    for width in widths:
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise ValueError(f"a codebook byte width is a positive int, not {width!r}")
        total += width + 1
    return total


def subset_size_bytes(record_count: int, widths: Iterable[int]) -> int:
    """Size in bytes of ``record_count`` records of the variables whose widths are ``widths``.

    This is the ``size_bytes`` of the tariff request (``shop.pricing.tariffs.MicrodataRequest``)
    and exactly the length of what :func:`cut_microdata` yields for the same selection.
    """
    if isinstance(record_count, bool) or not isinstance(record_count, int) or record_count < 0:
        raise ValueError(f"record_count is a non-negative int, not {record_count!r}")
    return record_count * record_bytes(widths)


def cut_microdata(
    master_rows: Iterable[Mapping[str, str]],
    *,
    variables: Sequence[tuple[str, int]],
    regions: Collection[str] | None,
    region_field: str,
) -> Iterator[bytes]:
    """Yield the delivered file, one encoded record at a time, for a buyer's selection.

    ``master_rows`` maps variable name to its stored (padded) value; ``variables`` is the
    selection as (name, width) in codebook order; ``regions`` the selected region codes (None:
    all); ``region_field`` the variable holding each record's region code. A master value whose
    length is not its codebook width is refused: the file would then differ from the quote.
    """
    wanted = None if regions is None else frozenset(regions)
    for number, row in enumerate(master_rows, start=1):
        if wanted is not None and row.get(region_field, "").strip() not in wanted:
            continue
        fields = []
        for name, width in variables:
            value = row.get(name)
            if value is None:
                raise MicrodataLayoutError(f"record {number}: variable {name} is missing")
            encoded = value.encode("ascii")
            if len(encoded) != width:
                raise MicrodataLayoutError(
                    f"record {number}: {name} is {len(encoded)} bytes, the codebook says {width}"
                )
            fields.append(encoded)
        yield FIELD_SEPARATOR.join(fields) + RECORD_END


def parse_master_line(line: bytes, variables: Sequence[tuple[str, int]]) -> dict[str, str]:
    """One line of a stored master file (every variable, same layout) back into a row.

    Fields are sliced by their codebook widths, not split at commas: a string value may itself
    contain a comma.
    """
    body = line.rstrip(b"\r\n")
    if len(body) + 1 != record_bytes(width for _, width in variables):
        raise MicrodataLayoutError(
            f"a master record of {len(body) + 1} bytes does not match the codebook"
        )
    row, at = {}, 0
    for name, width in variables:
        row[name] = body[at : at + width].decode("ascii")
        at += width + 1
    return row
