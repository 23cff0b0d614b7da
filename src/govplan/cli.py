"""The ``govplan`` command line: a thin layer over the library.

Exit status: 0 when every plan is valid (warnings allowed), 1 when a plan is invalid, 2 on a usage
error, a file that cannot be read (missing, too large, not UTF-8, a folder without plan files) or
a destination that cannot be written.  141 (128 + SIGPIPE, what the shell reports for a Unix tool
the signal ended) when the program reading standard output stops early (``govplan validate
examples/ | head -1``): govplan then stops at once, without a message.  User errors never show a
Python traceback.

An output file named ``-`` (``convert``, ``report -o``, ``extract -o``) is standard output, and so
is ``/dev/stdout``: written in place, never replaced, and followed by no ``wrote`` line.
``export --out`` needs a folder, so ``-`` is a usage error there.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from govplan import __version__, _atomic, checks, examples, io, metrics
from govplan.dates import FIRST_YEAR, LAST_YEAR
from govplan.errors import GovplanError, LoadError, Problem, Severity, ValidationError
from govplan.metrics._datapackage import datapackage, dataset_tables
from govplan.model import SCHEMA_VERSION, Campaign, IndicatorKind
from govplan.schema import schema_json
from govplan.validation import Report, validate, validate_many, validates

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: The reader of standard output went away: what a shell reports for a tool that SIGPIPE ended
#: (1, which CPython's note on SIGPIPE uses, means an invalid plan here).
EXIT_BROKEN_PIPE = 128 + 13
_UNREADABLE = {"unreadable", "unknown-format", "encoding", "too-large"}
_SUFFIXES = {".yaml", ".yml", ".json"}
#: The largest document ``govplan extract`` reads.  A complete county plan's text, attachments
#: included, is 100-130 KiB; 8 MiB leaves room for a plan sixty times that size, and refuses a
#: wrong file (a PDF, a video, /dev/zero) at once instead of filling memory.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
_PIECE = 4096  # characters per write to standard output (see _emit)


class _UsageError(Exception):
    """The command cannot do what was asked (exit 2); the message names the path concerned."""


@contextlib.contextmanager
def _writing(name: str | os.PathLike[str]) -> Iterator[None]:
    """Report a failed write as ``cannot write PATH: reason``, PATH as the user typed it."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = exc.filename if exc.filename is not None else os.fspath(name)
        raise _UsageError(f"cannot write {where}: {exc.strerror}") from exc


def _emit(text: str, end: str = "") -> None:
    """Write *text* and *end* to standard output, in pieces.

    When the reader goes away during one large write, CPython's buffered writer can keep the
    short count without an error, and a last write would then end with exit 0; after a piece,
    the next one finds the broken pipe.
    """
    text += end
    for start in range(0, len(text), _PIECE):
        sys.stdout.write(text[start : start + _PIECE])


def _to_stdout(name: str | None) -> bool:
    """Whether output named *name* is standard output: none given, ``-`` or /dev/stdout itself."""
    return name is None or name == "-" or _atomic.own_descriptor(name) == 1


