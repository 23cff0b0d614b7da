"""The ``govplan`` command line: a thin layer over the library.

Exit status: 0 when every plan is valid (warnings allowed), 1 when a plan is invalid, 2 on a usage
error or a file that cannot be read.  User errors never show a Python traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from govplan import __version__, io
from govplan.errors import GovplanError, LoadError, Problem, Severity, ValidationError
from govplan.schema import schema_json
from govplan.validation import Report, validate

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
_UNREADABLE = {"unreadable", "unknown-format", "encoding"}
_SUFFIXES = {".yaml", ".yml", ".json"}


def _plan_files(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in _SUFFIXES
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def _print_report(report: Report) -> None:
    state = "valid" if report.valid else "INVALID"
    print(
        f"{report.source}: {state} ({len(report.errors)} errors, {len(report.warnings)} warnings)"
    )
    by_rule: dict[tuple[Severity, str], list[Problem]] = defaultdict(list)
    for problem in report.problems:
        by_rule[problem.severity, problem.code].append(problem)
    for (severity, code), problems in sorted(
        by_rule.items(), key=lambda item: (item[0][0] != "error", item[0][1])
    ):
        print(f"  {severity} {code} ({len(problems)})")
        for problem in problems:
            print(f"    {problem}")


def _validate(args: argparse.Namespace) -> int:
    files = _plan_files(args.paths)
    if not files:
        print("govplan validate: no .yaml, .yml or .json files found", file=sys.stderr)
        return EXIT_USAGE
    reports = [validate(path) for path in files]
    if args.format == "json":
        print(json.dumps({"reports": [r.to_dict() for r in reports]}, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _print_report(report)
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
        )
    if any(p.code in _UNREADABLE for r in reports for p in r.problems):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID


def _convert(args: argparse.Namespace) -> int:
    campaign = io.load(args.input)
    io.dump(campaign, args.output, args.format)
    print(f"wrote {args.output}")
    return EXIT_OK


def _schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json())
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govplan",
        description="Typed, validated data for Chinese local-government campaign plans.",
    )
    parser.add_argument("--version", action="version", version=f"govplan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="validate plan files or folders of them")
    check.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="report format (default: text)"
    )
    check.set_defaults(run=_validate)

    convert = commands.add_parser("convert", help="rewrite a plan as YAML or JSON")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument(
        "--format",
        choices=["yaml", "json"],
        default=None,
        help="output format (default: from OUT's suffix)",
    )
    convert.set_defaults(run=_convert)

    show = commands.add_parser("schema", help="print the plan JSON Schema")
    show.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
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
    except OSError as exc:
        print(f"govplan: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    return status
