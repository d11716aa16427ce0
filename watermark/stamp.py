"""Stamp one copy for one downloader: the master's bytes with its placeholders overwritten.

Every placeholder is rendered to exactly its length, so the copy has the master's size and
structure and the work per download is a byte copy plus a few kilobytes of rendering, whatever
the page count. The copy is a single revision whose every page already draws the mark: there is
no earlier, unmarked revision to cut back to.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import master as master_module
from .errors import MasterCorrupt
from .identity import Identity
from .master import KINDS, PreparedMaster, coerce_master

DEFAULT_CHUNK_SIZE = 64 * 1024

MasterLike = PreparedMaster | str | os.PathLike


def _replacements(master: PreparedMaster, identity: Identity) -> list[tuple[int, bytes]]:
    return [
        (placeholder.offset, master_module.render(KINDS[placeholder.kind], identity))
        for placeholder in master.placeholders
    ]


def _check_sentinels(master: PreparedMaster, stream) -> None:
    """Every placeholder range must still hold what prepare wrote; otherwise the manifest does
    not belong to this master.pdf and stamping would damage the copy."""
    stream.seek(0, os.SEEK_END)
    if stream.tell() != master.file_size:
        raise MasterCorrupt(detail=f"master.pdf is {stream.tell()} bytes, not {master.file_size}")
    for placeholder in master.placeholders:
        stream.seek(placeholder.offset)
        expected = master_module.sentinel(KINDS[placeholder.kind], master.token)
        if stream.read(placeholder.length) != expected:
            raise MasterCorrupt(detail=f"placeholder {placeholder.kind} at {placeholder.offset}")
    stream.seek(0)


def _open_master(master: PreparedMaster):
    try:
        return open(master.master_path, "rb")
    except OSError as exc:
        raise MasterCorrupt(detail=f"{master.master_path}: {exc!r}") from exc


def iter_stamped(
    master: MasterLike, identity: Identity, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[bytes]:
    """Yield the stamped copy in chunks of ``chunk_size`` bytes, in constant memory.

    For streaming a download (e.g. a Django ``StreamingHttpResponse``; the length is known in
    advance as ``PreparedMaster.file_size``). ``master`` is a master directory or a loaded
    `PreparedMaster`. The master is checked before the first chunk is yielded, so a broken
    master raises `MasterCorrupt` before any byte is sent.
    """
    if chunk_size <= 0:
        raise ValueError("chunk_size must be positive")
    master = coerce_master(master)
    replacements = _replacements(master, identity)
    stream = _open_master(master)
    try:
        _check_sentinels(master, stream)
        position = 0
        pending = iter(replacements)
        current = next(pending, None)
        while chunk := stream.read(chunk_size):
            end = position + len(chunk)
            if current is None or current[0] >= end:
                yield chunk
                position = end
                continue
            patched = bytearray(chunk)
            while current is not None and current[0] < end:
                offset, data = current
                start = max(offset, position)
                stop = min(offset + len(data), end)
                patched[start - position : stop - position] = data[start - offset : stop - offset]
                if offset + len(data) > end:
                    break  # continues into the next chunk
                current = next(pending, None)
            yield bytes(patched)
            position = end
    finally:
        stream.close()


def stamp_bytes(master: MasterLike, identity: Identity) -> bytes:
    """The whole stamped copy in memory (for e-mail attachments and tests)."""
    master = coerce_master(master)
    replacements = _replacements(master, identity)
    with _open_master(master) as stream:
        _check_sentinels(master, stream)
        copy = bytearray(stream.read())
    for offset, data in replacements:
        copy[offset : offset + len(data)] = data
    return bytes(copy)


def stamp_to_file(master: MasterLike, identity: Identity, out: str | os.PathLike) -> Path:
    """Write the stamped copy to ``out`` and return its path.

    The master is copied by the operating system (``shutil.copyfile`` uses ``sendfile`` where it
    can), checked, and its few placeholder ranges are then overwritten in place.
    """
    master = coerce_master(master)
    replacements = _replacements(master, identity)
    out = Path(out)
    try:
        shutil.copyfile(master.master_path, out)
    except OSError as exc:
        raise MasterCorrupt(detail=f"{master.master_path}: {exc!r}") from exc
    try:
        with open(out, "r+b") as target:
            _check_sentinels(master, target)  # on the copy: no race with a changing master
            for offset, data in replacements:
                target.seek(offset)
                target.write(data)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out
