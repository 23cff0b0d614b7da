"""Fuzz load, loads, validate, validates and extract with mutated examples and documents.

Each input is one of the bundled examples (YAML, JSON, cut to --seed-bytes) or a plan document
(``../shared/seeds`` and ``../shared/corpus`` when present, else the examples' own text),
mutated by the seeded mutators of ``tests/fuzzing.py``; the targets take turns.  Input *i* of
``--seed s`` is the same on every run and machine.  The promise checked for every input is
``fuzzing.run``'s: the target returns or raises a GovplanError (validate and validates return a
Report), every campaign that comes back dumps and loads back equal, and its stats and report
return or raise a GovplanError (counted apart).

Printed per target: inputs run, exceptions that are not GovplanError, other broken promises,
inputs slower than 1 s (any one call) and the slowest; then each distinct finding (exception
type and innermost govplan frame) with one reproducer written to --findings (shrunk for up to
--shrink-seconds), the peak memory of the workers (ru_maxrss) and the total time.  Exit status 1
when any exception is not a GovplanError, a promise breaks, or an input of at most 200 KB takes
over 1 s; inputs over 200 KB (rare, explicit) are reported apart.

Usage:
    python scripts/fuzz.py [--count 100000] [--seed 0] [--jobs 2] [--target load,loads,...]
                           [--max-seconds N] [--quick] [--findings fuzz-findings]
    python scripts/fuzz.py --replay fuzz-findings/<finding>.json
    python scripts/fuzz.py --seed 0 --index 1234    # input 1234 of run 0, alone
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import Any, cast

import attrs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing  # noqa: E402 - lives in tests/, shared with the Hypothesis tests
import govplan as gp  # noqa: E402

SLOW = 1.0
PACKAGE = Path(gp.__file__).resolve().parent


class Timeout(BaseException):
    """An input ran past --timeout: raised by the worker's alarm, past every ``except Exception``."""


# ---------------------------------------------------------------------------------------------
# What happened to one input (made in a worker, read in the parent)


@dataclass(frozen=True)
class Failure:
    """A broken promise: where, what, and the frame of govplan it came from."""

    stage: str
    kind: str  # the exception's type name, or "BrokenPromiseError" when nothing was raised
    frame: str  # innermost govplan frame, "io.py:dumps:321" ("-" when none)
    message: str
    traceback: str
    govplan: bool  # the exception is a GovplanError (a promise broken, not a crash)

    def key(self, target: str) -> tuple[str, ...]:
        """The finding this failure belongs to: origin, stage, type and frame (line left out)."""
        origin = "document" if target == "extract" else "plan"
        stage = "call" if self.stage in fuzzing.TARGETS else self.stage
        return (origin, stage, self.kind, self.frame.rsplit(":", 1)[0])


@dataclass(frozen=True)
class Result:
    """The outcome of one input."""

    index: int
    target: str
    size: int
    large: bool
    outcome: str  # ok, govplan (the target refused it), failure, timeout
    timings: dict[str, float]
    failure: Failure | None
    maxrss: int  # KiB, the worker's peak so far
    pid: int  # of the worker
    #: (stage, error type) of stats and the report refusing a campaign that loaded, as allowed.
    refused_after: tuple[tuple[str, str], ...] = ()

    @property
    def slowest(self) -> tuple[float, str]:
        """The longest call and its stage."""
        return max(((s, stage) for stage, s in self.timings.items()), default=(0.0, "-"))


def _frame(tb: list[traceback.FrameSummary]) -> str:
    for summary in reversed(tb):
        path = Path(summary.filename)
        if path.is_relative_to(PACKAGE):
            return f"{path.relative_to(PACKAGE)}:{summary.name}:{summary.lineno}"
    return "-"


def _failure(stage: str, exc: BaseException, message: str) -> Failure:
    summaries = traceback.extract_tb(exc.__traceback__)
    return Failure(
        stage=stage,
        kind=type(exc).__name__,
        frame=_frame(summaries),
        message=message,
        traceback="".join(traceback.format_exception(exc)),
        govplan=isinstance(exc, gp.GovplanError),
    )


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Timeout


