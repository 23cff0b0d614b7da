"""The examples say what their documents say: checked against the seed texts in ../shared/seeds.

Skipped where the seeds are not beside the checkout.  Pins were reviewed by hand against the
seed's responsibility notes; roles: L lead, C cooperating, R responsible; sets separated by |.
"""

from __future__ import annotations

from functools import cache

import pytest

import govplan as gp
from conftest import SEEDS
from govplan.checks import iter_indicators, iter_tasks

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")

EXAMPLES = [
    "changde-2023",
    "fenghuang-2023",
    "fenghuang-2023-sample",
    "nanxian-2025",
    "pingjiang-2023",
]

#: example -> (units, allocation rows, [(groups, tasks, sub-tasks) per battle])
COUNTS = {
    "changde-2023": (
        77,
        20,
        [(6, 30, 0), (4, 17, 0), (4, 20, 0), (5, 37, 0), (4, 28, 0), (4, 30, 0)],
    ),
    "fenghuang-2023": (
        100,
        0,
        [(6, 29, 0), (3, 11, 29), (5, 32, 0), (5, 32, 0), (3, 23, 3), (3, 29, 20)],
    ),
    "fenghuang-2023-sample": (22, 0, [(3, 11, 2)]),
    "nanxian-2025": (
        74,
        0,
        [(3, 12, 0), (4, 13, 0), (5, 5, 0), (7, 21, 3), (5, 17, 0), (3, 19, 0), (15, 38, 0)],
    ),
    "pingjiang-2023": (
        75,
        0,
        [(6, 30, 0), (6, 6, 0), (4, 19, 0), (5, 31, 0), (5, 30, 0), (2, 20, 0)],
    ),
}

