"""The fuzz promises of #10: no input, however mangled, crashes govplan.

The property tests feed ``load``, ``loads``, ``validate``, ``validates`` and ``extract`` the
inputs ``scripts/fuzz.py`` makes (the mutators of ``tests/fuzzing.py``, drawn by Hypothesis
through ``strategies.fuzz_inputs``, at a size CI affords) and check ``fuzzing.run``'s promises.
The tests named after a finding pin the smallest input the fuzzer found for it, fixed since.
The quadratic-time findings (digit runs in the extractor and the roll-ups, long unit names) have
their regression tests beside the code they concern (test_extract, test_metrics, test_quantity).
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given

import fuzzing
import govplan as gp
from strategies import FUZZ_LIMIT, FUZZ_SEED_BYTES, fuzz_inputs

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = gp.examples.path("fenghuang-2023-sample")


def _run(inp: fuzzing.Input) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(gp.GovplanError):
        fuzzing.run(inp, Path(folder))


def _sample_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(gp.dumps(gp.loads(SAMPLE.read_text("utf-8")), "json"))
    return data


# ---------------------------------------------------------------------------------------------
# The promises, over mutated inputs


@given(fuzz_inputs(("load", "loads")))
def test_mutated_plans_load_or_raise_a_govplan_error(inp: fuzzing.Input) -> None:
    _run(inp)


@given(fuzz_inputs(("extract",)))
def test_mutated_documents_extract_or_raise_a_govplan_error(inp: fuzzing.Input) -> None:
    _run(inp)


@given(fuzz_inputs(("validate", "validates")))
def test_mutated_plans_validate_to_a_report(inp: fuzzing.Input) -> None:
    _run(inp)


# ---------------------------------------------------------------------------------------------
# The mutators and the fuzzer


def _small_seeds() -> fuzzing.Seeds:
    return fuzzing.default_seeds(FUZZ_SEED_BYTES, documents=False)


def test_inputs_are_the_same_on_every_run() -> None:
    seeds = _small_seeds()
    first = [fuzzing.input_at(7, i, fuzzing.TARGETS, seeds) for i in range(20)]
    again = [fuzzing.input_at(7, i, fuzzing.TARGETS, seeds) for i in range(20)]
    assert first == again
    assert [i.target for i in first[: len(fuzzing.TARGETS)]] == list(fuzzing.TARGETS)


def test_inputs_stay_within_their_limit() -> None:
    seeds = _small_seeds()
    rng = random.Random(3)  # noqa: S311 - seeded inputs, not secrets
    sizes = [fuzzing.make_input(rng, "loads", seeds, limit=FUZZ_LIMIT).size for _ in range(200)]
    assert max(sizes) <= FUZZ_LIMIT


def test_every_mutator_gives_text() -> None:
    seeds = _small_seeds()
    plan = next(s for s in seeds.plans if s.fmt == "json")
    rng = random.Random(1)  # noqa: S311 - seeded inputs, not secrets
    for mutator in (*fuzzing.PLAN_MUTATORS, *fuzzing.DOCUMENT_MUTATORS):
        assert isinstance(mutator(rng, plan.text, 10_000), str), mutator.__name__
    for structure in fuzzing.STRUCTURE_MUTATORS:
        data = json.loads(plan.data)
        splice = structure(rng, data, 10_000)
        assert splice is None or isinstance(splice, str), structure.__name__


def test_encoding_keeps_undecodable_bytes_and_lone_surrogates() -> None:
    raw = "计划".encode() + b"\xff\xed\xa0\x80"
    assert fuzzing.encode(fuzzing.decode(raw)) == raw
    assert fuzzing.encode("\udfff") == b"\xed\xbf\xbf"


def test_documents_fall_back_to_the_examples_text() -> None:
    seeds = fuzzing.default_seeds(FUZZ_SEED_BYTES, (), documents=True)
    assert [s.name for s in seeds.documents] == [f"{n}.txt" for n in gp.examples.names()]
    assert all("凤凰县" in s.text for s in seeds.documents if s.name.startswith("fenghuang"))


def test_fuzz_script_reports_per_target_and_replays_a_reproducer(tmp_path: Path) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "fuzz.py")]
    common = ["--quick", "--seed-bytes", "4000", "--findings", str(tmp_path)]
    run = subprocess.run(  # noqa: S603 - our own script, with our arguments
        [*script, *common, "--count", "4", "--jobs", "1", "--target", "loads,validates"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode in {0, 1}, run.stderr
    assert "non-GovplanError exceptions: " in run.stdout
    assert "peak memory (ru_maxrss of the workers): " in run.stdout
    assert "total: 4 inputs in " in run.stdout
    plan = fuzzing.Input(
        target="loads", fmt="yaml", text=SAMPLE.read_text("utf-8"), seed="-", mutations=()
    )
    reproducer = tmp_path / "sample.json"
    reproducer.write_text(json.dumps({"input": plan.to_dict()}), encoding="utf-8")
    replay = subprocess.run(  # noqa: S603 - our own script, with our arguments
        [*script, "--replay", str(reproducer)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert replay.stdout.startswith(f"loads of {plan.size} bytes (-, ): ok")


# ---------------------------------------------------------------------------------------------
# Findings, fixed since: each test is named after what the fuzzer found.


def test_lone_surrogate_in_json_string_is_a_load_error() -> None:
    text = json.dumps({**_sample_data(), "title": "\udfff"})  # the JSON escape "\udfff"
    with pytest.raises(gp.LoadError) as caught:
        gp.loads(text)
    assert caught.value.code == "encoding"
    assert [p.code for p in gp.validates(text).problems] == ["encoding"]


def test_lone_surrogate_in_yaml_text_is_a_load_error() -> None:
    text = SAMPLE.read_text("utf-8").replace("凤凰县", "\udfff", 1)
    with pytest.raises(gp.LoadError) as caught:
        gp.loads(text)
    assert caught.value.code == "encoding"
    assert [p.code for p in gp.validates(text).problems] == ["encoding"]


def test_undecodable_bytes_in_a_plan_file_are_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(SAMPLE.read_bytes().replace("凤凰县".encode(), b"\xed\xbf\xbf", 1))
    with pytest.raises(gp.LoadError) as caught:
        gp.load(path)
    assert caught.value.code == "encoding"
    assert [p.code for p in gp.validate(path).problems] == ["encoding"]


def test_year_past_9999_is_a_schema_error_not_a_crash() -> None:
    text = json.dumps({**_sample_data(), "year": 99999})
    with pytest.raises(gp.ValidationError) as caught:
        gp.loads(text)
    assert caught.value.problems[0].pointer == "/year"
    report = gp.validates(text)
    assert not report.valid
    assert "/year" in [p.pointer for p in report.errors]


def test_long_nested_keys_do_not_fill_memory_with_positions() -> None:
    # 60 levels of 1,000-letter keys over 5,000 keys: 133 KB of JSON whose elements' pointers,
    # kept whole, took 60 KB each (300 MB); the positions tree takes a little per element.
    keys = ["k" * 1000 + str(level) for level in range(60)]
    bottom = ", ".join(f'"s{i}": {i}' for i in range(5000))
    nested = "".join(f'{{"{key}": ' for key in keys) + "{" + bottom + "}" + "}" * 60
    text = f'{{"schema_version": "{gp.SCHEMA_VERSION}", "x": {nested}}}'
    tracemalloc.start()
    try:
        report = gp.validates(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not report.valid
    assert peak < 64 * 2**20


def test_deep_nesting_in_a_plan_is_a_too_deep_load_error() -> None:
    for nested in ("[" * 5000 + "]" * 5000, '{"a": ' * 5000 + "1" + "}" * 5000):
        text = json.dumps({**_sample_data(), "notes": "SPLICE"}).replace('"SPLICE"', nested)
        start = time.perf_counter()
        with pytest.raises(gp.LoadError) as caught:
            gp.loads(text)
        assert caught.value.code == "too-deep"
        assert time.perf_counter() - start < 1


def test_lone_surrogate_in_document_text_is_an_encoding_error_of_extract() -> None:
    # extract("\udc83") (an undecodable byte, as surrogateescape reads it) gave a campaign
    # holding the surrogate, which dumps then refused with UnicodeEncodeError.
    with pytest.raises(gp.LoadError) as info:
        gp.extract("一、目标\n\udc83", source="doc.txt")
    assert (info.value.code, info.value.source, info.value.line) == ("encoding", "doc.txt", 2)


def test_number_over_28_digits_in_a_target_is_no_invalid_operation_in_stats() -> None:
    text = SAMPLE.read_text("utf-8").replace("target: 3家", "target: " + "1" * 29 + "家")
    with pytest.raises(gp.ValidationError) as info:
        gp.loads(text)
    assert {p.code for p in info.value.problems} == {"invalid-quantity"}


@pytest.mark.parametrize("call", ["validates", "stats", "render_report"])
def test_number_over_28_digits_in_an_allocation_is_no_invalid_operation(call: str) -> None:
    row = {"id": "a.r1", "name": "项目", "unit": "个", "parts": ["1" * 29, "1"], "total": "1"}
    allocation = {"id": "a", "title": "表", "columns": ["甲", "乙"], "rows": [row]}
    text = json.dumps({**_sample_data(), "allocations": [allocation]})
    if call == "validates":
        assert "invalid-quantity" in {p.code for p in gp.validates(text).errors}
        return
    with contextlib.suppress(gp.GovplanError):
        campaign = gp.loads(text)
        if call == "stats":
            gp.stats([campaign])
        else:
            gp.render_report(campaign)


@pytest.mark.parametrize("index", ["0" * 4400, "1" * 4400, "01", "-", "²", "٣"])
def test_array_index_of_thousands_of_digits_in_a_pointer_is_no_value_error(index: str) -> None:
    # An irregularity's element /battles/000…0/… (4,400 digits) hit Python's limit on converting
    # long digit strings to int (ValueError) in the check that the pointer resolves.
    data = _sample_data()
    data["irregularities"] = [
        {"element": f"/battles/{index}/name", "kind": "typo", "description": "错字"}
    ]
    for report in gp.validates(json.dumps(data)), gp.validate(gp.loads(json.dumps(data))):
        assert [(p.code, p.pointer) for p in report.errors] == [
            ("unknown-reference", "/irregularities/0/element")
        ]
    from govplan._reader import Positions  # noqa: PLC0415

    assert Positions().get(f"/battles/{index}") is None


def test_a_table_cell_of_only_a_full_stop_is_no_empty_unit_in_the_draft() -> None:
    # A 责任单位 cell holding only "。" became a unit named "", which the schema refuses.
    text = "附件：1.分解表\n2.案\n科技创新攻坚\n任分解表\n\t\t责任单位\n攻坚\t\t。\n科技创新攻"
    campaign = gp.extract(text)
    assert gp.loads(gp.dumps(campaign)) == campaign
    assert gp.validate(campaign).valid