def _plan_files(paths: Iterable[str], *, recursive: bool = False) -> list[Path]:
    """The plan files named: files as given; for a folder, the .yaml/.yml/.json files in it.

    Sub-folders are read only when ``recursive``, so that a folder of plans can keep a
    sub-folder of other material (``examples/invalid/``) beside them. Hidden entries are skipped.
    """
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            candidates = path.rglob("*") if recursive else path.glob("*")
            found = sorted(
                p
                for p in candidates
                if p.suffix in _SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise _UsageError(f"no .yaml, .yml or .json files in {name}")
            files.extend(found)
        else:
            files.append(path)
    return files


def _print_report(report: Report, shown: str = "all") -> None:
    """A file's summary line, then its problems by rule: all, errors only, or none."""
    state = "valid" if report.valid else "INVALID"
    print(
        f"{report.source}: {state} ({len(report.errors)} errors, {len(report.warnings)} warnings"
        f"{_infos(len(report.infos))})"
    )
    if shown == "none":
        return
    by_rule: dict[tuple[Severity, str], list[Problem]] = defaultdict(list)
    for problem in report.errors if shown == "errors" else report.problems:
        by_rule[problem.severity, problem.code].append(problem)
    for (severity, code), problems in sorted(
        by_rule.items(), key=lambda item: (item[0][0] != "error", item[0][1])
    ):
        print(f"  {severity} {code} ({len(problems)})")
        for problem in problems:
            print(f"    {problem}")


def _infos(count: int) -> str:
    """The ``, N infos`` of a summary, when there are any (extension fields)."""
    return f", {count} infos" if count else ""


#: The name of standard input among the files to validate.
_STDIN = "-"


def _validated(args: argparse.Namespace) -> Iterator[Report]:
    """The reports of the files named, in order; ``-`` is the plan on standard input."""
    names = list(args.paths)
    if names.count(_STDIN) > 1:
        raise _UsageError("standard input (-) can be named once")
    at = names.index(_STDIN) if _STDIN in names else None
    before, after = (names, []) if at is None else (names[:at], names[at + 1 :])
    yield from validate_many(_plan_files(before, recursive=args.recursive), jobs=args.jobs)
    if at is not None:
        yield validates(sys.stdin.buffer.read(), source="<stdin>")
        yield from validate_many(_plan_files(after, recursive=args.recursive), jobs=args.jobs)


def _validate(args: argparse.Namespace) -> int:
    shown = "none" if args.quiet else "errors" if args.errors_only else "all"
    if args.format == "text":
        reports = []
        for report in _validated(args):
            _print_report(report, shown)
            reports.append(report)
    else:
        reports = list(_validated(args))
    if args.format == "json":
        _emit(
            json.dumps({"reports": [r.to_dict() for r in reports]}, ensure_ascii=False, indent=2),
            end="\n",
        )
    else:
        totals: dict[str, tuple[Severity, int]] = {}
        for report in reports:
            for code, count in report.counts().items():
                severity = next(p.severity for p in report.problems if p.code == code)
                totals[code] = (severity, totals.get(code, (severity, 0))[1] + count)
        if totals:
            print("by rule:")
            for code, (severity, count) in sorted(totals.items()):
                print(f"  {code:<28} {severity:<8} {count}")
        invalid = sum(not r.valid for r in reports)
        print(
            f"{len(reports)} files: {len(reports) - invalid} valid, {invalid} invalid; "
            f"{sum(len(r.errors) for r in reports)} errors, "
            f"{sum(len(r.warnings) for r in reports)} warnings"
            f"{_infos(sum(len(r.infos) for r in reports))}"
        )
    if any(p.code in _UNREADABLE for r in reports for p in r.problems):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def _convert(args: argparse.Namespace) -> int:
    campaign = io.load(args.input)
    if _to_stdout(args.output):
        _emit(io.dumps(campaign, args.format or "yaml"))
        return EXIT_OK
    with _writing(args.output):
        io.dump(campaign, args.output, args.format)
    print(f"wrote {args.output}")
    return EXIT_OK


def _schema(_args: argparse.Namespace) -> int:
    _emit(schema_json())
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    """Extract a draft plan from a document's text: ``govplan extract DOC.txt -o draft.yaml``."""
    from govplan.extract import extract  # noqa: PLC0415 - only this command needs it

    # Bounded, and a FIFO without a writer is unreadable rather than a hang; a LoadError says so.
    raw = io.read_bytes(args.document, limit=MAX_DOCUMENT_BYTES, what="a document")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any bytes
        print(f"govplan extract: {args.document} is not UTF-8 or GB18030 text", file=sys.stderr)
        return EXIT_USAGE
    campaign = extract(text, source=Path(args.document).name, year=args.year)
    if _to_stdout(args.output):
        _emit(io.dumps(campaign))
        return EXIT_OK
    with _writing(args.output):
        io.dump(campaign, args.output)
    tasks = sum(1 for _ in campaign.walk_tasks())
    print(
        f"wrote {args.output}: {len(campaign.battles)} battles, {tasks} tasks, "
        f"{len(campaign.units)} units; review it, then run govplan validate {args.output}"
    )
    return EXIT_OK


def _upgrade(args: argparse.Namespace) -> int:
    """Upgrade a plan file to the current schema: ``govplan upgrade OLD.yaml -o NEW.yaml``."""
    from govplan.upgrade import upgrade_file  # noqa: PLC0415 - only this command needs it

    campaign, upgraded = upgrade_file(args.plan)
    output = args.plan if args.in_place else args.output
    fmt = io.format_of(args.plan)
    if _to_stdout(output):
        _emit(io.dumps(campaign, fmt))
    else:
        with _writing(output):
            io.dump(campaign, output, fmt if args.in_place else None)
    changes = upgraded.changes
    where = "standard output" if _to_stdout(output) else output
    print(
        f"upgraded {args.plan} from {upgraded.from_version} to {SCHEMA_VERSION} into {where}: "
        f"{len(changes)} changes",
        file=sys.stderr,
    )
    for change in changes if args.verbose else ():
        print(f"  {change}", file=sys.stderr)
    return EXIT_OK


def _campaigns(names: Iterable[str]) -> list[Campaign]:
    """Plans named on the command line: files, folders of them, or bundled example names."""
    found: list[Campaign] = []
    for name in names:
        path = Path(name)
        if path.exists():
            found.extend(io.load(p) for p in _plan_files([name]))
        elif name in examples.names():
            found.append(examples.load(name))
        else:
            raise LoadError(
                f"no plan file or bundled example called {name!r} "
                f"(examples: {', '.join(examples.names())})",
                source=name,
            )
    return found


def _counting(args: argparse.Namespace) -> metrics.CountingOptions:
    return metrics.CountingOptions(
        include_subtasks=args.include_subtasks,
        apply_conventions=args.apply_conventions,
        inherit_group_leads=args.inherit_group_leads,
    )


def _stats(args: argparse.Namespace) -> int:
    result = metrics.stats(_campaigns(args.campaigns), options=_counting(args), top=args.top)
    if args.format == "json":
        _emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), end="\n")
    elif args.format == "csv":
        _emit(result.tables()[args.table].to_csv())
    else:
        _emit(result.to_text())
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    plans = _campaigns(args.campaigns)
    if len(plans) < 2:  # noqa: PLR2004 - a comparison needs two plans
        print("govplan compare: name at least two plans", file=sys.stderr)
        return EXIT_USAGE
    kinds = [IndicatorKind(k) for k in args.kind] if args.kind else None
    result = metrics.compare_indicators(plans, kinds=kinds)
    wide = result.wide_rows(min_campaigns=1 if args.all else 2)
    if args.format == "json":
        data = {
            "campaigns": list(result.campaigns),
            "indicators": wide,
            "entries": metrics.json_ready(result.to_rows()),
        }
        _emit(json.dumps(data, ensure_ascii=False, indent=2), end="\n")
    elif args.format == "csv":
        _emit(metrics.csv_text(wide, result.wide_columns()))
    else:
        _emit(metrics.format_table(wide, result.wide_columns(), indent=""), end="\n")
    return EXIT_OK


