"""The ``newsfacts`` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the runner loads the pipeline: imported only when a command needs it
    from newsfacts.io.runner import Defaults

from newsfacts import __version__

_DESCRIPTION = """\
Extract structured facts (money, percentages, counts, dates, named entities and the language
of every paragraph) from news articles in Malay, Vietnamese and English.

examples:
  newsfacts extract examples/ -o out/facts.jsonl     every article under a folder
  newsfacts extract dump.jsonl -o facts.jsonl        a JSONL dump ({"id", "text", ...} rows)
  newsfacts extract crawl.warc.gz -o facts.parquet   HTML pages of a WARC crawl, to Parquet
  newsfacts extract news.csv --column text=body -o facts.duckdb
  cat article.txt | newsfacts extract - -o -         stdin to stdout
  newsfacts detect "Kerajaan akan membina 500 buah rumah."
  newsfacts schema                                   the JSON Schema of the output records
  newsfacts serve --port 8000                        the fact service, on 127.0.0.1
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsfacts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ext = sub.add_parser(
        "extract",
        help="extract facts from files, folders, JSONL dumps or stdin",
        description="Write one document record per input article, then its fact records.",
    )
    ext.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text/HTML/Markdown file, folder (recursive), .jsonl[.gz], .csv, .warc[.gz], "
        "or - (stdin)",
    )
    ext.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="output file; the suffix picks the format: .jsonl, .parquet, .csv, .duckdb; "
        "- for JSONL on stdout",
    )
    ext.add_argument(
        "-w",
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores, %(default)s here)",
    )
    ext.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run into the same OUT (same inputs and options)",
    )
    ext.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    ext.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=NAME",
        help="read FIELD (id, text, html, published, url, title, lang) from the CSV column "
        "or JSONL key NAME; repeatable",
    )
    ext.add_argument(
        "--published",
        metavar="DATE",
        help="publication date of the documents that carry none (any format: 2025-12-20, "
        "'20 Disember 2025', an RSS date)",
    )
    ext.add_argument(
        "--lang", metavar="CODE", help="language of the documents that carry none (ms, vi, en, id)"
    )
    ext.add_argument(
        "--layout",
        choices=("auto", "page", "text"),
        default="auto",
        help="page: read titles, bylines and menus off the lines; text: every line is "
        "content; auto (default): a page only where there is one",
    )
    ext.add_argument(
        "--types",
        metavar="TYPE[,TYPE]",
        help="write only facts of these types: money, percent, quantity, date, entity",
    )
    ext.add_argument(
        "--langid",
        default="newsfacts",
        metavar="NAME",
        help="language identification backend: newsfacts (default), langdetect, lingua, "
        "lingua-low, or one a plug-in registers",
    )
    ext.add_argument(
        "--entities",
        action="append",
        default=None,
        metavar="NAME",
        help="entity backend: crf (default: the shipped taggers), rules, underthesea, "
        "spacy:MODEL, transformers:PATH, or a plug-in's; repeatable (rules and one statistical "
        "backend are merged)",
    )
    ext.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.NAME=VALUE",
        help="change a threshold (newsfacts.settings; the README lists them), e.g. "
        "--set layout.title_max_words=20; repeatable",
    )
    ext.epilog = (
        "exit status: 0 when at least one document was processed without error, 1 when "
        "none was, 2 for a usage error (missing path, unknown output suffix), 130 when "
        "interrupted (rerun with --resume to continue)"
    )

    det = sub.add_parser("detect", help="print the language of a text (argument or stdin)")
    det.add_argument("text", nargs="?", help="the text; read from stdin when omitted")

    sub.add_parser("schema", help="print the JSON Schema of the output records")

    srv = _serve_parser(sub)

    summ = sub.add_parser(
        "summary", help="print a table of what an output holds (JSONL, Parquet, CSV, DuckDB)"
    )
    summ.add_argument("output", metavar="OUTPUT", help="a file written by extract")
    for command in (ext, det, srv, summ):
        # a usage error after parsing is told with its own command's usage (see _usage_error)
        command.set_defaults(command_parser=command)
    return parser


def _usage_error(args: argparse.Namespace, message: str) -> int:
    """Print a usage error the way argparse does for the command (its usage, then the
    message); exit status 2."""
    command: argparse.ArgumentParser = args.command_parser
    print(f"{command.format_usage()}{command.prog}: error: {message}", file=sys.stderr)
    return 2


def _serve_parser(sub: Any) -> argparse.ArgumentParser:
    from newsfacts.service.config import TOKEN_ENV, add_arguments

    srv: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="run the fact service (HTTP, OpenAPI, Duckling-compatible /parse)",
        description="Serve the pipeline over HTTP (needs newsfacts[serve]). Listens on "
        "127.0.0.1 unless --host says otherwise; asks for a bearer token when "
        f"{TOKEN_ENV} or --token-file gives one.",
    )
    add_arguments(srv)
    return srv


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # said with the command's usage, not the top level's
        getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "detect":
            return _detect(args.text)
        if args.command == "serve":
            return _serve(args)
        if args.command == "schema":
            from newsfacts.schema import record_schema

            print(json.dumps(record_schema(), indent=2, ensure_ascii=False))
            return 0
        return _summary(args.output)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"newsfacts: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsfacts: interrupted", file=sys.stderr)
        return 130