def run_one(
    inp: fuzzing.Input, folder: Path, timeout: float
) -> tuple[str, Failure | None, dict[str, float], tuple[tuple[str, str], ...]]:
    """Run *inp* once: (outcome, Failure or None, timings, GovplanErrors of stats and report)."""
    timings: dict[str, float] = {}
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        refused = fuzzing.run(inp, folder, timings)
    except gp.GovplanError:
        return "govplan", None, timings, ()
    except fuzzing.BrokenPromiseError as broken:
        cause = broken.__cause__
        if cause is None:
            failure = replace(
                _failure(broken.stage, broken, str(broken)), kind="BrokenPromiseError"
            )
        else:
            failure = _failure(broken.stage, cause, str(broken))
        return "failure", failure, timings, ()
    except Timeout as exc:
        stage = next(reversed(timings), inp.target) if timings else inp.target
        message = f"{stage}: still running after {timeout:.0f} s"
        return "timeout", _failure(stage, exc, message), timings, ()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return "ok", None, timings, refused


# ---------------------------------------------------------------------------------------------
# Workers


@dataclass(frozen=True)
class Options:
    """What every worker needs to make and run inputs."""

    seed: int
    targets: tuple[fuzzing.Target, ...]
    seed_bytes: int
    large_rate: float
    timeout: float
    memory_mb: int


def _seeds(options: Options) -> fuzzing.Seeds:
    return fuzzing.default_seeds(options.seed_bytes)


#: A worker's task: an input's index, or {"input": Input.to_dict(), "timeout": seconds}.
Task = int | dict[str, Any]


def _input(options: Options, task: Task) -> fuzzing.Input:
    if isinstance(task, int):
        return fuzzing.input_at(
            options.seed, task, options.targets, _seeds(options), large_rate=options.large_rate
        )
    return fuzzing.Input.from_dict(task["input"])


def _task(inp: fuzzing.Input, timeout: float) -> Task:
    return {"input": inp.to_dict(), "timeout": timeout}


def _work(conn: Connection, options: Options, folder: Path) -> None:
    """A worker: read a task (an input's index, or an input), run it, send the Result.

    ``load`` and ``validate`` read their inputs from a file in *folder*, which the parent owns.
    """
    limit = options.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        task = conn.recv()
        if task is None:
            return
        inp = _input(options, task)
        timeout = task["timeout"] if isinstance(task, dict) else options.timeout
        outcome, failure, timings, refused = run_one(inp, folder, timeout)
        index = task if isinstance(task, int) else -1
        conn.send(
            Result(
                index=index,
                target=inp.target,
                size=inp.size,
                large=inp.big,
                outcome=outcome,
                timings=timings,
                failure=failure,
                maxrss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                pid=os.getpid(),
                refused_after=refused,
            )
        )