def _one_campaign(command: str, name: str) -> Campaign | None:
    """The one plan *name* stands for, or None (said on stderr) when it holds several."""
    plans = _campaigns([name])
    if len(plans) != 1:
        print(f"govplan {command}: {name} holds {len(plans)} plans, not one", file=sys.stderr)
        return None
    return plans[0]


def _valid_plan(path: Path) -> Campaign:
    """The plan in *path*, validated as ``govplan validate`` does (ValidationError if invalid)."""
    report = validate(path)
    if not report.valid or report.campaign is None:
        raise ValidationError(report.errors)
    return report.campaign


def _export_plans(args: argparse.Namespace) -> list[Campaign]:
    """The plans ``govplan export`` was given: files, folders (``-r``: their sub-folders too), examples.

    Every plan is loaded before anything is written, so an invalid one stops the export with its
    file named and the old tables left as they were. Two plans with one campaign id are refused:
    the id is the key that tells the plans' rows apart.
    """
    plans: list[Campaign] = []
    seen: dict[str, str] = {}
    for name in args.campaigns:
        if Path(name).exists():
            loaded = [
                (str(p), _valid_plan(p)) for p in _plan_files([name], recursive=args.recursive)
            ]
        else:
            loaded = [(name, plan) for plan in _campaigns([name])]
        for source, plan in loaded:
            if plan.id in seen:
                raise _UsageError(f"{source} and {seen[plan.id]} are both campaign {plan.id!r}")
            seen[plan.id] = source
            plans.append(plan)
    return plans