#: (example, task id, seed line, title start, responsibility sets)
PINS = [
    ("fenghuang-2023", "b1.g1.t1", 96, "积极开展促消费活动", "县商务局:L 县市场监管局:C"),
    (
        "fenghuang-2023",
        "b4.g2.t2",
        606,
        "全力推进重大案件风险处置",
        "县“盛大金禧”案风险处置工作领导小组各成员单位:R | 县打击和处置非法集资工作领导小组成员单位:R",
    ),
    (
        "fenghuang-2023",
        "b4.g5.t7",
        662,
        "防范应对极端天气自然灾害和安全生产事故",
        "县安委会、县减灾委、县防指、县森防指相关成员单位:R",
    ),
    (
        "fenghuang-2023",
        "b1.g1.t3",
        100,
        "加快旅游消费恢复",
        "县文旅广电局:L 县民宗局:C 凤凰产业开发区管委会:C 凤凰风景名胜区管理处:C 沱江镇人民政府:C 县文联:C 县铭城集团:C",
    ),
    (
        "fenghuang-2023",
        "b1.g5.t1",
        146,
        "提高城市规划治理水平",
        "凤凰风景名胜区管理处:R 县执法局:R",
    ),
    ("fenghuang-2023", "b1.g2.t6", 118, "激发民间投资活力", "县发改局:L 县住建局:L 县金融办:L"),
    (
        "fenghuang-2023",
        "b2.g3.t3.r1",
        457,
        "健全完善科技人才激励机制,对科技",
        "县委组织部:L 县人社局:C 县科技工信局:C 县农业农村局:C",
    ),
    (
        "fenghuang-2023",
        "b3.g5.t1",
        556,
        "提升市政公用服务便利度",
        "县住建局:R 县发改局:R 县自然资源局:R 县林业局:R 县交通运输局:R 县公安局:R 县市场监管局:R 国网凤凰县供电公司:R 首创水务公司:R 燃气公司:R",
    ),
    (
        "fenghuang-2023",
        "b4.g2.t1",
        600,
        "加强地方金融组织日常监管",
        "县金融办:R 金融机构:R | 县金融办:R 县市场监管局:R | 县金融办:R 县市场监管局:R 人行凤凰县支行:R",
    ),
    (
        "fenghuang-2023",
        "b4.g3.t1",
        626,
        "狠抓项目提速保质",
        "县住建局:R 县自然资源和规划局:R 县税务局:R 县金融办:R 人民银行凤凰县分行:R 县委政法委:R 县公安局:R 县财政局:R 县人民法院:R 县市监局:R 县信访局:R",
    ),
    (
        "fenghuang-2023",
        "b4.g4.t2",
        640,
        "保障药品和检测试剂需求",
        "县指挥部物资保障组:L 县科工信局:C 县卫健局:C 县市监局:C 各乡镇:C",
    ),
    (
        "fenghuang-2023",
        "b5.g2.t14.i3",
        724,
        "森林防灭火方面",
        "县应急管理局:L 县林业局:L 县森林公安局:C 县农业农村局:C 县消防救援大队:C 县气象局:C 县文旅广电局:C 县财政局:C 各乡镇:C 国网凤凰县供电公司:C",
    ),
    (
        "fenghuang-2023",
        "b6.g1.t10",
        787,
        "加强农村“三路”和“两网”及灌溉",
        "县交通运输局:L 国网凤凰县供电公司:L 县通管办:L 县水利局:L 州生态环境局凤凰分局:L",
    ),
    (
        "fenghuang-2023",
        "b6.g3.t5.r2",
        908,
        "完成农村公路安防工程提质升级20",
        "县公路建设养护中心:L",
    ),
    (
        "nanxian-2025",
        "b1.g1.t2",
        44,
        "完善消费政策",
        "县政府办:L 县商务局:L 县发展和改革局:L 县财政局:C 县农业农村局:C 县农机事务中心:C 县总工会:C",
    ),
    (
        "nanxian-2025",
        "b1.g1.t6",
        48,
        "优化消费环境",
        "县市场监督管理局:R 县发展和改革局:R 县商务局:R 金融监管总局南县支局:R 县城市管理和综合执法局:R",
    ),
    (
        "nanxian-2025",
        "b2.g2.t1",
        72,
        "做实节会平台招商",
        "县商务局:L 县科学技术和工业信息化局:C 湖南南县高新技术产业开发区管委会:C",
    ),
    (
        "nanxian-2025",
        "b3.g1.t1",
        90,
        "赋能重大科技项目布局",
        "县科学技术和工业信息化局:L 湖南南县高新技术产业开发区管委会:C 县发展和改革局:C 县农业农村局:C 县稻虾产业发展服务中心:C 县畜牧水产事务中心:C",
    ),
    (
        "nanxian-2025",
        "b4.g3.t3",
        116,
        "推进绿色低碳转型",
        "县发展和改革局:R 市生态环境南县分局:R 县林业局:R 人民银行南县营业管理部:R",
    ),
    (
        "nanxian-2025",
        "b5.g1.t4",
        143,
        "促进民营经济发展",
        "县发展和改革局:L 人民银行南县营业管理部:C 县工商联:C 县科技和工业信息化局:C 县数据局:C 县直相关单位:C",
    ),
    ("nanxian-2025", "b5.g4.t2", 154, "推动政策直达快享", "县数据局:L 县科技和工业信息化局:L"),
    (
        "nanxian-2025",
        "b6.g1.t8",
        177,
        "深入推动自然灾害防范应对",
        "县应急管理局:L 县发展和改革局:L 水利局:C 县应安委会有关成员单位:C",
    ),
    ("nanxian-2025", "b6.g2.t3", 183, "加强政府债券管理", "县财政局:L 县发展和改革局:C"),
    (
        "nanxian-2025",
        "b7.g1.s7.t1",
        221,
        "实施数字惠民工程",
        "县数据局:L 县人力资源和社会保障局:L 各单位:C",
    ),
    (
        "nanxian-2025",
        "b7.g5.t4",
        251,
        "规划设置潮汐摊区5个以上、摊位3",
        "县城市管理和综合执法局:L 县商务局:L 各单位:C",
    ),
    ("pingjiang-2023", "b1.g1.t6", 126, "引进培育商贸企业", "商务粮食局:L 科工信局:C"),
    ("pingjiang-2023", "b1.g3.t1", 148, "推动外贸扩规提质", "商务粮食局:L 发改局:C"),
    ("pingjiang-2023", "b1.g6.t4", 196, "强化能源供应保障", "发改局:L 国网公司:C"),
    (
        "pingjiang-2023",
        "b2.g2.t1",
        220,
        "实施创新平台建设工程",
        "科工信局:L | 科工信局:L | 农业农村局:L 林业局:L | 农业农村局:L | 林业局:L 教育局:L | 文体广旅局:L",
    ),
    (
        "pingjiang-2023",
        "b3.g3.t2",
        282,
        "深化“一网通办”打造“一件事一次",
        "行政审批服务局:L 各事项涉及单位:L",
    ),
    (
        "pingjiang-2023",
        "b3.g4.t4",
        310,
        "加强社会诚信建设",
        "发改局:L | 人民法院:L | 审计局:L | 发改局:L 市场监督管理局:L | 工信局:L | 工商联:L | 发改局:L",
    ),
    (
        "pingjiang-2023",
        "b4.g2.t3",
        354,
        "重打击，形成严打金融犯罪高压态势",
        "县打击和处置非法集资工作领导小组各成员单位:R",
    ),
    (
        "pingjiang-2023",
        "b4.g5.t1",
        396,
        "加强风险隐患排查和修订完善预案方",
        "县安委会、县减灾委相关成员单位:R",
    ),
    (
        "pingjiang-2023",
        "b5.g2.t2",
        454,
        "消防和人员密集场所专项整治",
        "消防大队:L 商务粮食局:L 公安局:C 住建局:C 科工信局:C 应急管理局:C",
    ),
    (
        "pingjiang-2023",
        "b5.g2.t7",
        466,
        "交通安全专项整治",
        "交通顽瘴痼疾整治办:L 交通运输局:L 公路建养中心:L 交警大队:L 财政局:C 科工信局:C 教育局:C 农业农村局:C 住建局:C 市场监督管理局:C 应急管理局:C 安委会成员单位:C 各乡镇街道:C",
    ),
    ("pingjiang-2023", "b6.g2.t1", 592, "扩大社会保险覆盖面", "人社局:L 税务局:C"),
    ("pingjiang-2023", "b6.g1.t12", 578, "加快城镇老旧小区改造", "住建局:L | 供电公司:L"),
    (
        "changde-2023",
        "b1.g1.t2",
        93,
        "深入推进“五好”园区建设",
        "市工信局:L 市委政研室〈市委改革办〉:C 市发展改革委:C 市自然资源和规划局:C 市生态环境局:C",
    ),
    ("changde-2023", "b1.g1.t6", 101, "纵深推进财源建设工程", "市财政局:R 市税务局:R"),
    ("changde-2023", "b1.g2.t4", 111, "全面激活旅游消费", "市文旅广体局:L"),
    (
        "changde-2023",
        "b2.g2.t5",
        198,
        "促进科技金融扩面提质",
        "市科技局:L 市政府金融办:L 市发展改革委:C 市工信局:C 市财政局:C 市市场监管局:C 人行常德市中心支行:C 常德银保监分局:C",
    ),
    (
        "changde-2023",
        "b3.g2.t3",
        255,
        "打造“一件事一次办”升级版",
        "市行政审批局:L | 市行政审批局:L 各事项涉及单位:L",
    ),
    (
        "changde-2023",
        "b3.g4.t4",
        279,
        "维护司法公正",
        "市人民检察院:L | 市中级人民法院:L 市人民检察院:L | 市中级人民法院:L | 市人民检察院:L | 市中级人民法院:L",
    ),
    ("changde-2023", "b4.g2.t2", 318, "强化地方金融组织监管", "市政府金融办:L"),
    ("changde-2023", "b4.g5.t10", 384, "加强宣传舆论引导", "市委宣传部:R 市委网信办:R"),
    ("changde-2023", "b5.g1.t1", 405, "开展隐患清零行动", "市安委办:L 相关成员单位:C"),
    (
        "changde-2023",
        "b5.g2.t14",
        439,
        "自然灾害防治",
        "市应急局:L 市水利局:L 市自然资源和规划局:C 市住建局:C 市交通运输局:C 市农业农村局:C 市国资委:C 常德军分区战备建设处:C 市消防救援支队:C 市气象局:C 国网常德供电公司:C | 市应急局:L 市林业局:L 市发展改革委:C 市财政局:C 市机关事务局:C 常德军分区战备建设处:C 市气象局:C",
    ),
    ("changde-2023", "b5.g3.t1", 445, "强化源头管控", ""),
    (
        "changde-2023",
        "b6.g1.t10",
        504,
        "加强农村“三路”“两网”及灌溉、",
        "市交通运输局:L | 国网常德供电公司:L | 市工信局:L 市通管办:L | 市水利局:L | 市生态环境局:L",
    ),
]