@dataclass
class Worker:
    """One worker process and the task it is running."""

    options: Options
    process: Any = None
    conn: Any = None
    task: Task | None = None
    started: float = 0.0
    peak: int = 0
    folder: Path | None = None  # the worker's input files; removed with the worker

    def start(self) -> None:
        """Fork the process (it inherits the seeds already made)."""
        parent, child = multiprocessing.Pipe()
        self.folder = Path(tempfile.mkdtemp(prefix="govplan-fuzz-"))
        self.process = multiprocessing.get_context("fork").Process(
            target=_work, args=(child, self.options, self.folder), daemon=True
        )
        self.process.start()
        child.close()
        self.conn = parent
        self.task = None
        self.peak = 0

    def send(self, task: Task) -> None:
        """Give the worker *task*."""
        self.task = task
        self.started = time.monotonic()
        self.conn.send(task)

    def restart(self) -> None:
        """End this worker's process (ours, by its own handle) and start a fresh one."""
        self.process.kill()
        self.process.join()
        self.conn.close()
        self._remove_folder()
        self.start()

    def _remove_folder(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        """Ask the worker to end, and wait for it."""
        with contextlib.suppress(OSError):  # already gone
            self.conn.send(None)
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._remove_folder()


class Pool:
    """Workers fed one task at a time; a task past the hard timeout costs its worker."""

    def __init__(self, options: Options, jobs: int) -> None:
        self.options = options
        self.workers = [Worker(options) for _ in range(jobs)]
        for worker in self.workers:
            worker.start()
        self.hard_timeout = options.timeout + 30

    def map(self, tasks: Iterator[Task]) -> Iterator[Result]:
        """Results of *tasks*, in the order they finish."""
        pending = iter(tasks)
        more = True
        while True:
            for worker in self.workers:
                if worker.task is None and more:
                    task = next(pending, None)
                    if task is None:
                        more = False
                    else:
                        worker.send(task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                return
            ready = wait([w.conn for w in busy], timeout=1.0)
            for worker in busy:
                if worker.conn in ready:
                    yield self._receive(worker)
                elif time.monotonic() - worker.started > self.hard_timeout:
                    yield self._lost(worker, f"no answer after {self.hard_timeout:.0f} s")

    def _receive(self, worker: Worker) -> Result:
        try:
            result = cast("Result", worker.conn.recv())
        except (EOFError, OSError):
            code = worker.process.exitcode
            return self._lost(worker, f"the worker died (exit code {code})")
        worker.task = None
        worker.peak = max(worker.peak, result.maxrss)
        return result

    def _lost(self, worker: Worker, why: str) -> Result:
        task = worker.task
        if task is None:
            raise RuntimeError("a worker with no task cannot be lost")
        inp = _input(self.options, task)
        seconds = time.monotonic() - worker.started
        worker.restart()
        return Result(
            index=task if isinstance(task, int) else -1,
            target=inp.target,
            size=inp.size,
            large=inp.big,
            outcome="timeout",
            timings={inp.target: seconds},
            failure=Failure(
                stage=inp.target,
                kind="Timeout" if "answer" in why else "WorkerDied",
                frame="-",
                message=why,
                traceback="",
                govplan=False,
            ),
            maxrss=0,
            pid=0,
        )

    def run(self, task: Task, *, fresh: bool = False) -> Result:
        """The result of one task; *fresh*: in a new process, with none of govplan's caches warm.

        Timings need a fresh process: govplan caches what it parsed (pint units, patterns), so
        an input run again where it ran before is faster than it was.
        """
        if fresh:
            self.workers[0].restart()
        return next(self.map(iter([task])))

    def close(self) -> None:
        """Stop every worker."""
        for worker in self.workers:
            worker.stop()


# ---------------------------------------------------------------------------------------------
# Tally


@dataclass
class Finding:
    """Every failure of one kind, with the smallest input that showed it."""

    key: tuple[str, ...]
    first: Failure
    count: int = 0
    targets: Counter[str] = field(default_factory=Counter)
    smallest: int = -1  # index of the smallest input
    smallest_size: int = 0
    large_only: bool = True


@dataclass
class Tally:
    """What a run found, per target."""

    inputs: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    crashes: Counter[str] = field(default_factory=Counter)
    broken: Counter[str] = field(default_factory=Counter)
    slow: Counter[str] = field(default_factory=Counter)
    slowest: dict[str, tuple[float, str, int, int]] = field(default_factory=dict)
    slow_inputs: list[tuple[float, str, int, int]] = field(default_factory=list)
    slow_calls: Counter[tuple[str, str]] = field(default_factory=Counter)  # (origin, call)
    refused_after: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    large: Counter[str] = field(default_factory=Counter)
    large_slowest: tuple[float, str, int, int] = (0.0, "-", 0, -1)
    findings: dict[tuple[str, ...], Finding] = field(default_factory=dict)
    peak: int = 0
    peak_input: tuple[int, int] = (0, -1)  # (growth of a worker's maxrss, index)
    peaks: dict[int, int] = field(default_factory=dict)  # ru_maxrss by worker pid
    printed: float = field(default_factory=time.monotonic)  # when progress was last printed

    def progress(self) -> str:
        """One line: inputs run, failures and slow inputs so far."""
        failures = sum(self.crashes.values()) + sum(self.broken.values())
        return f"{sum(self.inputs.values())} inputs, {failures} failures, {sum(self.slow.values())} slow"

    def add(self, result: Result) -> None:
        """Count *result*."""
        target = result.target
        self.inputs[target] += 1
        seconds, stage = result.slowest
        entry = (seconds, stage, result.size, result.index)
        if result.large:
            self.large[target] += 1
            self.large_slowest = max(self.large_slowest, entry)
        else:
            self.slowest[target] = max(self.slowest.get(target, (0.0, "-", 0, -1)), entry)
            if seconds > SLOW:
                self.slow[target] += 1
                self.slow_inputs.append(entry)
                self.slow_calls["document" if target == "extract" else "plan", stage] += 1
        if result.maxrss:
            self.peak = max(self.peak, result.maxrss)
            previous = self.peaks.get(result.pid, 0)
            if previous and result.maxrss - previous > self.peak_input[0]:
                self.peak_input = (result.maxrss - previous, result.index)
            self.peaks[result.pid] = max(previous, result.maxrss)
        if result.outcome == "govplan":
            self.refused[target] += 1
        origin = "document" if target == "extract" else "plan"
        for stage_name, kind in result.refused_after:
            self.refused_after[origin, stage_name, kind] += 1
        failure = result.failure
        if failure is None:
            return
        (self.broken if failure.govplan or failure.kind == "BrokenPromiseError" else self.crashes)[
            target
        ] += 1
        key = failure.key(target)
        finding = self.findings.setdefault(key, Finding(key=key, first=failure))
        finding.count += 1
        finding.targets[target] += 1
        finding.large_only = finding.large_only and result.large
        if finding.smallest < 0 or result.size < finding.smallest_size:
            finding.smallest, finding.smallest_size = result.index, result.size


# ---------------------------------------------------------------------------------------------
# Shrinking and reproducers


def _pieces(text: str, unit: str) -> list[str]:
    return text.splitlines(keepends=True) if unit == "lines" else list(text)


def shrink(
    inp: fuzzing.Input, still_fails: Callable[[fuzzing.Input], bool], seconds: float
) -> fuzzing.Input:
    """A smaller input that *still_fails*: lines, then characters, removed in halving chunks."""
    deadline = time.monotonic() + seconds
    text = inp.text
    for unit in ("lines", "chars"):
        parts = _pieces(text, unit)
        if unit == "chars" and len(parts) > 20_000:  # noqa: PLR2004 - too slow one by one
            continue
        chunks = 2
        while len(parts) > 1 and time.monotonic() < deadline:
            size = -(-len(parts) // chunks)
            for start in range(0, len(parts), size):
                candidate = parts[:start] + parts[start + size :]
                trial = attrs.evolve(inp, text="".join(candidate))
                if still_fails(trial):
                    parts = candidate
                    chunks = max(chunks - 1, 2)
                    break
                if time.monotonic() > deadline:
                    break
            else:
                if chunks >= len(parts):
                    break
                chunks = min(chunks * 2, len(parts))
        text = "".join(parts)
    return attrs.evolve(inp, text=text)


def _slug(key: tuple[str, ...]) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", "-".join(key)).strip("-")[:120]


def write_reproducer(
    folder: Path, name: str, inp: fuzzing.Input, failure: Failure | None, about: dict[str, Any]
) -> Path:
    """Write *inp* as ``name.json`` (for --replay) and as ``name.input.<fmt>``; return the JSON."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    record = {
        **about,
        "failure": None if failure is None else failure.__dict__,
        "replay": f"python scripts/fuzz.py --replay {path}",
        "input": inp.to_dict(),
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (folder / f"{name}.input.{inp.fmt}").write_bytes(fuzzing.encode(inp.text))
    return path


def replay(inp: fuzzing.Input, timeout: float) -> int:
    """Run *inp* once and print what happens; 1 if a promise breaks or it is slow."""
    folder = Path(tempfile.mkdtemp(prefix="govplan-fuzz-"))
    signal.signal(signal.SIGALRM, _alarm)
    try:
        outcome, failure, timings, refused = run_one(inp, folder, timeout)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{inp.target} of {inp.size} bytes ({inp.seed}, {'+'.join(inp.mutations)}): {outcome}")
    for stage, kind in refused:
        print(f"  {stage} refused the campaign with {kind} (allowed)")
    for stage, seconds in timings.items():
        print(f"  {stage:<16}{seconds:9.3f} s")
    if failure is not None:
        print(failure.traceback or failure.message)
    slow = not inp.big and any(s > SLOW for s in timings.values())
    return 1 if failure is not None or slow else 0


# ---------------------------------------------------------------------------------------------
# Main


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--count", type=int, help="inputs to run (default 100000, 2000 --quick)")
    parser.add_argument("--seed", type=int, default=0, help="run seed: input i is always the same")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument(
        "--target", default=",".join(fuzzing.TARGETS), help="comma-separated targets"
    )
    parser.add_argument("--max-seconds", type=float, help="stop starting inputs after this long")
    parser.add_argument("--quick", action="store_true", help="2000 small inputs, for CI")
    parser.add_argument("--seed-bytes", type=int, help="examples and documents cut to this size")
    parser.add_argument("--large-rate", type=float, help="share of large inputs (default 0.002)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before an input is cut")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address space per worker")
    parser.add_argument("--findings", type=Path, default=ROOT / "fuzz-findings")
    parser.add_argument("--shrink-seconds", type=float, help="per finding (default 30, 5 --quick)")
    parser.add_argument("--replay", type=Path, help="run one reproducer file and exit")
    parser.add_argument("--index", type=int, help="run input INDEX of --seed and exit")
    args = parser.parse_args(argv)
    quick = args.quick
    args.count = args.count if args.count is not None else (2000 if quick else 100_000)
    args.seed_bytes = args.seed_bytes or (10_000 if quick else 40_000)
    args.large_rate = args.large_rate if args.large_rate is not None else (0 if quick else 0.002)
    args.shrink_seconds = (
        args.shrink_seconds if args.shrink_seconds is not None else (5 if quick else 30)
    )
    targets = tuple(t for t in args.target.split(",") if t)
    unknown = sorted(set(targets) - set(fuzzing.TARGETS))
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}: choose from {fuzzing.TARGETS}")
    args.targets = targets
    return args


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer and print its report; the exit status says whether every promise held."""
    args = _arguments(argv)
    options = Options(
        seed=args.seed,
        targets=args.targets,
        seed_bytes=args.seed_bytes,
        large_rate=args.large_rate,
        timeout=args.timeout,
        memory_mb=args.memory_mb,
    )
    if args.replay:
        record = json.loads(args.replay.read_text(encoding="utf-8"))
        return replay(fuzzing.Input.from_dict(record.get("input", record)), args.timeout)
    if args.index is not None:
        return replay(_input(options, args.index), args.timeout)
    start = time.monotonic()
    seeds = _seeds(options)  # made once here, inherited by the forked workers
    shared = any(folder.is_dir() for folder in fuzzing.DOCUMENT_FOLDERS)
    origin = ", ".join(map(str, fuzzing.DOCUMENT_FOLDERS)) if shared else "the examples' text"
    print(
        f"seeds: {len(seeds.plans)} plans ({len(seeds.big_plans)} large ones apart), "
        f"{len(seeds.documents)} pieces of {len(seeds.big_documents)} documents from {origin}"
    )
    print(
        f"running {args.count} inputs, seed {args.seed}, {args.jobs} workers, "
        f"targets {','.join(args.targets)}",
        flush=True,
    )
    pool = Pool(options, args.jobs)
    tally = Tally()
    deadline = start + args.max_seconds if args.max_seconds else None
    stop = _Stop()
    try:
        for result in pool.map(_indices(args.count, deadline, stop)):
            new = (
                result.failure is not None
                and result.failure.key(result.target) not in tally.findings
            )
            tally.add(result)
            if new and result.index >= 0:
                _first_reproducer(result, options, args)
            if time.monotonic() - tally.printed > 60:  # noqa: PLR2004 - a line a minute
                tally.printed = time.monotonic()
                print(f"  {tally.progress()}, {tally.printed - start:.0f} s", flush=True)
        ran_for = time.monotonic() - start
        if stop.signal:
            print(f"stopped by signal {stop.signal}: no shrinking, no re-timing", flush=True)
            args.shrink_seconds = 0
        reproducers = _reproduce(pool, tally, options, args)
        confirmed = None if stop.signal else _confirm_slow(pool, tally)
    finally:
        pool.close()
    _print_targets(tally, args.targets)
    _print_findings(tally, reproducers)
    still_slow = _print_timing(tally, confirmed, reproducers)
    total = sum(tally.inputs.values())
    stopped = total < args.count
    print(
        f"total: {total} inputs in {ran_for:.0f} s ({total / max(ran_for, 1e-9):.1f} inputs/s)"
        + (", stopped early" if stopped else "")
    )
    failed = sum(tally.crashes.values()) + sum(tally.broken.values())
    return 1 if failed or still_slow else 0


class _Stop:
    """SIGINT or SIGTERM: start no more inputs, report what ran; a second signal ends at once."""

    def __init__(self) -> None:
        self.signal = 0
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.signal = signum
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _first_reproducer(result: Result, options: Options, args: argparse.Namespace) -> None:
    """Write a finding's first input at once (shrunk at the end), so a killed run leaves it."""
    if result.failure is None:
        return
    key = result.failure.key(result.target)
    about = {"finding": list(key), "seed": args.seed, "index": result.index, "shrunk": False}
    inp = _input(options, result.index)
    write_reproducer(args.findings, _slug(key), inp, result.failure, about)


def _indices(count: int, deadline: float | None, stop: _Stop) -> Iterator[Task]:
    """0 .. *count* - 1, ending early at *deadline* (time.monotonic) or on a signal."""
    for index in range(count):
        if stop.signal or (deadline is not None and time.monotonic() > deadline):
            return
        yield index


def _print_targets(tally: Tally, targets: tuple[str, ...]) -> None:
    print()
    header = f"{'target':<11}{'inputs':>8}{'refused':>9}{'crashes':>9}{'broken':>8}{'slow>1s':>9}"
    print(header + "  slowest (s, call, bytes, input)")
    for target in targets:
        seconds, stage, size, index = tally.slowest.get(target, (0.0, "-", 0, -1))
        print(
            f"{target:<11}{tally.inputs[target]:>8}{tally.refused[target]:>9}"
            f"{tally.crashes[target]:>9}{tally.broken[target]:>8}{tally.slow[target]:>9}"
            f"  {seconds:.2f} {stage} {size} #{index}"
        )
    print(
        "refused: a GovplanError, as promised; crashes: an exception that is not a GovplanError; "
        "broken: another promise broken (validate raising, a round trip unequal)"
    )


def _print_findings(tally: Tally, reproducers: dict[tuple[str, ...], tuple[Path, int]]) -> None:
    crashes, broken = sum(tally.crashes.values()), sum(tally.broken.values())
    print(f"\nnon-GovplanError exceptions: {crashes}; other broken promises: {broken}")
    by_type = Counter[str]()
    for finding in tally.findings.values():
        by_type[finding.first.kind] += finding.count
    if by_type:
        print("  by type: " + ", ".join(f"{kind} {n}" for kind, n in by_type.most_common()))
    for finding in sorted(tally.findings.values(), key=lambda f: -f.count):
        origin, stage, kind, _ = finding.key
        hits = ", ".join(f"{t} {n}" for t, n in finding.targets.most_common())
        large = " [large inputs only]" if finding.large_only else ""
        print(f"- {kind} in {stage} ({origin}) at {finding.first.frame}: {finding.count}", end="")
        print(f" ({hits}){large}")
        print(f"    {finding.first.message[:200]}")
        if finding.key in reproducers:
            path, size = reproducers[finding.key]
            print(f"    reproducer ({size} bytes): {path}")
    if tally.refused_after:
        print("campaigns that loaded but whose stats or report raised a GovplanError (allowed):")
        for (origin, stage, kind), count in tally.refused_after.most_common():
            print(f"  {stage} ({origin}) {kind}: {count}")


def _print_timing(
    tally: Tally,
    confirmed: tuple[int, int, int] | None,
    reproducers: dict[tuple[str, ...], tuple[Path, int]],
) -> int:
    """Print the slow inputs, the large ones and the memory; return the slow count that stands."""
    slow = sum(tally.slow.values())
    line = f"\ninputs of at most {fuzzing.LIMIT} bytes with a call over {SLOW:.0f} s: {slow}"
    standing = slow
    if confirmed is not None:
        again, tried, untried = confirmed
        line += f" ({again} of the {tried} re-timed alone are slow again, {untried} not re-timed)"
        standing = again + untried
    print(line)
    for (origin, stage), count in tally.slow_calls.most_common():
        print(f"- in {stage} ({origin}): {count}")
        if ("slow", origin, stage) in reproducers:
            path, size = reproducers["slow", origin, stage]
            print(f"    reproducer ({size} bytes): {path}")
    for seconds, stage, size, index in sorted(tally.slow_inputs, reverse=True)[:5]:
        print(f"  {seconds:.2f} s in {stage}, {size} bytes, input #{index}")
    seconds, stage, size, index = tally.large_slowest
    print(
        f"large inputs (over {fuzzing.LIMIT} bytes): {sum(tally.large.values())}, slowest "
        f"{seconds:.2f} s in {stage} ({size} bytes, input #{index})"
    )
    growth, grown_by = tally.peak_input
    print(
        f"peak memory (ru_maxrss of the workers): {_mib(tally.peak)}; the largest rise, "
        f"{_mib(growth)}, came with input #{grown_by}"
    )
    return standing


def _reproduce(
    pool: Pool, tally: Tally, options: Options, args: argparse.Namespace
) -> dict[tuple[str, ...], tuple[Path, int]]:
    """Write one shrunk reproducer per finding, and per (origin, call) of the slow inputs.

    A finding's reproducer still fails with the same type and frame; a timeout's or a slow
    input's still takes over 1 s in the same call (each trial cut at 3 s).
    """
    written: dict[tuple[str, ...], tuple[Path, int]] = {}
    for key, finding in tally.findings.items():
        inp = _input(options, finding.smallest)
        if finding.first.kind in {"Timeout", "WorkerDied"}:
            still_fails = _still_slow(pool, finding.first.stage)
        else:
            still_fails = _still_failing(pool, key, options.timeout)
        if args.shrink_seconds:
            inp = shrink(inp, still_fails, args.shrink_seconds)
        result = pool.run(_task(inp, options.timeout))
        about = {"finding": list(key), "count": finding.count, "seed": args.seed}
        about["index"] = finding.smallest
        path = write_reproducer(args.findings, _slug(key), inp, result.failure, about)
        written[key] = (path, inp.size)
    slowest: dict[tuple[str, str], tuple[float, int, int]] = {}
    for seconds, stage, size, index in tally.slow_inputs:
        origin = "document" if _input(options, index).target == "extract" else "plan"
        best = slowest.get((origin, stage))
        if best is None or size < best[1]:
            slowest[origin, stage] = (seconds, size, index)
    for (origin, stage), (seconds, _, index) in slowest.items():
        inp = _input(options, index)
        if args.shrink_seconds:
            inp = shrink(inp, _still_slow(pool, stage), args.shrink_seconds)
        about = {"slow": f"{seconds:.2f} s in {stage}", "seed": args.seed, "index": index}
        key = ("slow", origin, stage)
        write_reproducer(args.findings, _slug(key), inp, None, about)
        written[key] = (args.findings / f"{_slug(key)}.json", inp.size)
    return written


def _still_failing(
    pool: Pool, key: tuple[str, ...], timeout: float
) -> Callable[[fuzzing.Input], bool]:
    def still_fails(trial: fuzzing.Input) -> bool:
        failure = pool.run(_task(trial, timeout)).failure
        return failure is not None and failure.key(trial.target) == key

    return still_fails


def _still_slow(pool: Pool, stage: str) -> Callable[[fuzzing.Input], bool]:
    def still_slow(trial: fuzzing.Input) -> bool:
        result = pool.run(_task(trial, 3 * SLOW), fresh=True)
        return result.timings.get(stage, 0.0) > SLOW

    return still_slow


def _confirm_slow(pool: Pool, tally: Tally) -> tuple[int, int, int] | None:
    """Re-time up to 50 slow inputs alone, each in a fresh process: (slow again, re-timed, not)."""
    if not tally.slow_inputs:
        return None
    tried = sorted(tally.slow_inputs, reverse=True)[:50]
    still = sum(1 for *_, index in tried if pool.run(index, fresh=True).slowest[0] > SLOW)
    return still, len(tried), len(tally.slow_inputs) - len(tried)


if __name__ == "__main__":
    sys.exit(main())