def _export(args: argparse.Namespace) -> int:
    if args.datapackage and args.format != "csv":
        raise _UsageError("--datapackage describes CSV tables: not with --format json")
    plans = _export_plans(args)
    bom = "\ufeff" if args.excel and args.format == "csv" else ""
    tables = metrics.export_tables(plans)
    if args.datapackage:
        tables = dataset_tables(plans, tables)
    texts = {}
    for name, table in tables.items():
        if args.format == "json":
            rows = metrics.json_ready(table.to_rows())
            texts[f"{name}.json"] = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        else:
            texts[f"{name}.csv"] = bom + table.to_csv()
    if args.datapackage:
        package = datapackage(plans, tables)
        texts["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    out = Path(args.out)
    with _writing(args.out):
        _atomic.write_files(out, texts)
    for file_name in texts:
        print(f"wrote {out / file_name}")
    return EXIT_OK


def _notes(args: argparse.Namespace) -> int:
    found = [
        {"campaign": plan.id, "pointer": pointer, "source_line": line, "note": note}
        for plan in _campaigns(args.campaigns)
        for pointer, line, note in checks.iter_notes(plan)
    ]
    if args.format == "json":
        _emit(json.dumps(found, ensure_ascii=False, indent=2), end="\n")
        return EXIT_OK
    for item in found:
        where = f"line {item['source_line']}" if item["source_line"] else "no line"
        print(f"{item['campaign']} {item['pointer']} ({where})\n    {item['note']}")
    print(f"{len(found)} notes to review")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    """Write a plan's HTML report: ``govplan report PLAN -o report.html`` (stdout without -o)."""
    from govplan.report import render_report, write_report  # noqa: PLC0415 - this command only

    plan = _one_campaign("report", args.campaign)
    if plan is None:
        return EXIT_USAGE
    if _to_stdout(args.output):
        _emit(render_report(plan))
        return EXIT_OK
    with _writing(args.output):
        write_report(plan, args.output)
    print(f"wrote {args.output}")
    return EXIT_OK


def _year(text: str) -> int:
    """A ``--year``: a whole number within the schema's bounds on a plan year."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year, found {text!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{year} is not a plan year: expected {FIRST_YEAR} to {LAST_YEAR}"
        )
    return year


def _folder(text: str) -> str:
    """An ``--out`` folder; ``-`` is refused, as standard output holds one file, not a set."""
    if text == "-":
        raise argparse.ArgumentTypeError(
            "expected a folder: standard output ('-') cannot hold tables"
        )
    return text


def _add_counting_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-subtasks",
        action="store_true",
        help="count inline sub-items and task-table rows as tasks too",
    )
    parser.add_argument(
        "--apply-conventions",
        action="store_true",
        help="apply the plan's stated convention that the first-listed unit leads",
    )
    parser.add_argument(
        "--inherit-group-leads",
        action="store_true",
        help="let tasks without a lead take the lead of their task group",
    )


def _add_export(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``govplan export``: plans, formats and the data package."""
    parser.add_argument(
        "campaigns",
        nargs="+",
        metavar="PLAN",
        help="plan files, folders of them or bundled examples: one set of tables for all",
    )
    parser.add_argument(
        "-r", "--recursive", action="store_true", help="also read the sub-folders of a folder"
    )
    parser.add_argument(
        "--datapackage",
        action="store_true",
        help="also write a campaigns table and a Frictionless datapackage.json (docs/dataset.md)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="begin each CSV with a UTF-8 byte order mark, so that Excel reads it as UTF-8",
    )
    parser.add_argument(
        "--format", choices=["csv", "json"], default="csv", help="file format (default: csv)"
    )
    parser.add_argument(
        "--out",
        required=True,
        type=_folder,
        metavar="DIR",
        help="folder to write into (made if missing; the tables replace the old ones as a set)",
    )
    parser.set_defaults(run=_export)


def _add_campaigns_and_format(parser: argparse.ArgumentParser) -> None:
    """The CAMPAIGN arguments and --format option that stats and compare share."""
    parser.add_argument(
        "campaigns", nargs="+", metavar="CAMPAIGN", help="plan file, folder or bundled example"
    )
    parser.add_argument(
        "--format",
        choices=["text", "json", "csv"],
        default="text",
        help="output format (default: text)",
    )


def _add_upgrade(commands: Any) -> None:
    """The ``upgrade`` command's parser."""
    upgrade = commands.add_parser(
        "upgrade", help="rewrite a plan file of an older schema version for this one"
    )
    upgrade.add_argument("plan", metavar="PLAN", help="the plan file to upgrade")
    where = upgrade.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", metavar="OUT", help="file to write (default, or -: stdout)"
    )
    where.add_argument("--in-place", action="store_true", help="replace PLAN with the upgrade")
    upgrade.add_argument(
        "-v", "--verbose", action="store_true", help="list every change on standard error"
    )
    upgrade.set_defaults(run=_upgrade)