_ROLES = {"L": gp.Role.LEAD, "C": gp.Role.COOPERATING, "R": gp.Role.RESPONSIBLE}


@cache
def seed_lines(example: str) -> list[str]:
    campaign = gp.examples.load(example)
    assert campaign.source is not None
    assert campaign.source.file is not None
    return (SEEDS / campaign.source.file).read_text(encoding="utf-8").split("\n")


def window(example: str, line: int, size: int = 8) -> str:
    """The seed text from *line* on, lines joined as the encoders joined broken paragraphs."""
    return "".join(seed_lines(example)[line - 1 : line - 1 + size])


def test_every_example_is_covered() -> None:
    assert sorted(gp.examples.names()) == EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_counts(example: str) -> None:
    campaign = gp.examples.load(example)
    units, rows, battles = COUNTS[example]
    found = [
        (
            len(list(b.walk_groups())),
            len(list(b.walk_tasks())),
            sum(len(list(t.walk())) - 1 for t in b.walk_tasks()),
        )
        for b in campaign.battles
    ]
    assert found == battles
    assert len(campaign.units) == units
    assert sum(len(a.rows) for a in campaign.allocations) == rows


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_task_starts_at_its_seed_line(example: str) -> None:
    campaign = gp.examples.load(example)
    for _pointer, task in iter_tasks(campaign):
        assert task.source_line is not None, task.id
        head = task.text.replace("\n", "")[:12]
        assert head in window(example, task.source_line), (task.id, task.source_line, head)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_indicator_phrase_is_in_the_seed(example: str) -> None:
    campaign = gp.examples.load(example)
    for pointer, indicator in iter_indicators(campaign):
        assert indicator.source_line is not None, pointer
        assert indicator.phrase in window(example, indicator.source_line), pointer


