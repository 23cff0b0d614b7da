"""The HTML report: every element shown, numbers from govplan.metrics, escaping, no network.

The last test opens the report in headless Chromium (``-m browser``): no console errors, no
requests, working buttons, Chinese text in a real CJK font, and a screenshot.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from _chromium import CHROMIUM, Chromium
from conftest import SAMPLE
from govplan import cli, examples, metrics
from govplan.checks import iter_indicators
from govplan.model import Campaign
from govplan.org import Responsibility, Role
from govplan.report import render_report, write_report
from govplan.validation import validate

EXAMPLES = examples.names()
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr"})


class Node:
    """An element of the parsed page: tag, attributes, children (nodes and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def get(self, name: str) -> str:
        return self.attrs.get(name) or ""

    def classes(self) -> set[str]:
        return set(self.get("class").split())

    def find(self, *, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        """Descendants (self included) with *tag*, class *cls* and the attributes given."""
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes())
            and all(n.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, element_id: str) -> Node:
        (found,) = self.find(id=element_id)
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        assert node.parent is not None
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def plans() -> dict[str, Campaign]:
    return {name: examples.load(name) for name in EXAMPLES}


@pytest.fixture(scope="module")
def pages(plans: dict[str, Campaign]) -> dict[str, str]:
    return {name: render_report(plan) for name, plan in plans.items()}


# ---------------------------------------------------------------------------------------------
# Content


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_battle_group_and_task_is_in_the_tree(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    plan = plans[name]
    tree = parse(pages[name]).by_id("plan-tree")
    kinds = {
        kind: [n.get("data-id") for n in tree.find(tag="details", data_kind=kind)]
        for kind in ("battle", "group", "task")
    }
    assert kinds["battle"] == [b.id for b in plan.battles]
    groups = [g.id for b in plan.battles for g in b.walk_groups()]
    assert sorted(kinds["group"]) == sorted(groups)
    tasks = list(plan.walk_tasks())
    assert sorted(kinds["task"]) == sorted(t.id for t in tasks)
    subtasks = [s.id for t in tasks for s in t.walk() if s is not t]
    assert sorted(n.get("data-id") for n in tree.find(cls="subtask")) == sorted(subtasks)
    text = " ".join(tree.text().split())
    for task in tasks:
        assert " ".join(task.title.split()) in text


def test_header_counts_the_plan(plans: dict[str, Campaign], pages: dict[str, str]) -> None:
    plan = plans["fenghuang-2023"]
    page = parse(pages["fenghuang-2023"])
    assert page.by_id("report-title").text() == plan.title
    counts = {
        n.get("data-count"): n.find(tag="dd")[0].children[0]
        for n in page.find(tag="div")
        if n.get("data-count")
    }
    assert counts == {
        "battles": "6",
        "groups": "25",
        "tasks": "156",
        "indicators": str(len(list(iter_indicators(plan)))),
        "milestones": "8",
        "units": str(len(plan.units)),
    }
    header = page.by_id("report-header").text()
    assert "凤政办发〔2023〕2号" in header
    assert "2023年" in header
    assert "schema 0.1.0" in header


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_bar_per_lead_unit_in_workload_order(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    leads = [r for r in metrics.workload(plans[name]).counts if r.lead > 0]
    page = parse(pages[name])
    bars = page.find(tag="g", cls="bar")
    assert len(page.find(tag="rect")) == len(bars) == len(leads)
    assert [b.get("data-unit") for b in bars] == [r.unit for r in leads]
    for bar, row in zip(bars, leads, strict=True):
        assert bar.get("data-lead") == str(row.lead)
        (title,) = bar.find(tag="title")
        assert f"牵头 {row.lead} 项，配合 {row.cooperating} 项，负责 {row.responsible} 项" in (
            title.text()
        )
    if not leads:
        assert page.find(id="no-lead-units")


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_indicator_row_per_indicator(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    table = parse(pages[name]).by_id("indicators")
    shown = [r.get("data-pointer") for r in table.find(tag="tbody")[0].find(tag="tr")]
    pointers = [p for p, _ in iter_indicators(plans[name])]
    assert sorted(shown) == sorted(pointers)
    assert len(shown) == len(pointers)
    # Headline targets first, then battle by battle, each in document order.
    battle = [int(p.split("/")[2]) if p.startswith("/battles/") else -1 for p in shown]
    assert battle == sorted(battle)
    assert [p for p in shown if p.startswith("/objectives/")] == [
        p for p in pointers if p.startswith("/objectives/")
    ]


def test_indicator_row_reads_the_target(pages: dict[str, str]) -> None:
    table = parse(pages["fenghuang-2023-sample"]).by_id("indicators")
    row = table.find(tag="tr", data_pointer="/objectives/0/indicators/0")[0]
    cells = [" ".join(td.text().split()) for td in row.find(tag="td")]
    assert cells == ["总体", "总体目标 (二) 科技创新稳步推进", "全社会研发经费投入", "≥ 不低于",
                     "12%", "力争", "增速", "35"]  # fmt: skip


def test_allocation_heat_map_with_its_checks(
    plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    plan = plans["changde-2023"]
    (table,) = plan.allocations
    checks = [c for c in metrics.allocation_checks(plan).checks if c.table == table.id]
    section = parse(pages["changde-2023"]).by_id("allocations")
    assert not section.find(id="no-allocations")
    heat = section.by_id(f"allocation-{table.id}")
    assert heat.get("data-checks") == str(len(checks))
    assert heat.get("data-disagreements") == "0"
    assert [r.get("data-row") for r in heat.find(tag="tr") if r.get("data-row")] == [
        r.id for r in table.rows
    ]
    verdicts = heat.find(tag="span", data_agrees="true")
    assert len(verdicts) == len(checks)
    parts = [v for v in verdicts if v.get("data-check") == "parts"]
    assert len(parts) == sum(1 for c in checks if c.check == "parts")
    (detail,) = heat.find(tag="tr", data_detail_of="a1.r5")
    columns = [v.get("data-column") for v in detail.find(tag="span", data_check="detail")]
    assert columns == [c.column for c in checks if c.check == "detail"]
    shaded = [td for td in heat.find(tag="td", cls="v") if "blank" not in td.classes()]
    assert all(td.get("style").startswith("background:rgba(") for td in shaded)
    assert len(shaded) == sum(1 for r in table.rows for v in r.parts if v is not None)


def test_allocation_that_does_not_add_up_shows_the_difference(plans: dict[str, Campaign]) -> None:
    plan = plans["changde-2023"]
    (table,) = plan.allocations
    row = attrs.evolve(table.rows[0], total=Decimal(53010))
    changed = attrs.evolve(plan, allocations=(attrs.evolve(table, rows=(row, *table.rows[1:])),))
    heat = parse(render_report(changed)).by_id("allocation-a1")
    assert heat.get("data-disagreements") == "1"
    (bad,) = heat.find(tag="span", data_agrees="false")
    assert bad.text() == "✗ 差 -10"
    assert "合计 53000人，所列 53010，差 -10" in bad.get("title")


def test_a_plan_without_allocation_tables_says_so(pages: dict[str, str]) -> None:
    section = parse(pages["fenghuang-2023"]).by_id("allocations")
    assert "no allocation tables in this plan" in section.by_id("no-allocations").text()
    assert not section.find(tag="table")


@pytest.mark.parametrize("name", EXAMPLES)
def test_timeline_shows_every_milestone(
    name: str, plans: dict[str, Campaign], pages: dict[str, str]
) -> None:
    options = metrics.CountingOptions(include_subtasks=True)
    entries = metrics.milestone_calendar(plans[name], options=options).entries
    timeline = parse(pages[name]).by_id("timeline")
    cards = timeline.find(tag="li", cls="milestone")
    assert [(c.get("data-task"), c.get("data-due")) for c in cards] == [
        (e.task, e.due.isoformat()) for e in entries
    ]
    for card, entry in zip(cards, entries, strict=True):
        assert entry.phrase in card.text()
    months = [m.get("data-month") for m in timeline.find(tag="li", cls="month")]
    if entries:
        assert months == [f"{plans[name].year}-{m:02d}" for m in range(1, 13)]


def test_irregularities_are_listed(plans: dict[str, Campaign], pages: dict[str, str]) -> None:
    plan = plans["pingjiang-2023"]
    table = parse(pages["pingjiang-2023"]).by_id("irregularity-table")
    rows = table.find(tag="tbody")[0].find(tag="tr")
    assert len(rows) == len(plan.irregularities) > 0
    assert [r.get("data-kind") for r in rows] == [i.kind.value for i in plan.irregularities]
    sample = parse(pages["fenghuang-2023-sample"])
    assert sample.find(id="no-irregularities")


def test_text_is_escaped(plans: dict[str, Campaign]) -> None:
    plan = plans["fenghuang-2023-sample"]
    battle = plan.battles[0]
    group = battle.groups[0]
    evil = "<script>alert('x')</script> & \"quoted\""
    task = attrs.evolve(group.tasks[0], title=evil, text=evil)
    group = attrs.evolve(group, tasks=(task, *group.tasks[1:]))
    battle = attrs.evolve(battle, groups=(group, *battle.groups[1:]), name=evil)
    changed = attrs.evolve(plan, battles=(battle,), title=evil)
    text = render_report(changed)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in text
    page = parse(text)
    assert len(page.find(tag="script")) == 1
    assert page.by_id("report-title").text() == evil
    details = page.find(tag="details", data_id=task.id)[0]
    assert evil in details.text()


def test_output_is_deterministic(pages: dict[str, str]) -> None:
    again = render_report(examples.load("changde-2023"))
    assert again == pages["changde-2023"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_report_is_self_contained(name: str, pages: dict[str, str]) -> None:
    text = pages[name]
    page = parse(text)
    (html,) = page.find(tag="html")
    assert html.get("lang") == "zh-CN"
    assert page.find(tag="meta", charset="utf-8")
    for node in page.iter():
        assert node.tag not in {"link", "img", "iframe", "object", "embed", "base", "image"}
        for name_, value in node.attrs.items():
            if name_ in {"src", "href", "xlink:href", "action", "srcset", "poster", "data"}:
                assert (value or "").startswith(("#", "data:")), (node.tag, name_, value)
    lowered = text.lower()
    for forbidden in ("@import", "url(", "@font-face", "http", "//"):
        found = [m.start() for m in re.finditer(re.escape(forbidden), lowered)]
        assert not found, (forbidden, [text[i - 60 : i + 60] for i in found[:3]])
    (style,) = page.find(tag="style")
    assert (
        'font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", '
        '"WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif' in style.text()
    )


def test_write_report_writes_the_rendered_page(tmp_path: Path, pages: dict[str, str]) -> None:
    out = tmp_path / "report.html"
    write_report(examples.load("fenghuang-2023-sample"), out)
    assert out.read_text(encoding="utf-8") == pages["fenghuang-2023-sample"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# ---------------------------------------------------------------------------------------------
# Command line


def test_cli_report_writes_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: dict[str, str]
) -> None:
    out = tmp_path / "r.html"
    assert cli.main(["report", "changde-2023", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == pages["changde-2023"]
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_cli_report_of_a_file_to_stdout(
    capsys: pytest.CaptureFixture[str], pages: dict[str, str]
) -> None:
    assert cli.main(["report", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == pages["fenghuang-2023-sample"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("a: [1", "bad.yaml:"), ("schema_version: 0.1.0\nid: x\n", "bad.yaml")],
)
def test_cli_report_of_a_bad_plan_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli.main(["report", str(bad), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_cli_report_of_an_unknown_example_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", "no-such-plan"]) == 2
    assert "no plan file or bundled example called 'no-such-plan'" in capsys.readouterr().err


def test_cli_report_of_a_folder_of_plans_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["report", str(SAMPLE.parent)]) == 2
    assert "not one" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# In a browser

#: Fonts known to carry Chinese glyphs, for systems without fc-list.
_CJK_FAMILIES = {
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
}


def _cjk_families() -> set[str]:
    """Font families fontconfig says cover Chinese, and the well-known ones."""
    families = set(_CJK_FAMILIES)
    fc_list = shutil.which("fc-list")
    if fc_list:
        listed = subprocess.run(  # noqa: S603 - a fixed query of the installed fonts
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=30
        ).stdout
        families.update(f.strip() for line in listed.splitlines() for f in line.split(","))
    return families


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing: CI must install chromium")
    pytest.skip(f"{CHROMIUM} is not installed")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _open(browser: Chromium, url: str) -> str:
    """Open *url* in a new 1280×900 page with the domains the test listens to; the session."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
    session: str = attached["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page", "DOM", "CSS"):
        browser.send(f"{domain}.enable", session=session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    mark = len(browser.events)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session=session, since=mark)
    return session


def _check_page(browser: Chromium, session: str, plan: Campaign) -> None:
    """The chart, tree, buttons, links and filter work as the markup promises."""

    def js(expression: str) -> object:
        return browser.evaluate(expression, session=session)

    leads = sum(1 for r in metrics.workload(plan).counts if r.lead > 0)
    details = (
        len(plan.battles)
        + sum(1 for b in plan.battles for _ in b.walk_groups())
        + sum(1 for _ in plan.walk_tasks())
    )
    assert js("document.querySelectorAll('#lead-unit-chart rect').length") == leads
    assert js("document.querySelectorAll('#plan-tree details').length") == details
    indicators = len(list(iter_indicators(plan)))
    assert js("document.querySelectorAll('#indicators tbody tr').length") == indicators
    assert js("document.querySelector('#allocations table.heatmap') !== null") is True

    every = "[...document.querySelectorAll('#plan-tree details')].every"
    js("document.getElementById('expand-all').click()")
    assert js(f"{every}(d => d.open)") is True
    js("document.getElementById('collapse-all').click()")
    assert js(f"{every}(d => !d.open)") is True

    # A timeline link opens the task it points to.
    opened = js(
        "(() => { const a = document.querySelector('#timeline a.where'); a.click();"
        " const t = document.getElementById(a.getAttribute('href').slice(1));"
        " return t.open && t.closest('details.battle').open; })()"
    )
    assert opened is True

    # The filter keeps the tasks that name the unit, and only those.
    shown = js(
        "(() => { const f = document.getElementById('tree-filter'); f.value = '市商务局';"
        " f.dispatchEvent(new Event('input'));"
        " const tasks = [...document.querySelectorAll('#plan-tree details.task')];"
        " const visible = tasks.filter(t => t.offsetParent !== null);"
        " return [visible.length, visible.every(t => t.textContent.includes('市商务局')),"
        " tasks.length]; })()"
    )
    assert isinstance(shown, list)
    assert 0 < shown[0] < shown[2]
    assert shown[1] is True
    js(
        "(() => { const f = document.getElementById('tree-filter'); f.value = '';"
        " f.dispatchEvent(new Event('input')); })()"
    )


def _check_title_font(browser: Chromium, session: str, title: str) -> None:
    """The title is drawn in a font with Chinese glyphs, not a Latin fallback showing tofu.

    Without a CJK font Chromium reports the Latin fallback (e.g. DejaVu Sans) for every glyph.
    """
    root = browser.send("DOM.getDocument", session=session)["root"]["nodeId"]
    node = browser.send(
        "DOM.querySelector", {"nodeId": root, "selector": "#report-title"}, session=session
    )["nodeId"]
    fonts = browser.send("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)["fonts"]
    assert fonts, "no platform font reported"
    cjk = _cjk_families()
    assert all(f["familyName"] in cjk for f in fonts), (
        f"title drawn in {fonts}: install a CJK font (e.g. fonts-wqy-microhei)"
    )
    ideographs = sum(1 for c in title if "\u4e00" <= c <= "\u9fff")
    assert sum(f["glyphCount"] for f in fonts) >= ideographs


def _problems(browser: Chromium, session: str, url: str) -> dict[str, list[object]]:
    """Console errors, exceptions, error log entries, and requests for anything but *url*."""
    # The harness does see console errors: a probe must come through.
    probe = len(browser.events)
    browser.evaluate("console.error('govplan-probe')", session=session)
    browser.wait_event("Runtime.consoleAPICalled", session=session, since=probe)
    return {
        "console": [
            e
            for e in browser.messages("Runtime.consoleAPICalled", session=session)
            if e["type"] in {"error", "assert"} and e["args"][0].get("value") != "govplan-probe"
        ],
        "exceptions": list(browser.messages("Runtime.exceptionThrown", session=session)),
        "log": [
            e
            for e in browser.messages("Log.entryAdded", session=session)
            if e["entry"]["level"] == "error" and "govplan-probe" not in e["entry"].get("text", "")
        ],
        "requests": [
            e["request"]["url"]
            for e in browser.messages("Network.requestWillBeSent", session=session)
            if e["request"]["url"] != url
        ],
    }


@pytest.mark.browser
def test_report_in_headless_chromium(tmp_path: Path, pages: dict[str, str]) -> None:
    _require_chromium()
    name = "changde-2023"
    page = tmp_path / f"{name}.html"
    page.write_text(pages[name], encoding="utf-8")
    url = page.as_uri()
    plan = examples.load(name)
    started = time.monotonic()
    with Chromium(timeout=30) as browser:
        session = _open(browser, url)
        shots = {"top": browser.screenshot(session=session)}
        browser.evaluate("document.getElementById('allocations').scrollIntoView()", session=session)
        shots["allocations"] = browser.screenshot(session=session)
        browser.evaluate("window.scrollTo(0, 0)", session=session)
        _check_page(browser, session, plan)
        _check_title_font(browser, session, plan.title)
        problems = _problems(browser, session, url)
        loaded = [
            e["request"]["url"]
            for e in browser.messages("Network.requestWillBeSent", session=session)
        ]
    assert problems == {"console": [], "exceptions": [], "log": [], "requests": []}
    assert loaded == [url]
    copies = os.environ.get("GOVPLAN_SCREENSHOT_DIR")
    for label, data in shots.items():
        assert _png_size(data) == (1280, 900)
        assert len(data) > 20_000, "screenshot looks blank"
        shot = tmp_path / f"report-{name}-{label}.png"
        shot.write_bytes(data)
        if copies:
            Path(copies).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(copies) / shot.name)
    assert time.monotonic() - started < 60


@pytest.mark.browser
def test_every_example_report_opens_cleanly(tmp_path: Path, pages: dict[str, str]) -> None:
    """Each bundled plan's report loads with no console error or request, chart and tree drawn."""
    _require_chromium()
    with Chromium(timeout=30) as browser:
        for name, html in pages.items():
            page = tmp_path / f"{name}.html"
            page.write_text(html, encoding="utf-8")
            url = page.as_uri()
            session = _open(browser, url)
            bars = browser.evaluate(
                "document.querySelectorAll('#lead-unit-chart rect').length", session=session
            )
            tree = browser.evaluate(
                "document.querySelectorAll('#plan-tree details.task').length", session=session
            )
            plan = examples.load(name)
            assert bars == len(metrics.workload(plan).top(10_000)), name
            assert tree == sum(1 for _ in plan.walk_tasks()), name
            assert _problems(browser, session, url) == {
                "console": [],
                "exceptions": [],
                "log": [],
                "requests": [],
            }, name


def test_validation_section_lists_what_validate_finds(plans: dict[str, Campaign]) -> None:
    plan = plans["fenghuang-2023-sample"]
    summary = parse(render_report(plan)).by_id("validation-summary")
    assert (summary.get("data-errors"), summary.get("data-warnings")) == ("0", "0")

    battle = plan.battles[0]
    group = battle.groups[0]
    task = group.tasks[0]
    lead = task.responsibilities[0].assignments[0]
    both = attrs.evolve(
        task.responsibilities[0],
        assignments=(
            Responsibility(unit=lead.unit, role=Role.LEAD),
            Responsibility(unit=lead.unit, role=Role.COOPERATING),
        ),
    )
    task = attrs.evolve(task, responsibilities=(both,))
    group = attrs.evolve(group, tasks=(task, *group.tasks[1:]))
    changed = attrs.evolve(plan, battles=(attrs.evolve(battle, groups=(group,)),))
    page = parse(render_report(changed))
    summary = page.by_id("validation-summary")
    expected = validate(changed).errors
    assert summary.get("data-errors") == str(len(expected)) != "0"
    table = page.by_id("validation-table")
    assert "lead-and-cooperating" in table.text()
    links = [a.get("href") for a in table.find(tag="a")]
    assert f"#{page.find(tag='details', data_id=task.id)[0].get('id')}" in links