def _positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govplan",
        description="Typed, validated data for Chinese local-government campaign plans.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"govplan {__version__} (plan schema {SCHEMA_VERSION})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="validate plan files or folders of them",
        description=(
            "Validate plan files (YAML or JSON) against the schema and every semantic rule, "
            "and report each problem with its file, line and JSON pointer."
        ),
        epilog="exit status: 0 every plan valid (warnings allowed), 1 a plan invalid, "
        "2 a file that cannot be read or a usage error",
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="plan files, folders of them, or - for a plan on standard input",
    )
    shown = check.add_mutually_exclusive_group()
    shown.add_argument(
        "-q", "--quiet", action="store_true", help="one summary line per file, no problems listed"
    )
    shown.add_argument(
        "--errors-only",
        action="store_true",
        help="list errors only (warnings and infos are still counted)",
    )
    check.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help="also validate the plan files in sub-folders of each folder",
    )
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="report format (default: text)"
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="validate with N processes (default: one per CPU; 1 validates in this process)",
    )
    check.set_defaults(run=_validate)

    convert = commands.add_parser("convert", help="rewrite a plan as YAML or JSON")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT", help="file to write; - for standard output")
    convert.add_argument(
        "--format",
        choices=["yaml", "json"],
        default=None,
        help="output format (default: from OUT's suffix; yaml for standard output)",
    )
    convert.set_defaults(run=_convert)

    show = commands.add_parser("schema", help="print the plan JSON Schema")
    show.set_defaults(run=_schema)

    stats = commands.add_parser("stats", help="workload, coverage and roll-up findings of plans")
    _add_campaigns_and_format(stats)
    stats.add_argument(
        "--table",
        choices=metrics.STATS_TABLES,
        default="workload",
        help="the table --format csv writes (default: workload)",
    )
    stats.add_argument("--top", type=int, default=5, help="lead units to list (default: 5)")
    _add_counting_options(stats)
    stats.set_defaults(run=_stats)

    compare = commands.add_parser("compare", help="the same indicators across plans")
    _add_campaigns_and_format(compare)
    compare.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in IndicatorKind],
        help="only indicators of this kind (repeatable)",
    )
    compare.add_argument("--all", action="store_true", help="also indicators only one plan states")
    compare.set_defaults(run=_compare)

    _add_export(commands.add_parser("export", help="write plans' flat tables as CSV or JSON"))

    report = commands.add_parser("report", help="write a plan's self-contained HTML report")
    report.add_argument("campaign", metavar="CAMPAIGN", help="plan file or bundled example")
    report.add_argument(
        "-o", "--output", metavar="OUT", help="HTML file to write (default, or -: stdout)"
    )
    report.set_defaults(run=_report)

    notes = commands.add_parser(
        "notes", help="list the reviewer notes of plans, with where each applies"
    )
    notes.add_argument(
        "campaigns", nargs="+", metavar="CAMPAIGN", help="plan file, folder or bundled example"
    )
    notes.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    notes.set_defaults(run=_notes)

    _add_upgrade(commands)

    draft = commands.add_parser("extract", help="draft a plan file from a document's text")
    draft.add_argument("document", metavar="DOCUMENT", help="the document as text (.txt)")
    draft.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="plan file to write (.yaml or .json; default, or -: stdout)",
    )
    draft.add_argument(
        "--year",
        type=_year,
        help=f"plan year ({FIRST_YEAR}-{LAST_YEAR}), when the document prints none",
    )
    draft.set_defaults(run=_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        status = _run(_parser().parse_args(argv))
        # Inside the try: a reader that went away is found here, not by the flush at exit.
        sys.stdout.flush()
    except BrokenPipeError:
        # As CPython's note on SIGPIPE advises: point standard output at devnull, so that the
        # flush at exit cannot fail again ("Exception ignored ... BrokenPipeError"), and stop.
        with contextlib.suppress(OSError, ValueError):  # not a real file (captured in tests)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return EXIT_BROKEN_PIPE
    return status


def _run(args: argparse.Namespace) -> int:  # noqa: PLR0911 - one exit per error kind
    """Run the command *args* names; its exit status, with errors printed for the user."""
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        raise
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except LoadError as exc:
        print(exc.problem, file=sys.stderr)
        return EXIT_USAGE if exc.code in _UNREADABLE else EXIT_INVALID
    except GovplanError as exc:
        print(f"govplan: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except _UsageError as exc:
        print(f"govplan {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename is not None else ""
        print(f"govplan: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    return status
