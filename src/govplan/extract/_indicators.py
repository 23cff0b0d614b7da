"""Quantified targets in the text of a plan, for the extractor (deadlines: ``_deadlines``).

A target is a number with a unit govplan knows (``增长8%``, ``210亿元``, ``新增3家``), read with
the words around it: what is measured (the words before the verb), the comparator (以上, 突破,
左右, 以内 …) and the modality (力争 / 确保, read by the reach rule of
:mod:`govplan._reading_targets`).  ``分别增长8%、10%`` and ``X、Y均增长15%`` give one
indicator per item.  Outcomes stated without a figure (全覆盖, 动态清零, 持续下降, 不发生…事故) are
qualitative targets, found by the same module.

Not every number with a unit is a target.  Numbers that name something are left out: a
package of measures (稳增长20条), a figure inside quotation marks or a title (“15分钟健身圈”,
《…25条》), a voltage class (110千伏输变电工程), a capacity naming a project (年产5万吨…), a count of
what the document holds (明确133项具体任务, 涉及34个牵头单位), the staff an organisation assigns
(明确1名联络员), who or what a rule covers or the rate it pays (15万元以下的纳税人, (含)以下,
按…的30%返还), the amounts and thresholds of a grant (…突破1000万元的,分别给予…, 一次性奖励…),
the capacities of listed projects (…25万吨己二酸…等项目) and a size class (超100亿元的产业
集群).  A statement of results (last year's figures in a 国民经济和社会发展计划 or a
政府工作报告, 过去一年…, 已建成…) states no targets (:func:`result_spans`).  Compound units stay
whole (元/月/人, 元/人·月, 每人每月680元); a unit govplan does not know gives no target rather
than a shorter one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Generic, TypeVar

from govplan._numerals import chinese_quantities
from govplan._reading_targets import find_outcomes, modality_at, outcome_name
from govplan.errors import GovplanError
from govplan.extract._text import Para, display, words_tail
from govplan.model import Comparator, IndicatorKind, Modality
from govplan.quantity import Quantity, QuantityRange, known_units, parse_quantity

_T = TypeVar("_T")
_TIME_UNITS = frozenset(
    {"年", "月", "个月", "天", "日", "小时", "周", "季度", "度", "个工作日", "工作日"}
)
#: A time limit (14个工作日内, 压缩至3天以内, 37小时以内): a ceiling on how long something
#: takes, read as a target with at_most.  Other durations (3年, 6个月) are horizons, no target.
_TIME_LIMIT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?P<unit>个工作日|工作日|小时|天)")
_TIME_LIMIT_AFTER = re.compile(r"(?:以内|之内|内)")
_TIME_LIMIT_BEFORE = re.compile(
    r"(?:(?:压缩|压减|缩短|缩减|减少|减|降低|降|控制)(?:至|到|在)|不超过|不多于)[^,;。:、]{0,8}$"
)
#: A time limit counted from an event (自受理之日起5个工作日内, 收到申请后3天内) is a rule of
#: procedure, no target; 每3天 is how often.
_TIME_LIMIT_FROM = re.compile(r"(?:之日起|日起|起|后|之后|以后)$|每$")
_COUNT_DIMENSIONS = ("[count_", "[person]", "[household]")


@cache
def _quantity_re() -> re.Pattern[str]:
    units = sorted(known_units(), key=len, reverse=True)
    base = "|".join(re.escape(u) for u in units if u not in _TIME_UNITS)
    every = "|".join(re.escape(u) for u in units)
    # A compound unit stays whole: 元/月/人, 元/人·月, 万元/亩, 吨/万元.
    unit = rf"(?:{base})(?:/(?:{every})(?:·(?:{every}))?){{0,2}}"
    # A number starts where no digit (nor a digit and a comma) stands before it, but for two
    # cases: three digits after a digit (1234,567 is read from 234), and one or two after
    # "d," (12,34,567 from 34).  Any other start inside a run of digits could only find what
    # the start of the run finds first; trying them all took time quadratic in the run.
    grouped = r"(?:(?<!\d)(?<!\d,)\d{1,3}|(?<=\d)\d{3}|(?<=\d,)\d{1,2})(?:,\d{3})+"
    number = rf"{grouped}(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?"
    return re.compile(
        rf"(?P<low>{number})(?P<low_unit>{unit})?(?P<dash>[-~—–至到])(?P<high>{number})(?P<unit>{unit})"
        rf"|(?P<value>{number})(?P<unit1>{unit})"
    )


_CLAUSE = frozenset(",;。:!?()")
#: What follows a number and bounds it; (含) before it (30人(含)以下) changes nothing.
_AFTER = re.compile(r"^(?:\(含\))?(?:及以上|以上|以下|以内|左右|上下|多|余)")
_AFTER_COMPARATOR = {
    "及以上": Comparator.AT_LEAST,
    "以上": Comparator.AT_LEAST,
    "多": Comparator.AT_LEAST,
    "余": Comparator.AT_LEAST,
    "以下": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "左右": Comparator.ABOUT,
    "上下": Comparator.ABOUT,
}
_BEFORE_COMPARATOR = [
    (
        re.compile(r"(?:不超过|不高于|不多于|不大于|(?<!不)低于|(?<!不)少于|控制在)$"),
        Comparator.AT_MOST,
    ),
    (
        re.compile(r"(?:突破|(?<!不)超过|(?<!不)超|不少于|不低于|至少|(?<!不)高于|(?<!不)大于)$"),
        Comparator.AT_LEAST,
    ),
    (re.compile(r"(?:约|大约|约有)$"), Comparator.ABOUT),
]
_COMPARED_OF = re.compile(r"(不低于|不少于|不超过|不高于|低于|高于|超过)[^,;。:]{1,12}的$")
#: 至少 is an adverb before the verb: 至少开展督查1次 sets a floor as 至少1次 does.
_AT_LEAST_ADVERB = re.compile(r"至少|最少")
_LEADING = re.compile(
    r"^(?:力争|争取|确保|努力|全年|年内|当年|今年|(?:全|我|本)(?:县|市|区|州|省|乡|镇)(?![域场级])|累计|预计|计划|"
    r"其中|并|且|再|共|及|以及|和|同时|[0-9]{4}年(?:底|末)?|实现|完成|推动|促进|带动|"
    r"新增|新建成|新建|新培育|净增|培育|引进|建成|建设|打造|创建|开展|提供|举办|组织|改造|实施|"
    r"达到|达|保持|稳定|力求|(?:压缩|压减|缩短|缩减)(?:至|到))+"
)
_TRAILING_WORDS = (
    "同比 比上年 较上年 分别 均 力争 争取 确保 努力 "
    "增长 增速 增幅 上涨 递增 提高 提升 下降 降低 减少 压减 回升 上升 增加 增至 降至 "
    "达到 达 突破 超过 超 不少于 不低于 不超过 不高于 低于 高于 控制在 保持在 稳定在 "
    "保持 稳定 为 至 到 在 实现 完成 新增 新建 净增 有 占 约 大约 至少 "
    "每人 每户 每月 每年 每亩 每天 每日 每次 压缩 压减 缩短 缩减"
)
#: Words closing the text before a number that are no part of the measure's name (同比增长).
_TRAILING = frozenset(_TRAILING_WORDS.split())
_GROWTH = re.compile(
    r"(?:增长|增速|增幅|涨幅|上涨|递增|下降|降幅|降低|减少|压减|回升|上升|提高|提升)(?:达到|达|为)?$"
)
_GROWTH_NAME = re.compile(r"(?:增速|增幅|涨幅|降幅)$")
#: A clause that states only a change (增长8%): the change of the measure just named.
_BARE_GROWTH = re.compile(
    r"^(?:力争|争取|确保)?(?:增长|增速|增幅|提高|提升|下降|降低|增加|减少)(?:达到|达|为)?$"
)
_RESPECTIVE = re.compile(
    r"(?:分别|均)(?=增长|提高|提升|下降|降低|减少|达到|达|为|突破|超过|保持|控制|实现|完成|新增|增加|增)"
)
_OBJECT_END = re.compile(r"[,;。:!?()、]|(?:和|及|或)(?=[0-9])")
_POINTS = frozenset({"个百分点", "百分点", "基点", "BP"})
#: How far before a number the words that qualify it (力争, 同比) are looked for, and how far
#: after it the thing counted (``2所学校``).
_WINDOW = 80
#: How far before a number its measure's name is looked for: the end of the clause, at most
#: this many characters (the seed documents' longest is 66).  Reading the whole clause for
#: each number took time quadratic in a clause of many numbers.
_SEGMENT = 200


@dataclass
class Found:
    """One target found in a text, ready to become an :class:`~govplan.Indicator`."""

    name: str
    kind: IndicatorKind
    phrase: str
    #: None for a qualitative target (an outcome without a figure).
    target: Quantity | QuantityRange | None
    comparator: Comparator
    modality: Modality
    line: int
    notes: list[str] = field(default_factory=list)
    #: The folded position after the figure, where the name is looked for as printed.
    stop: int | None = None


@dataclass
class _Hit:
    start: int
    end: int
    target: Quantity | QuantityRange
    unit: str
    clause: int
    comparator: Comparator
    stop: int
    #: Who a document lists (交通、市场监管等8个部门): no target, but it still makes the figure
    #: before it a qualifier (推动24家单位…等33个行业领域).
    listing: bool = False


def _starts(clean: str) -> tuple[list[int], list[int]]:
    """For every position: where its clause starts and where its sentence starts.

    A parenthetical belongs to the clause around it: after ``)`` the clause goes on from before
    the matching ``(``.  One pass, so that long texts stay fast.
    """
    clauses: list[int] = []
    sentences: list[int] = []
    clause = sentence = 0
    stack: list[int] = []
    for index, char in enumerate(clean):
        clauses.append(clause)
        sentences.append(sentence)
        if char == "(":
            stack.append(clause)
            clause = index + 1
        elif char == ")":
            clause = stack.pop() if stack else index + 1
        elif char in _CLAUSE:
            clause = index + 1
            if char == "。":
                sentence = index + 1
    clauses.append(clause)
    sentences.append(sentence)
    return clauses, sentences


def _kind(segment: str, name: str, unit: str, target: Quantity | QuantityRange) -> IndicatorKind:
    if unit in {"%", "‰"}:
        if _GROWTH.search(segment) or _GROWTH_NAME.search(name):
            return IndicatorKind.GROWTH_RATE
        return IndicatorKind.SHARE
    if unit in _POINTS:
        return IndicatorKind.PERCENTAGE_POINT_CHANGE
    if unit == "名次":
        return IndicatorKind.RANK
    quantity = target.high if isinstance(target, QuantityRange) else target
    counter = "/" not in unit and quantity.dimensionality.startswith(_COUNT_DIMENSIONS)
    return IndicatorKind.COUNT if counter else IndicatorKind.LEVEL


#: What opens a name and is no part of the measure: a list marker ((一), 1., 4、, ①, 一是), a
#: date or deadline (三季度前, 5月1日至…), how often (每年, 每季度) and a verb of doing that no
#: noun continues (建立…平台3个, 上线…事项500项, 至少实施项目20个: the measure is the object).
_OPENING = re.compile(
    r"^(?:\(?[一二三四五六七八九十0-9]{1,3}\)|[0-9]{1,3}[.、](?![0-9])|[一二三四五六七八九十]{1,3}、"
    r"|[①-⑳]|[一二三四五六七八九十]是|[★☆*●◆▲■]"
    r"|(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}[日号])?(?:底|末)?(?:前|之前|以前|起)?"
    r"(?:至(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?"
    r"|第?[一二三四1-4]季度(?:末|底)?(?:前|之前|以前)?|[上下]半年(?:末|底)?(?:前|之前|以前)?"
    r"|年底前|年底|年末"
    r"|(?:每年|每季度|每月|每半年|每周|至少|最少|建立|设立|上线|扶持|帮助|推出|出台|落实|签约|"
    r"招引|认定|发放|吸纳|组建|选派|启动|筹建|搭建|新改建|改扩建|扩建|续建|争创|力争|确保|给予)"
    r"(?![率量数额业])"
    r"|(?:积极|持续|加快|全力|大力|深入|进一步|着力|重点|努力|稳步|有序|逐步|精准|全面)"
    r"(?![率量数额业])"
    r"|(?:到|至)(?=[0-9])|“?十[一二三四五六七八九]五”?(?:期间|时期|末)"
    r")+"
)


def _name(segment: str) -> str:
    name = segment
    while True:
        shorter = _OPENING.sub("", _LEADING.sub("", name))
        if shorter == name:
            break
        name = shorter
    name = name[: words_tail(name, _TRAILING)] if name else name
    return name.strip("、的")


#: Names: a figure inside quotation marks or a title (“15分钟健身圈”, 房“18条”, 《…20条》) is
#: part of a name, no target.
_ENCLOSED = re.compile(r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』|《[^《》]*》|\"[^\"]*\"")
#: Units that class a thing rather than measure a target: 110千伏输变电工程, 10千伏线路.
_CLASS_UNITS = frozenset({"千伏", "伏"})
#: Units that class a project when a noun follows (200兆瓦光伏电站); a target where they close.
_CLASS_BEFORE_NOUN = frozenset({"千瓦", "万千瓦", "兆瓦"})
#: What right after a unit makes it part of another word or a class: 10万吨级码头, 15分钟, or a
#: compound unit govplan does not know (0.5吨标准煤/万元): read as no target, never as 0.5吨.
_UNIT_GOES_ON = re.compile(
    r"^(?:级|钟|月|工作日|季度|星期|学时|课时|[A-Za-z]|[\u4e00-\u9fff]{0,4}/)"
)
#: A package of policy measures named by its count: 稳增长20条, 出台支持措施15条, 房“18条”.
#: (条 after a verb of carrying out policy and closing the clause; any count after 措施.)
_PACKAGE_WORDS = "(?:措施|政策|举措|意见|细则|规定|新政|要求)"
_PACKAGE_AFTER = re.compile(rf"^(?:具体|硬核|硬|配套)?{_PACKAGE_WORDS}")
_PACKAGE_BEFORE = re.compile(rf"{_PACKAGE_WORDS}$")
_POLICY_VERB = re.compile(r"落实|兑现|贯彻|用好|出台|制定|印发|推行|宣传|修订|按照|依照")
_CLAUSE_END = re.compile(r"^(?:$|[,;。:!?)”、等])")
#: A count of what a document holds: 明确133项具体任务, 涉及34个牵头单位, 共梳理20条措施.
_HOLDS_VERB = re.compile(
    r"(?:明确|细化|涉及|包括|包含|分解|梳理|提出|列出|列入|涵盖|分为|确定|共有|共计|共|含)$"
)
_HOLDS_AFTER = re.compile(
    r"^(?:具体|重点|主要|工作|目标|年度)*(?:任务|措施|举措|事项|政策|条款|指标|实事)"
    r"|^(?:个|家)?(?:牵头|责任|配合|协办|主办|参与|承办)?(?:单位|部门)"
)
#: A figure that qualifies who or what a rule covers (月销售额15万元以下的小规模纳税人,
#: 职工30人以上的企业) or a rate of a policy (按上年度缴费的30%返还): no target.
_ATTRIBUTE_AFTER = re.compile(r"^的")
#: A verb that makes the figure after it a count to reach, not an attribute (打造1个以上的…).
_MAKING = re.compile(
    r"(?:打造|建设|新建|建成|培育|新增|引进|招引|实施|开展|创建|改造|完成|实现|达到|提供|组织|"
    r"举办|培训|吸纳|带动|安置|扶持|帮助|形成|推出|发展|认定|争创|储备|谋划)$"
)
_RATE_BEFORE = re.compile(r"按(?:照)?[^,;。:]*的$")
#: A cap on what a policy pays (最高可按20%, 最高给予50万元): no target.
_CAP_BEFORE = re.compile(r"最高(?:可)?(?:按|给予|补助|补贴|奖励|奖补|支持)[^,;。:]{0,10}$")
#: What a policy grant pays (对…企业给予20万元一次性奖补, 分别给予50万元、20万元), a cap on it
#: (每个企业最高不超过20万元, 最高奖补不超过…), and a share of a grant paid later (其中奖补资金50%
#: 待…兑现): the terms of a measure, no target.
_GRANT_BEFORE = re.compile(
    r"给予[^,;。:]{0,12}$|最高(?:可)?(?:奖补|补助|补贴|奖励|资助|支持)?(?:不超过|不高于|可达)?$"
    r"|(?:奖补|补助|补贴|奖励|扶持)资金$"
    r"|(?:^|一次性|分别|给予|予以|可|再|每[家个人户项所])(?:奖励|补助|补贴|奖补|资助)"
    r"(?![^,;。:]*(?:标准|提高|提升|达到|增加|至|到))[^,;。:0-9]{0,8}$"
)
#: The amounts listed before a figure of the same list (分别给予100万元、30万元、20万元…):
#: read past them, so that every amount of the list is read against the words before the first.
_AMOUNTS_BEFORE = re.compile(r"(?:[0-9.]+[^0-9,;。:、]{0,3}元[、和及或])+$")
#: A threshold a grant is paid on (年销售收入首次突破1000万元、2000万元的,分别给予…奖励; …达到
#: 3%的企业给予补助): the condition of a measure, no target.
_CONDITION_AFTER = re.compile(
    r"^(?:[、和及或至到-][0-9.]+[^0-9,;。:、的]{0,4})*的[^,;。:]{0,12}[,;]?[^,;。:]{0,12}?"
    r"(?:给予|予以|奖励|补助|补贴|奖补|资助)"
)
#: A condition a policy relaxes (裁员率放宽到不超过…20%): a rule, no target.
_RELAXED = re.compile(r"放宽(?:到|至)[^,;。:]*$")
#: What a policy pays or charges at a rate (按…的30%返还); 按服务人口数的15%准备药物 is a target.
_PAID = re.compile(
    r"^(?:的)?(?:比例|标准)?(?:给予|予以|"
    r"(?:返还|补贴|补助|奖励|奖补|发放|退还|收取|征收|缴纳|减免|报销|支付|拨付|分担|分成))"
)
#: A rate a policy sets (下调工伤保险费率50%的政策, 按…的30%返还): no target.
_POLICY_AFTER = re.compile(r"^的(?:政策|标准|比例|幅度|补贴|奖补|奖励|优惠)")


def _enclosed(clean: str) -> tuple[list[int], list[int]]:
    """The spans of *clean* inside quotation marks and titles (starts, ends)."""
    spans = [m.span() for m in _ENCLOSED.finditer(clean)]
    return [a for a, _ in spans], [b for _, b in spans]


def _inside(enclosed: tuple[list[int], list[int]], index: int) -> bool:
    starts, ends = enclosed
    at = bisect.bisect_right(starts, index) - 1
    return at >= 0 and index < ends[at]


def _names_no_target(clean: str, begin: int, stop: int, unit: str, clause: int) -> bool:
    """Whether the quantity ``clean[begin:stop]`` (its comparator included) is no target.

    A voltage class, a unit that goes on into another word, a package of measures, a count
    of what the document holds, a capacity naming a project, or a figure that qualifies what
    a rule covers or a rate it pays.
    """
    after = clean[stop : stop + 8]
    before = clean[max(clause, begin - 40) : begin]
    head = unit.split("/", 1)[0]
    return (
        head in _CLASS_UNITS
        or (
            head in _BARE_MULTIPLIERS
            and _BARE_END.match(after) is None
            and not _served(before, after)
        )
        or _EXCLUDED_BEFORE.search(clean, max(0, begin - 5), begin) is not None
        or (head in _CLASS_BEFORE_NOUN and _NOUN_GOES_ON.match(after) is not None)
        or bool(_UNIT_GOES_ON.match(after))
        or _names_a_package(head, before, after)
        or (_CAPACITY.search(before) is not None and _NOUN_GOES_ON.match(after) is not None)
        or _names_a_project(clean, stop, head)
        or _CONDITION_AFTER.match(clean[stop : stop + 60]) is not None
        or (_SIZE_BEFORE.search(before) is not None and _SIZE_AFTER.match(after) is not None)
        or _qualifies_a_rule(clean[begin:stop], head, before, clean[stop : stop + 24])
    )


#: A figure printed with its multiplier only (城镇新增就业70万, 总量突破五千亿规模) is a target
#: where it closes the clause; before a word (百亿企业, 5万余人, 1.2万亿元) it names a class or
#: goes on into a unit govplan does not know.
_BARE_MULTIPLIERS = frozenset({"万", "亿", "万亿"})
_BARE_END = re.compile(r"^(?:$|[,;。:!?)、]|规模(?![以之]))")
#: People a measure serves, counted with the multiplier only (为十万职工送…, 惠及5万农户): a
#: count of the people named after it.
_SERVING = re.compile(r"(?:为|向|给|惠及|覆盖|帮助|服务|带动|培训|救助|资助|组织)$")
_SERVED = re.compile(
    r"^(?:职工|居民|群众|农民|农户|学生|老人|老年人|儿童|妇女|青年|家庭|患者|残疾人|劳动者|市民)"
)


def _served(before: str, after: str) -> bool:
    """为十万职工: a figure with its multiplier only that counts the people a measure serves."""
    return _SERVING.search(before) is not None and _SERVED.match(after) is not None


#: The bound of what a rule covers, in a parenthetical (6亩以下(不含6亩)): no target.
_EXCLUDED_BEFORE = re.compile(r"\((?:不含|含|包含|不包括|包括)$")
#: A parenthetical right after a figure (6亩以下(不含6亩)的土地): read past it.
_PARENTHETICAL = re.compile(r"^\([^()]{0,20}\)")


#: Units of a plant's capacity: a figure in one of them that a product follows, in a clause
#: about projects (重点抓好…25万吨己二酸、…300万吨铁精粉等项目建设), names a project.
_CAPACITY_UNITS = frozenset({"吨", "万吨", "亿吨", "千瓦", "万千瓦", "兆瓦", "立方米", "万立方米"})
_PROJECT_WORDS = re.compile(r"项目|工程|生产线|装置|基地")
_CLAUSE_STOP = re.compile(r"[,;。:!?]")
#: A size class of what a document names (超100亿元的优势产业集群, 逾千亿元的企业): no target,
#: but for the level a measure reaches (超100亿元的目标).
_SIZE_BEFORE = re.compile(r"(?:(?<!不)超过|(?<!不)超|逾)$")
_SIZE_AFTER = re.compile(r"^的(?!目标|任务|水平|规模|增长|增速|年度)[\u4e00-\u9fff]")


def _names_a_project(clean: str, stop: int, head: str) -> bool:
    """25万吨己二酸…等项目: a capacity with its product, in a clause about projects."""
    if head not in _CAPACITY_UNITS or _NOUN_GOES_ON.match(clean[stop : stop + 1]) is None:
        return False
    end = _CLAUSE_STOP.search(clean, stop)
    return _PROJECT_WORDS.search(clean, stop, end.start() if end else len(clean)) is not None


#: Staff an organisation section assigns (各成员单位明确1名联络员, 抽调3—4名, 下设4个工作组).
_STAFFING = re.compile(r"(?:明确|抽调|下设|指定|固定)(?:专人)?$")
#: The staff a unit names for a team (1名分管负责人和1名联络员, 2名工作人员): no target.
_STAFF_AFTER = re.compile(r"^(?:分管|主要)?(?:负责人|负责同志|联络员|(?:专职)?工作人员)")
#: Who a document lists (市场监管等8个部门) and the bodies an organisation sets up (建立6个工作专班).
_LISTED_BODIES = re.compile(r"(?:行业)?(?:部门|单位|行业|领域|方面)")
_BODIES = re.compile(r"^(?:工作)?(?:专班|工作组|小组|指挥部|领导小组)")


def _names_a_package(head: str, before: str, after: str) -> bool:
    """稳增长20条, 出台…措施12条 (a package of measures), 明确52项具体任务 (a document's count)."""
    packaged = bool(_PACKAGE_AFTER.match(after) or _PACKAGE_BEFORE.search(before))
    if packaged and (head == "条" or (head == "项" and _POLICY_VERB.search(before))):
        return True  # (but 形成改革举措5项 is a target)
    if head == "条" and _POLICY_VERB.search(before) and _CLAUSE_END.match(after):
        return True
    if head in {"名", "人", "个"} and _STAFFING.search(before):
        return True
    if head in {"名", "人"} and _STAFF_AFTER.match(after):
        return True
    if head == "个" and _BODIES.match(after):
        return True
    return head in {"项", "个", "条", "类", "家"} and bool(
        _HOLDS_VERB.search(before) and _HOLDS_AFTER.match(after)
    )


def _qualifies_a_rule(printed: str, head: str, before: str, after: str) -> bool:
    """Who or what a rule covers, or a rate a policy pays or relaxes: no target.

    总投资1000万元(含)以下 and 月销售额15万元以下的小规模纳税人 (but 预留40%以上的份额 is a share
    and 打造1个以上的…打卡地 a count to reach), 按…的30%返还, 费率50%的政策, 放宽到…, 最高可按…,
    and a norm (原则上一年内不超过2次).
    """
    if "(含)" in printed:
        return True
    compared = printed[-1:] in {"上", "下", "内"}
    if (
        compared
        and head not in {"%", "‰"}
        and _ATTRIBUTE_AFTER.match(_PARENTHETICAL.sub("", after, count=1))
        and not _MAKING.search(before)
    ):
        return True
    return bool(
        _POLICY_AFTER.match(after)
        or _RELAXED.search(before)
        or _CAP_BEFORE.search(before)
        or "原则上" in before
        or (_RATE_BEFORE.search(before) and _PAID.match(after))
        or (
            (head.endswith("元") or head == "%")
            and _GRANT_BEFORE.search(_AMOUNTS_BEFORE.sub("", before)) is not None
        )
    )


def _hits(clean: str, start: int, clauses: list[int]) -> Iterator[_Hit]:
    """The quantities of *clean* from *start* on that are targets, read as they are needed."""
    previous: _Hit | None = None
    for hit in _quantities(clean, start, clauses):
        if previous is not None and not _is_qualifier(clean, previous, hit):
            yield previous
        previous = hit
    if previous is not None:
        yield previous


def _quantity_spans(clean: str, start: int) -> list[tuple[int, int, str, str]]:
    """The quantities of *clean* from *start* on: span, Arabic form and unit, in text order.

    Digits (``3家``) as the pattern finds them, and Chinese numerals (``三家``, ``百分之八``) as
    :func:`govplan._numerals.chinese_quantities` reads them where no digits stand.
    """
    digits = [
        (m.start(), m.end(), m.group(0).replace(",", ""), m["unit"] or m["unit1"] or "")
        for m in _quantity_re().finditer(clean, start)
    ]
    limits = [
        (m.start(), m.end(), m.group(0), m["unit"]) for m in _TIME_LIMIT.finditer(clean, start)
    ]
    if limits:  # 14个工作日 is one quantity, not 14个 and a word after it
        digits = sorted(
            limits + [d for d in digits if not any(a < d[1] and d[0] < b for a, b, _, _ in limits)]
        )
    chinese = [
        (q.start, q.end, q.arabic, q.unit)
        for q in chinese_quantities(clean, start)
        if not any(a < q.end and q.start < b for a, b, _, _ in digits)
    ]
    return sorted(digits + chinese) if chinese else digits


def _quantities(clean: str, start: int, clauses: list[int]) -> Iterator[_Hit]:
    enclosed = _enclosed(clean)
    for begin, end, printed, unit in _quantity_spans(clean, start):
        before = clean[begin - 1] if begin else ""
        if before in {"第", ".", "×", "*"} or (before.isascii() and before.isalnum()):
            continue  # 第3批, 2×66万千瓦 (a specification), 5G
        if _inside(enclosed, begin) or unit.endswith("级"):
            continue  # 千亿级产业集群, 在50亿级、20亿级项目上: a size class names things, not a target
        try:
            target = parse_quantity(printed)
        except (GovplanError, ValueError, ArithmeticError):
            continue
        marked = _MARKED.match(printed)
        if marked and (not begin or clean[begin - 1] in _CLAUSE) and _whole_count(target, unit):
            # 2.50个小区…: a count is whole, so 2. is the item's marker and 50个 the figure.
            begin += marked.end()  # noqa: PLW2901 - the figure starts after the marker
            target = parse_quantity(printed[marked.end() :])
        after = _AFTER.match(clean[end : end + 6])
        comparator = (
            _AFTER_COMPARATOR[after.group(0).removeprefix("(含)")] if after else Comparator.EXACT
        )
        stop = end + (after.end() if after else 0)
        if unit in _TIME_UNITS:
            limit = _time_limit(clean, begin, end, clauses[begin])
            if limit is None:
                continue
            comparator, stop = Comparator.AT_MOST, limit
        if _names_no_target(clean, begin, stop, unit, clauses[begin]):
            continue
        read_unit = unit
        ranked = before == "前" and unit in {"名", "位"} and _RANK_END.match(clean[end : end + 3])
        if ranked and isinstance(target, Quantity):
            # 进入前13名: a place in a ranking, 13 or better.
            target = Quantity(value=target.value, unit="名次")
            read_unit, comparator = "名次", Comparator.AT_MOST
        target, per_unit = _per(clean[max(0, begin - 6) : begin], target, read_unit)
        listing = unit == "个" and clean[begin - 1 : begin] == "等"
        listing = listing and _LISTED_BODIES.match(clean, stop) is not None
        yield _Hit(begin, end, target, per_unit, clauses[begin], comparator, stop, listing)


#: A list marker fused to the figure after it (2.50个, 3.40家): read against _whole_count.
_MARKED = re.compile(r"[0-9]{1,2}\.(?=[0-9]+[^0-9.])")


def _whole_count(target: Quantity | QuantityRange, unit: str) -> bool:
    """Whether *target* is a count of whole things printed without a multiplier (个, 家, 台)."""
    return (
        isinstance(target, Quantity)
        and unit[:1] not in {"万", "亿", "千", "百", "十"}
        and target.dimensionality.startswith(_COUNT_DIMENSIONS)
        and target.value != target.value.to_integral_value()
    )


def _time_limit(clean: str, begin: int, end: int, clause: int) -> int | None:
    """Where the time limit ``clean[begin:end]`` ends (内 included), or None if it is none.

    A duration is a time limit when 内 / 以内 follows it or a verb of cutting (压缩至, 控制在)
    or 不超过 stands before it, and it is not counted from an event nor a frequency.
    """
    before = clean[clause:begin]
    if _TIME_LIMIT_FROM.search(before) or re.search(r"(?:自|从|在)[^,;。:]*(?:之日起|起)", before):
        return None
    inside = _TIME_LIMIT_AFTER.match(clean, end)
    if inside is not None:
        return inside.end()
    return end if _TIME_LIMIT_BEFORE.search(before) else None


#: What closes a place in a ranking (进入前13名。, 前10位以内); 前5名企业 is a group of five.
_RANK_END = re.compile(r"^(?:$|[,;。:!?)]|以内|之列|行列)")
#: The words of a rank target that say how it is reached (在…中进入前), not what is ranked.
_RANK_WORDS = re.compile(
    r"^在|(?:中)?(?:进入|跻身|位居|位列|保持|稳居|排在)?(?:全[国省市州县区])?前?$"
)
_LISTED = re.compile(r"(?:[\u4e00-\u9fff“”]{1,20})?(?:、|和|及|以及|或)$")
#: A capacity names a project (年产25万吨辣条产业园, 日处理500吨, 装机10万千瓦): no target.
_NOUN_GOES_ON = re.compile(r"^[\u4e00-\u9fff]")
_CAPACITY = re.compile(r"(?:年产|日产|年处理|日处理|年加工|年吞吐|年出栏|装机|库容)$")


#: 每人每月680元: the unit printed before the figure, read as 680元/人·月.
_PER_BEFORE = re.compile(r"(?:每(?:人|户|月|年|亩|天|日|次)){1,2}$")


def _per(
    before: str, target: Quantity | QuantityRange, unit: str
) -> tuple[Quantity | QuantityRange, str]:
    """The target with the 每X每Y printed before it as its unit's denominators.

    每人每月680元 is 680元/人·月, when govplan knows that unit; else the target is as it was.
    """
    per = _PER_BEFORE.search(before)
    if per is None or "/" in unit or not isinstance(target, Quantity):
        return target, unit
    compound = f"{unit}/{'·'.join(per.group(0).split('每')[1:])}"
    try:
        read = parse_quantity(f"{target.value}{compound}")
    except (GovplanError, ValueError, ArithmeticError):
        return target, unit
    return read, compound


def _is_qualifier(clean: str, hit: _Hit, following: _Hit | None) -> bool:
    """3000万元以上产业项目10个: the first quantity qualifies the thing counted by the second."""
    if following is None or following.clause != hit.clause:
        return False
    nxt = clean[hit.stop : hit.stop + 1]
    # 8997名剩余贫困人口、166个贫困村, 564公里农村公路安防设施建设、100座危桥: a list of
    # figures, each with the thing it counts, is a list of targets (but for a capacity:
    # 年产25万吨…产业园、年产5万吨…).
    if _LISTED.match(clean, hit.stop, following.start) and not _CAPACITY.search(
        clean, max(hit.clause, hit.start - 4), hit.start
    ):
        return False
    return bool(nxt) and nxt not in _CLAUSE and nxt != "、" and nxt not in {"和", "及", "或"}


@dataclass
class _State:
    """What the scan remembers between targets: the last one and an open 分别 list."""

    previous: _Hit | None = None
    group: list[Found] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    group_start: int = 0
    #: The comparator a word before an open list sets (分别提高到不低于…): every value's.
    group_comparator: Comparator = Comparator.EXACT
    #: The figure the last new target was read from, and where its phrase starts.
    last: _Hit | None = None
    last_start: int = 0
    names_by_clause: dict[int, list[str]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def _before_comparator(segment: str, comparator: Comparator) -> Comparator:
    if comparator is not Comparator.EXACT:
        return comparator
    for pattern, value in _BEFORE_COMPARATOR:
        if pattern.search(segment):
            return value
    if _AT_LEAST_ADVERB.search(segment):
        return Comparator.AT_LEAST
    of = _COMPARED_OF.search(segment)  # 不低于总床位的4%: the bound before what it is a share of
    if of:
        return next(value for pattern, value in _BEFORE_COMPARATOR if pattern.search(of[1]))
    return comparator


def _continue_list(para: Para, hit: _Hit, state: _State) -> Found:
    """The next value of an open 分别/均 list (分别增长15%、20%)."""
    index = len(state.group)
    name = state.subjects[index] if index < len(state.subjects) else state.subjects[-1]
    first = state.group[0]
    item = Found(
        name=name,
        kind=first.kind,
        phrase=display(para.span(state.group_start, hit.stop)),
        target=hit.target,
        comparator=hit.comparator,
        modality=modality_at(para.clean, hit.stop),
        line=para.line_at(state.group_start),
        notes=[f"Item {index + 1} of a list of targets (分别/均): {name}."],
        stop=hit.stop,
    )
    if hit.comparator is Comparator.EXACT and state.group_comparator is not Comparator.EXACT:
        # 分别提高到不低于740元/月和485元/月: the word before the list bounds every value.
        item.comparator = state.group_comparator
    if hit.comparator is not Comparator.EXACT:
        for earlier in state.group:
            if earlier.comparator is Comparator.EXACT:
                earlier.comparator = hit.comparator
                earlier.notes.append(
                    "The comparator printed after the last value is read as applying to every "
                    "value of the list."
                )
    state.group.append(item)
    return item


@dataclass
class Capped(Generic[_T]):
    """What a text yields, up to a limit: the items read, and how many phrases were left."""

    items: list[_T]
    #: Phrases that look like more of the same (numbers with a unit, deadline phrases) after
    #: the last item read, and items of the last phrase past the limit: not read, because the
    #: text gave as many items as it may.
    left: int = 0


#: A sentence that opens on a past time states results: 过去一年, 一年来, 今年以来, 1-8月,.
_PAST_OPENING = re.compile(
    r"(?:过去(?:的)?[一两二三四五]?年|去年|一年来|[两二三四五]年来|今年以来|年初以来|"
    r"[0-9]{4}年以来|1[-—~至][0-9]{1,2}月(?:份)?,|预计(?:全年|今年)?)"
)
#: A year that opens a sentence (2022年,全省… ; 全市2022年…): past or target by the plan year.
_YEAR_OPENING = re.compile(
    r"(?:全[省市县区州]|我[省市县区州]|在|截至|截止到?)?(?P<year>[0-9]{4})年(?!以来|前|底前|至|到|-|—)"
)
#: A clause that states what was done: 完成了, 已建成, 实现了, 比上年增长 after 已.
_PAST_CLAUSE = re.compile(
    r"(?:完成|实现|达到|增长|新增|突破|建成|超过|下降|提高|提升|累计)了"
    r"|已(?:经)?(?:完成|建成|实现|达到|新增|累计|突破|开工|投产|落地|签约|引进|培育)"
)
#: What makes a sentence state targets again: 目标 (预期目标, 主要目标), 力争, 确保, 今年, 到2025年.
_TARGET_FRAME = re.compile(r"目标|力争|争取|确保|今年(?!以来)|明年|到[0-9]{4}年")
_SENTENCE_END = re.compile(r"[。!?]")


@dataclass(frozen=True)
class Results:
    """The spans of a text that state results: *said* by their words, *dated* by a past year."""

    said: list[tuple[int, int]]
    dated: list[tuple[int, int]]

    def holds(self, index: int, *, bounded: bool = False) -> bool:
        """Whether a figure at *index* is a result; a *bounded* one (以上, 力争) only if *said*.

        A plan of several years states each year's targets after the year (2022年,新建…2600个
        以上): a bound or a modality word marks a target, where a result is a figure as counted.
        """
        return _in_spans(self.said, index) or (not bounded and _in_spans(self.dated, index))


def result_spans(clean: str, year: int | None = None) -> Results:
    """The spans of *clean* that state results rather than targets.

    A 国民经济和社会发展计划 or a 政府工作报告 states last year's results beside this year's
    targets.  A sentence is a statement of results when it opens on a past time (a year before
    the plan *year*, 过去一年, 一年来, 今年以来, 1-8月, 预计全年), and the sentences after it are
    too, until one names a target again (目标, 预期, 力争, 确保, the plan year or a later one); a
    clause that says what was done (完成了, 已建成) is one wherever it stands.
    """
    said: list[tuple[int, int]] = []
    dated: list[tuple[int, int]] = []
    spans = said
    past = False
    begin = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(clean)] + [len(clean)]:
        if begin >= end:
            continue
        sentence = clean[begin:end]
        opening = _PAST_OPENING.match(sentence)
        opened = _YEAR_OPENING.match(sentence)
        if opening or (opened and year is not None and int(opened["year"]) < year):
            past = True
            spans = said if opening else dated
            frame = _TARGET_FRAME.search(sentence, max(m.end() for m in (opening, opened) if m))
            if frame is not None:
                spans.append((begin, begin + frame.start()))
                past = False
            else:
                spans.append((begin, end))
        elif (opened and year is not None) or _TARGET_FRAME.search(sentence):
            past = False
        elif past:
            spans.append((begin, end))
        if not past:
            for match in _PAST_CLAUSE.finditer(sentence):
                clause_start = max(sentence.rfind(c, 0, match.start()) for c in ",;:") + 1
                stops = [i for i in (sentence.find(c, match.end()) for c in ",;:") if i >= 0]
                said.append((begin + clause_start, begin + min(stops, default=len(sentence))))
        begin = end
    return Results(_merged(said), _merged(dated))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


#: A sentence of running text that states the headline targets: 2023年经济社会发展主要预期目标
#: 是:, 今年发展的主要目标为: (a 国民经济和社会发展计划 or 政府工作报告 without a 目标 heading),
#: and a news report's summary of the document it quotes (日前,…印发…。文件指出,…新增…).
_STATED_TARGETS = re.compile(
    r"(?:主要|预期)目标(?:任务)?(?:是|为)[:,]?"
    r"|(?:^|[。,])(?:该|此)?(?:文件|方案|意见|计划|通知|措施|举措|《[^《》]{1,60}》)"
    r"(?:中)?(?:指出|提出|明确|要求|强调)[:,]"
)


def stated_targets(para: Para) -> Para | None:
    """The part of *para* from the sentence that states the headline targets on, or None."""
    match = _STATED_TARGETS.search(para.clean)
    if match is None:
        return None
    return para.sub(para.clean.rfind("。", 0, match.start()) + 1)


def _in_spans(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether *index* lies in one of the disjoint sorted *spans*."""
    at = bisect.bisect_right(spans, index, key=lambda span: span[0]) - 1
    return at >= 0 and index < spans[at][1]


def _bounded(clean: str, hit: _Hit) -> bool:
    """Whether a figure is bounded or qualified as targets are (2600个以上, 力争, 左右)."""
    return hit.comparator is not Comparator.EXACT or modality_at(clean, hit.stop) is not (
        Modality.NONE
    )


def find_indicators(
    para: Para, start: int = 0, *, limit: int | None = None, year: int | None = None
) -> Capped[Found]:
    """The quantified targets of *para* from folded position *start* on, in order.

    At most *limit* of them: a text can print any number of figures, and each one read costs
    a target's worth of work and output.  The quantities after the last target read are
    counted in ``left``.  The outcomes without a figure follow, in order
    (:func:`find_qualitative`).  Figures of a statement of results (:func:`result_spans`, read
    against the plan *year*) are no targets and are left out.
    """
    clean = para.clean
    state = _State()
    found: list[Found] = []
    clause_starts, _ = _starts(clean)
    results = result_spans(clean, year)
    last: _Hit | None = None
    for hit in _hits(clean, start, clause_starts):
        if limit is not None and len(found) >= limit:
            break
        last = hit
        if hit.listing or results.holds(hit.start, bounded=_bounded(clean, hit)):
            state.previous = hit
            continue
        previous = state.previous
        same_clause = previous is not None and previous.clause == hit.clause
        seg_start = max(hit.clause, previous.stop) if same_clause and previous else hit.clause
        # The name is read from the end of the clause: at most _SEGMENT characters of it.
        seg_start = max(seg_start, hit.start - _SEGMENT)
        segment_full = clean[seg_start : hit.start]
        listed = same_clause and segment_full in {"", "、", "和", "及", "以及"}
        if listed and not state.group and found and state.last is previous:
            # 城乡居民收入增长8%和10%以上: values joined by 和 or 、 are a list of the measure.
            state.group = [found[-1]]
            state.subjects = [found[-1].name]
            state.group_start = state.last_start
            state.group_comparator = Comparator.EXACT
        state.previous = hit
        if state.group and listed:
            found.append(_continue_list(para, hit, state))
            continue
        state.group = []
        found.extend(_new_items(para, hit, seg_start, segment_full, state))
    left = 0
    if limit is not None and len(found) >= limit:
        left = len(found) - limit  # the last number's list of measures (均) ran over
        del found[limit:]
        after = last.stop if last is not None else start
        left += sum(1 for _ in _quantity_re().finditer(clean, after))
    room = None if limit is None else limit - len(found)
    qualitative = find_qualitative(para, start, limit=room, year=year)
    printed = [_printed_name(para, item) for item in found]
    return Capped(printed + qualitative.items, left + qualitative.left)


def _printed_name(para: Para, item: Found) -> Found:
    """*item* with its name as printed (縣級, not the folded 县级), where the text holds it.

    Names are read on the folded text, where traditional characters and full-width marks are
    folded; the last occurrence before the figure is the one printed with it.
    """
    clean = para.clean
    at = clean.rfind(item.name, 0, item.stop) if item.stop is not None else -1
    at = clean.find(item.name) if at < 0 else at
    if at < 0:
        return item
    name = re.sub(r"\s+", "", display(para.span(at, at + len(item.name))))
    return item if not name or name == item.name else replace(item, name=name)


def find_qualitative(
    para: Para, start: int = 0, *, limit: int | None = None, year: int | None = None
) -> Capped[Found]:
    """The outcomes without a figure of *para* from folded position *start* on.

    Each a qualitative target, read by :func:`govplan._reading_targets.find_outcomes`; at
    most *limit* of them, the rest counted in ``left``.  Outcomes of a statement of results
    (:func:`result_spans`) are left out.
    """
    results = result_spans(para.clean, year)
    outcomes = [
        o for o in find_outcomes(para.clean) if o.start >= start and not results.holds(o.start)
    ]
    kept = outcomes if limit is None else outcomes[: max(limit, 0)]
    items = []
    for outcome in kept:
        phrase = display(para.span(outcome.start, outcome.end))
        items.append(
            Found(
                name=outcome_name(phrase),
                kind=IndicatorKind.QUALITATIVE,
                phrase=phrase,
                target=None,
                comparator=Comparator.EXACT,
                modality=modality_at(para.clean, outcome.end),
                line=para.line_at(outcome.start),
                notes=[f"An outcome without a figure ({outcome.form}): a qualitative target."],
            )
        )
    return Capped(items, len(outcomes) - len(kept))


def _subjects(segment_full: str, cut: int, hit: _Hit, state: _State) -> tuple[list[str], bool]:
    """The measures a 分别/均 list names, and whether they are printed before it."""
    subject = segment_full[:cut]
    subjects = [n for n in (_name(s) for s in subject.split("、")) if n]
    if subjects:
        return subjects, True
    # The clause named last before this one (clauses are mostly recorded in order: from the end).
    earlier = next((c for c in reversed(state.names_by_clause) if c < hit.clause), None)
    return (state.names[-1:] if earlier is None else state.names_by_clause[earlier]), False


#: How long each noun of a list that names one measure may be (中小学、幼儿园公办学位).
_LIST_NOUN = 8


def _noun_list(segment: str) -> bool:
    """Whether the 、 of *segment* join the nouns of one measure's name.

    新增中小学、幼儿园公办学位6800个 counts the places of both (one target), where 实施…工程、
    新建…5个 or 进出口增长5%、… are several: every item after the first is a short noun with no
    verb nor figure before it, and the first is a short noun after the verb.
    """
    if "、" not in segment or re.search(r"[0-9]", segment):
        return False
    first, *rest = segment.split("、")
    head = _LEADING.sub("", first)
    return (
        0 < len(head) <= _LIST_NOUN
        and head != first
        and all(
            piece
            and len(piece) <= _LIST_NOUN * 2
            and _LEADING.match(piece) is None
            and _OPENING.match(piece) is None
            and _RESPECTIVE.search(piece) is None
            for piece in rest
        )
    )


#: Marks a list prints before a key task or target (★地区生产总值增长15%): no part of its phrase.
_KEY_MARKS = "★☆*●◆▲■"


def _new_items(
    para: Para, hit: _Hit, seg_start: int, segment_full: str, state: _State
) -> list[Found]:
    segment = segment_full if _noun_list(segment_full) else segment_full.rsplit("、", 1)[-1]
    segment = segment.lstrip(_KEY_MARKS)
    phrase_start = hit.start - len(segment)
    notes: list[str] = []
    name = _restated(state, hit, segment, notes, para.clean) or _name(segment)
    respective = _RESPECTIVE.search(segment_full)
    subjects: list[str] = []
    if respective:
        subjects, printed = _subjects(segment_full, respective.start(), hit, state)
        if printed:
            subject = segment_full[: respective.start()]
            phrase_start = seg_start + (len(subject) - len(subject.lstrip("、")))
        name = subjects[0] if subjects else name
    if name and hit.unit == "名次":
        name = _RANK_WORDS.sub("", name) or name
        name = name if re.search("排名|排位|位次|名次", name) else name + "排名"
    if name and (_PREPOSITION.search(segment) or _MAKING_IN_PLACE.search(segment)):
        # 在2家公立医院, 为500名残疾人, …项目和2项科技成果转化项目, 完成全区15个行政村村庄规划:
        # the figure counts the object that follows it.
        name = _object_after(para.clean, hit) or name
    if not name:
        name = _inherited(state.names, para.clean, hit, segment)
        name = name or _elided(para, hit, segment, notes)
        if not name:
            return []
        notes.append(f"The measure is not restated before the number: read as {name}.")
    item = Found(
        name=name,
        kind=_kind(segment, name, hit.unit, hit.target),
        phrase=display(para.span(phrase_start, _phrase_stop(para.clean, hit, name))),
        target=hit.target,
        comparator=_before_comparator(segment, hit.comparator),
        modality=modality_at(para.clean, hit.stop),
        line=para.line_at(phrase_start),
        notes=notes,
        stop=hit.stop,
    )
    items = [item]
    if respective and respective.group(0) == "均" and len(subjects) > 1:
        item.notes.append(f"One target stated for several measures (均): {name}.")
        items.extend(
            replace(
                item, name=other, notes=[f"One target stated for several measures (均): {other}."]
            )
            for other in subjects[1:]
        )
    elif respective:
        item.notes.append(f"Item 1 of a list of targets (分别/均): {name}.")
        state.group = [item]
        state.subjects = subjects or [name]
        state.group_start = phrase_start
        state.group_comparator = _before_comparator(segment, Comparator.EXACT)
    for each in items:
        state.names_by_clause.setdefault(hit.clause, []).append(each.name)
        state.names.append(each.name)
    state.last, state.last_start = hit, phrase_start
    return items


def _elided(para: Para, hit: _Hit, segment: str, notes: list[str]) -> str:
    """打造社区书房,新建3家: the verb alone, the thing it counts named in the clause before."""
    if _ELIDED_VERB.fullmatch(segment) and _CLAUSE_END.match(para.clean[hit.stop :]):
        notes.append(f"The thing counted is not printed with the number: read as {segment}.")
        return segment
    return ""


def _restated(state: _State, hit: _Hit, segment: str, notes: list[str], clean: str) -> str:
    """开工…项目50个,约605万平方米: the previous target's name, for the same thing in another unit.

    A clause of the figure and a word of reckoning only (约, 共计), right after a target's; a
    figure that names what it counts (…,约2000个学位) is read as that.
    """
    last = state.last
    if last is None or not state.names or last.stop != hit.clause - 1:
        return ""
    if _APPOSITION.fullmatch(segment) is None or _object_after(clean, hit):
        return ""
    notes.append(f"The figure restates the previous target in another unit: {state.names[-1]}.")
    return state.names[-1]


def _inherited(names: list[str], clean: str, hit: _Hit, segment: str = "") -> str:
    """A measure not restated: the previous target's, or the object after the figure.

    同比增长25% and …新增100家、净增72家 restate the previous measure; 建设3个产业园 names it after.
    """
    before = clean[max(hit.clause, hit.start - _WINDOW) : hit.start]
    if names and (before.startswith(("同比", "比上年", "较上年")) or _BARE_GROWTH.match(before)):
        return names[-1]
    obj = _object_after(clean, hit)
    if obj:
        return obj
    if names and segment != before and _BARE_ADDED.match(segment):
        return names[-1]
    return ""


def _object_after(clean: str, hit: _Hit) -> str:
    """The thing a figure counts, printed after it (建设3个劳动密集型产业园), or ""."""
    stop = _OBJECT_END.search(clean, hit.stop, hit.stop + _WINDOW)
    end = stop.start() if stop else len(clean)
    if end - hit.stop > _WINDOW:
        return ""  # no short noun phrase follows
    obj = _LEADING.sub("", clean[hit.stop : end]).strip("的")
    if 1 < len(obj) <= 20:  # noqa: PLR2004 - a short noun phrase
        return obj
    return ""


def _phrase_stop(clean: str, hit: _Hit, name: str) -> int:
    """Where a target's phrase ends: after the thing it counts, when that is printed after it.

    建立2—3家科普研学基地 states the target whole; 增长12%以上 ends at the figure.
    """
    if name and _object_after(clean, hit) == name:
        return clean.index(name, hit.stop) + len(name)
    return hit.stop


#: A verb of making and the place it is made in, right before the figure (完成全区15个…,
#: 建成全县3个…): the thing counted is printed after the figure.
_MAKING_IN_PLACE = re.compile(
    r"(?:完成|建成|新建|建设|打造|创建|实施|培育|引进|新增)(?:全|我|本)?[\u4e00-\u9fff]{0,4}[省市州县区乡镇村]$"
)
#: A clause of a figure and a word of reckoning only, right after a target (…项目50个,约605万
#: 平方米; 新建充电桩300个,共计1.2万千瓦): the previous target's thing in another unit.
_APPOSITION = re.compile(r"(?:约|大约|约合|折合|共计|合计|总计|总共|共)?")


#: A preposition right before a figure: what it counts follows (在2家公立医院, 为500名残疾人).
_PREPOSITION = re.compile(r"(?:在|为|向|给|对|和|及|或)$")
#: A verb of building alone before a count that ends its clause (…,新建3家): the thing is elided.
_ELIDED_VERB = re.compile(r"新建|新增|建成|改造|提升改造|改扩建|创建|打造|培育|引进")
#: A change word that alone names no measure (…新增100家、净增72家: the same measure again).
_BARE_ADDED = re.compile(r"^(?:新增|净增)$")
