"""Speed and memory of reading and validating plans, as ratios to the parser's own speed.

Inputs (stated in the output with their sizes):

- every bundled example, as YAML (the file) and as JSON (its ``govplan.dumps(..., "json")``);
- generated plans of 1,000 and 10,000 tasks (JSON and YAML), and generated corpora of 100,000
  and (with ``--full``) 1,000,000 tasks as folders of 10,000-task JSON plans: the tasks of
  ``fenghuang-2023`` copied round-robin into its battles under new ids, so every copy has real
  text, notes, targets and deadlines.

For each input, every figure is the best of ``--repeat`` runs, and each is given beside its
floor measured in the same run on the same bytes: ``json.loads`` for JSON, libyaml's C loader
(``yaml.load(text, Loader=yaml.CSafeLoader)``) for YAML. ``load`` is read + schema + structure
(``govplan.loads``); ``validate`` adds the semantic checks (``govplan.validates``), each run
with the reading rules' caches emptied first, as a process reads a text the first time. Memory
per task is what ``tracemalloc`` counts as held by the loaded plan, divided by its tasks.

Usage: python scripts/benchmark.py [--quick] [--full] [--repeat N]
  --quick  the examples and the 1,000-task plan only, one run each (CI runs this so that the
           script cannot rot; its figures are not the published ones)
  --full   also the 1,000,000-task corpus (about 2 GB of JSON in a temporary folder)
"""

from __future__ import annotations

import argparse
import copy
import gc
import importlib.util
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

import govplan as gp
from govplan import _reading_targets

PLAN_TASKS = 10_000


def best(fn: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> float:
    """Best wall time of *repeat* calls, in seconds (the collector and *before* run before each)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _renumber(value: Any, old: str, new: str) -> Any:
    """A copy of a task's data with every id under it moved from prefix *old* to *new*."""
    if isinstance(value, dict):
        return {
            k: (
                new + v[len(old) :]
                if k == "id" and isinstance(v, str) and v.startswith(old)
                else _renumber(v, old, new)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_renumber(v, old, new) for v in value]
    return value


def generated_plan(tasks: int, serial: int = 0) -> dict[str, Any]:
    """Plan data of *tasks* top-level tasks copied from fenghuang-2023's (see the module doc)."""
    data = gp.io.to_data(gp.examples.load("fenghuang-2023"))
    templates = [
        task
        for battle in data["battles"]
        for group in battle.get("groups", [])
        for task in group.get("tasks", [])
    ]
    data["id"] = f"generated-{serial}-{data['year']}"
    data.pop("irregularities", None)  # they point at elements of the original
    data.pop("allocations", None)
    battles = data["battles"]
    per_battle = -(-tasks // len(battles))
    made = 0
    for b, battle in enumerate(battles):
        group = copy.deepcopy(battle["groups"][0])
        group["id"] = f"{battle['id']}.g1"
        group.pop("groups", None)
        group["tasks"] = []
        for t in range(min(per_battle, tasks - made)):
            template = templates[(made + t) % len(templates)]
            group["tasks"].append(_renumber(template, template["id"], f"{group['id']}.t{t + 1}"))
        made += len(group["tasks"])
        battle["groups"] = [group]
        battle.pop("responsibilities", None)
        del b
    return data


def _floor(text: str, fmt: str) -> Callable[[], object]:
    if fmt == "json":
        return lambda: json.loads(text)
    return lambda: yaml.load(text, Loader=yaml.CSafeLoader)


def held_per_task(text: str, fmt: str, tasks: int) -> float:
    """Bytes tracemalloc counts as held by the loaded plan, per task."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    plan = gp.loads(text, format=fmt)  # type: ignore[arg-type]
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del plan
    return held / tasks


def row(label: str, text: str, fmt: str, tasks: int, repeat: int) -> None:
    """Print the figures of one input."""
    size = len(text.encode("utf-8"))
    floor = best(_floor(text, fmt), repeat)
    load = best(lambda: gp.loads(text, format=fmt), repeat)  # type: ignore[arg-type]
    validate = best(lambda: gp.validates(text, format=fmt), repeat, _reading_targets.clear_caches)  # type: ignore[arg-type]
    memory = held_per_task(text, fmt, tasks)
    print(
        f"| {label} | {fmt} | {size / 1e6:.2f} | {tasks:,} | {floor * 1e3:.1f} | "
        f"{load * 1e3:.1f} ({load / floor:.1f}x) | {validate * 1e3:.1f} ({validate / floor:.1f}x) | "
        f"{size / 1e6 / validate:.1f} | {validate / tasks * 1e6:.0f} | {memory / 1024:.2f} |"
    )


def corpus(folder: Path, tasks: int) -> Iterator[Path]:
    """Write a corpus of *tasks* tasks as JSON plans of PLAN_TASKS tasks; yield their paths."""
    plan = generated_plan(PLAN_TASKS)
    for serial in range(-(-tasks // PLAN_TASKS)):
        plan["id"] = f"generated-{serial}-{plan['year']}"
        path = folder / f"plan-{serial:05d}.json"
        path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        yield path


def corpus_row(tasks: int) -> None:
    """Print the figures of a folder corpus (one run: the corpus is the repetition)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = list(corpus(Path(folder), tasks))
        size = sum(p.stat().st_size for p in paths)
        start = time.perf_counter()
        for path in paths:
            json.loads(path.read_bytes())
        floor = time.perf_counter() - start
        _reading_targets.clear_caches()
        start = time.perf_counter()
        for path in paths:
            gp.validate(path)
        validate = time.perf_counter() - start
    print(
        f"| corpus of {len(paths)} plans | json | {size / 1e6:.0f} | {tasks:,} | {floor * 1e3:.0f} | "
        f"| {validate * 1e3:.0f} ({validate / floor:.1f}x) | {size / 1e6 / validate:.1f} | "
        f"{validate / tasks * 1e6:.0f} | |"
    )


def main() -> None:
    """Print the table (markdown)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    print(
        f"govplan {gp.__version__}; libyaml: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}; "
        f"compiled validator: {'yes' if importlib.util.find_spec('jsonschema_rs') else 'no'}"
    )
    print(
        "| input | format | MB | tasks | floor ms | load ms (x floor) | validate ms (x floor) | "
        "validate MB/s | validate µs/task | KiB held/task |"
    )
    print("| --- " * 10 + "|")
    for name in gp.examples.names():
        plan = gp.examples.load(name)
        tasks = sum(1 for _ in plan.walk_tasks())
        text = gp.examples.path(name).read_text(encoding="utf-8")
        row(name, text, "yaml", tasks, repeat)
        row(name, gp.dumps(plan, "json"), "json", tasks, repeat)
    for tasks in (1_000,) if args.quick else (1_000, PLAN_TASKS):
        data = generated_plan(tasks)
        row(f"generated {tasks:,}", json.dumps(data, ensure_ascii=False), "json", tasks, repeat)
        row(
            f"generated {tasks:,}",
            gp.dumps(gp.io.converter.structure(data, gp.Campaign)),
            "yaml",
            tasks,
            repeat,
        )
    if not args.quick:
        corpus_row(100_000)
        if args.full:
            corpus_row(1_000_000)


if __name__ == "__main__":
    main()