def named_in(unit: str, text: str) -> bool:
    """Whether *text* prints *unit*: a unit of a note is a span of it (docs/concepts.md §16)."""
    return unit in text


@pytest.mark.parametrize("example", EXAMPLES)
def test_responsibility_notes_are_verbatim_and_name_their_units(example: str) -> None:
    campaign = gp.examples.load(example)
    for _pointer, task in iter_tasks(campaign):
        assert task.source_line is not None
        for rset in task.responsibilities:
            if rset.text is not None:
                seed = window(example, task.source_line, 12)
                assert rset.text in task.text.replace("**", "") or rset.text in seed, task.id
                source = rset.text
            else:  # a table row: merged cells may stand a few lines above, long cells below
                source = window(example, max(1, task.source_line - 6), 40)
            for assignment in rset.assignments:
                assert named_in(assignment.unit, source.replace("**", "")), (
                    task.id,
                    assignment.unit,
                )


@pytest.mark.parametrize(("example", "task_id", "line", "title", "sets"), PINS)
def test_pinned_tasks(example: str, task_id: str, line: int, title: str, sets: str) -> None:
    tasks = {t.id: t for _, t in iter_tasks(gp.examples.load(example))}
    task = tasks[task_id]
    assert task.source_line == line
    assert task.title.startswith(title)
    assert title.replace("“", "").replace("”", "")[:6] in window(example, line).replace(
        "“", ""
    ).replace("”", "").replace('"', "")
    expected = [
        [(pair.rsplit(":", 1)[0], _ROLES[pair.rsplit(":", 1)[1]]) for pair in group.split()]
        for group in sets.split(" | ")
        if group
    ]
    assert [[(a.unit, a.role) for a in s.assignments] for s in task.responsibilities] == expected


def test_pins_cover_every_battle_of_every_seed_plan() -> None:
    for example in EXAMPLES:
        if example.endswith("sample"):
            continue
        pinned = [p for p in PINS if p[0] == example]
        assert len(pinned) >= 10
        battles = {p[1].split(".")[0] for p in pinned}
        assert len(battles) == len(gp.examples.load(example).battles)