def _warning(message: Warning | str, *args: object, **kwargs: object) -> None:
    """A warning of a run as one line of the CLI's own, not in Python's file:line form."""
    print(f"newsfacts: warning: {message}", file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    from newsfacts.io.runner import Interrupted, UsageError, run

    try:
        columns = dict(_column(spec) for spec in args.column)
        options = _extractor_options(args)
        defaults = _defaults(args)
        if args.workers < 1:
            raise UsageError("--workers must be at least 1")
        with warnings.catch_warnings():
            warnings.showwarning = _warning
            stats = run(
                args.paths,
                args.output,
                workers=args.workers,
                resume=args.resume,
                columns=columns,
                progress=sys.stderr if sys.stderr.isatty() and not args.quiet else None,
                extractor=options,
                defaults=defaults,
            )
    except UsageError as exc:
        return _usage_error(args, str(exc))
    except Interrupted as stop:
        if not args.quiet:
            print(
                f"newsfacts: interrupted after {stop.stats.documents} documents; "
                "rerun with --resume to continue",
                file=sys.stderr,
            )
        return 130
    if not args.quiet:
        print(stats.summary(args.output), file=sys.stderr)
    return 0 if stats.documents > stats.errors else 1


def _extractor_options(args: argparse.Namespace) -> dict[str, Any]:
    """The Extractor's keyword arguments from the options, checked before any work starts."""
    from newsfacts import registry
    from newsfacts.io.runner import UsageError
    from newsfacts.settings import DEFAULTS

    try:
        registry.check("langid", args.langid)
        for name in args.entities or ():
            registry.check("entities", name.partition(":")[0])
        pairs = []
        for spec in args.set:
            key, sep, value = spec.partition("=")
            if not sep:
                raise ValueError(f"--set {spec!r}: expected SECTION.NAME=VALUE")
            pairs.append((key, value))
        settings = DEFAULTS.with_values(pairs)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    options: dict[str, Any] = {"langid": args.langid, "settings": settings}
    if args.entities:
        options["entities"] = list(args.entities)
    return options


def _defaults(args: argparse.Namespace) -> Defaults:
    """What the options say of every document, checked before any work starts."""
    from newsfacts.io.runner import Defaults, UsageError
    from newsfacts.lang import loader
    from newsfacts.model import FACT_TYPES
    from newsfacts.text.published import UnreadableDate, read_published

    types = None
    if args.types:
        types = tuple(t.strip() for t in args.types.split(",") if t.strip())
        unknown = sorted(set(types) - set(FACT_TYPES))
        if unknown or not types:
            raise UsageError(f"--types: unknown {unknown}; known: {', '.join(FACT_TYPES)}")
    if args.lang and args.lang not in loader.LANGUAGES:
        raise UsageError(f"--lang {args.lang!r}: known: {', '.join(loader.LANGUAGES)}")
    if args.published:
        try:
            read_published(args.published)
        except UnreadableDate as exc:
            raise UsageError(f"--published: {exc}") from None
    return Defaults(published=args.published, lang=args.lang, layout=args.layout, types=types)


def _serve(args: argparse.Namespace) -> int:
    from newsfacts.service import ServiceConfig, read_token, serve

    try:
        config = ServiceConfig(
            host=args.host,
            port=args.port,
            workers=args.workers,
            queue=args.queue,
            max_body_bytes=args.max_body,
            time_limit=args.time_limit,
            token=read_token(args.token_file),
            cors_origins=tuple(args.cors_origin),
        )
    except ValueError as exc:
        return _usage_error(args, str(exc))
    try:
        serve(config)
    except ImportError as exc:  # the serve extra is not installed: say how to add it
        print(f"newsfacts: {exc}", file=sys.stderr)
        return 2
    return 0


def _column(spec: str) -> tuple[str, str]:
    from newsfacts.io.runner import UsageError

    field, sep, name = spec.partition("=")
    if not sep or not field or not name:
        raise UsageError(f"--column wants FIELD=NAME, not {spec!r}")
    return field, name


def _summary(output: str) -> int:
    """Counts per document language: documents, errors, and facts of each type, from an
    output of any format (``newsfacts.io.outputs.output_rows``)."""
    from newsfacts.io.outputs import NotAnOutput, output_rows
    from newsfacts.model import FACT_TYPES

    rows: dict[str, dict[str, int]] = {}
    lang_of: dict[str, str] = {}
    try:
        for kind, doc_id, lang, error, type_ in output_rows(output):
            if kind == "document":
                lang = lang_of[doc_id] = lang or "-"
                row = rows.setdefault(lang, dict.fromkeys(("documents", "errors", *FACT_TYPES), 0))
                row["documents"] += 1
                row["errors"] += error is not None and error != ""
            elif type_ in FACT_TYPES and doc_id in lang_of:
                rows[lang_of[doc_id]][type_] += 1
    except (NotAnOutput, OSError) as exc:
        print(f"newsfacts: {exc}", file=sys.stderr)
        return 2
    header = ("lang", "documents", "errors", *FACT_TYPES)
    print("  ".join(f"{h:>9}" for h in header))
    for lang, row in sorted(rows.items()):
        print("  ".join([f"{lang:>9}", *(f"{row[h]:>9}" for h in header[1:])]))
    return 0


def _detect(text: str | None) -> int:
    from newsfacts.langid.detect import detect_language

    guess = detect_language(sys.stdin.read() if text is None else text)
    print(json.dumps({"lang": guess.lang, "score": guess.score}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
