"""Command line: ``python -m watermark prepare|stamp|trace|stamp-image ...``.

Exit status: 0 done (or mark found), 1 no mark found, 2 refused or failed (message on stderr).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import Identity, WatermarkError, prepare, stamp_image, stamp_to_file, trace


def _identity(args: argparse.Namespace) -> Identity:
    return Identity(
        name=args.name,
        email=args.email,
        download_id=args.download_id,
        date=args.date,
        site_name=args.site_name,
    )


def _prepare(args: argparse.Namespace) -> int:
    master = prepare(args.pdf, args.master_dir, password=args.password or "")
    print(
        f"master siap: {master.page_count} halaman, {master.file_size} byte, "
        f"judul: {master.title or '-'}, daftar isi: {len(master.outline)} entri"
    )
    return 0


def _stamp(args: argparse.Namespace) -> int:
    out = stamp_to_file(args.master_dir, _identity(args), args.out)
    print(f"tersimpan: {out}")
    return 0


def _stamp_image(args: argparse.Namespace) -> int:
    Path(args.out).write_bytes(stamp_image(args.image, _identity(args)))
    print(f"tersimpan: {args.out}")
    return 0


def _trace(args: argparse.Namespace) -> int:
    result = trace(args.file)
    if result is None:
        print(f"Tidak ditemukan tanda air PST pada {args.file}.", file=sys.stderr)
        return 1
    print(result.download_id)
    where = ", ".join(f"{source}={value}" for source, value in result.evidence.items())
    print(f"ditemukan di: {where}", file=sys.stderr)
    if result.name or result.email:
        print(
            f"pengunduh: {result.name or '-'} <{result.email or '-'}> {result.date or ''}",
            file=sys.stderr,
        )
    if not result.consistent:
        print(
            "PERINGATAN: tanda air tidak konsisten; berkas mungkin telah diubah.", file=sys.stderr
        )
    return 0


def _add_identity_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--download-id", required=True)
    parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--site-name", default="PST Online")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m watermark", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    command = commands.add_parser("prepare", help="ingest a PDF once, at upload")
    command.add_argument("pdf", type=Path)
    command.add_argument("master_dir", type=Path)
    command.add_argument("--password", help="user password, if the PDF needs one")
    command.set_defaults(run=_prepare)

    command = commands.add_parser("stamp", help="stamp one copy for one downloader")
    command.add_argument("master_dir", type=Path)
    command.add_argument("out", type=Path)
    _add_identity_arguments(command)
    command.set_defaults(run=_stamp)

    command = commands.add_parser("trace", help="read the download id out of a copy")
    command.add_argument("file", type=Path)
    command.set_defaults(run=_trace)

    command = commands.add_parser("stamp-image", help="stamp a PNG or JPEG")
    command.add_argument("image", type=Path)
    command.add_argument("out", type=Path)
    _add_identity_arguments(command)
    command.set_defaults(run=_stamp_image)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # pypdf logs every repair and font oddity of a damaged upload; the command reports results.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return args.run(args)
    except WatermarkError as error:
        print(f"gagal: {error.message}", file=sys.stderr)
        if error.detail:
            print(f"rincian: {error.detail}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"gagal: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
