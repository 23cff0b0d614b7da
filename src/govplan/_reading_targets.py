"""Reading rules for targets, shared by the extractor and the checks (docs/concepts.md §16).

Two rules about the language of the plans, each a few named word lists and a function:

- **How far a modality word reaches.**  An indicator is as firm as the last modality word
  (:data:`ASPIRATIONAL_WORDS`, :data:`BINDING_WORDS`) before the end of its phrase within the
  same clause group: groups end at ；, 。, a line end or a list marker (:data:`GROUP_END`);
  commas do not end them.  A word inside quotation marks names something (“三坚决两确保”),
  and 争取 followed by a grant (争取上级资金支持) is the verb "to secure": neither is a
  modality word.  :func:`modality_at`, :func:`phrase_modality`.
- **Which outcomes without a figure are indicators.**  An outcome stated without a figure is a
  ``qualitative`` indicator when it names a checkable end state: a sign of change, no
  occurrence, complete coverage or completion, a rank or grade without a number, a title to
  win, or a benchmark instead of a figure (:data:`OUTCOME_FORMS`), closing its clause.
  :func:`find_outcomes`, :func:`outcome_form`.

Positions are indexes into the text given.  Full-width punctuation is read as its half-width
form, so the functions read a plan's texts as printed and the extractor's folded text alike.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from govplan.model import Modality

__all__ = [
    "ASPIRATIONAL_WORDS",
    "BINDING_WORDS",
    "GRANTS",
    "GROUP_END",
    "OUTCOME_FORMS",
    "Outcome",
    "clause_group_start",
    "clear_caches",
    "covers",
    "find_outcomes",
    "governing_word",
    "has_figure",
    "modality_at",
    "modality_words",
    "outcome_form",
    "outcome_name",
    "phrase_modality",
    "phrase_span",
    "word_modality",
]

# ---- how far a modality word reaches ---------------------------------------------------

#: Words that make a target aspirational: 力争 (strive to), 争取 (try to), 力求 (seek to).
ASPIRATIONAL_WORDS = ("力争", "争取", "力求")
#: Words that make a target binding: 确保 (ensure), 务必 (must).
BINDING_WORDS = ("确保", "务必")
_MODALITY_WORD = re.compile("|".join(ASPIRATIONAL_WORDS + BINDING_WORDS))

#: What ends a clause group, so that a modality word before it reaches no further: ；, 。, a
#: line end, and a list marker (①, (1), 1. or 1、 and 一是 after a clause).  Commas and 、 do not.
GROUP_END = re.compile(
    r"[;；。\n]"
    r"|[①-⑳]"
    r"|[(（][0-9一二三四五六七八九十]{1,2}[)）]"
    r"|(?:^|(?<=[\s,，:：]))(?:[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]是)"
)

#: What 争取 secures when it is a verb rather than a modality word: 争取上级资金支持,
#: 争取地方政府专项债券等资金, 争取用地计划指标.  Found before the next punctuation.
GRANTS = ("资金", "资助", "支持", "政策", "债券", "额度", "限额", "指标", "补助", "补贴", "基金")
#: Who grants, when named right after 争取 (争取中央、省…, 争取国、省、市科技项目).
GRANTORS = ("上级", "中央", "国家", "国、省", "国省", "国和省", "省、市", "省、州", "省州", "省市")
_GRANT = re.compile("(?:" + "|".join(GRANTORS) + ")|[^,，;；。:：]*?(?:" + "|".join(GRANTS) + ")")
_QUOTED = re.compile(r"“[^“”]*”|‘[^‘’]*’|「[^「」]*」|『[^『』]*』")


@dataclass(frozen=True)
class _Reading:
    """A text's clause-group ends and modality words, found once (texts can be long)."""

    #: Where each clause group after the first starts.
    starts: tuple[int, ...]
    #: (start, end, word) of each modality word, neither quoted nor 争取 of a grant.
    words: tuple[tuple[int, int, str], ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Reading:
        quoted = [match.span() for match in _QUOTED.finditer(text)]
        opens = [low for low, _ in quoted]
        words = []
        for match in _MODALITY_WORD.finditer(text):
            at = bisect.bisect_right(opens, match.start()) - 1
            if at >= 0 and match.start() < quoted[at][1]:
                continue  # inside quotation marks: part of a name (“三坚决两确保”)
            if match.group(0) == "争取" and _GRANT.match(text, match.end(), match.end() + 40):
                continue  # 争取 + a grant: the verb "to secure"
            words.append((match.start(), match.end(), match.group(0)))
        starts = tuple(match.end() for match in GROUP_END.finditer(text))
        return cls(starts, tuple(words), tuple(end for _, end, _ in words))

    def group_start(self, end: int) -> int:
        at = bisect.bisect_right(self.starts, end - 1) - 1
        return self.starts[at] if at >= 0 else 0

    def governing(self, end: int) -> tuple[int, int, str] | None:
        at = bisect.bisect_right(self.ends, end) - 1
        if at < 0 or self.words[at][0] < self.group_start(end):
            return None
        return self.words[at]


#: How many distinct texts (and phrases) the reading caches keep: a plan repeats its notes,
#: phrases and unit lists, and each check reads the same texts again.
_CACHED = 4096


def clear_caches() -> None:
    """Empty the caches of the reading rules (measurements read each text as if the first time)."""
    for cached in (_reading, _outcomes, has_figure, phrase_span):
        cached.cache_clear()


@lru_cache(maxsize=_CACHED)
def _reading(text: str) -> _Reading:
    return _Reading.of(text)


def clause_group_start(text: str, end: int) -> int:
    """Where the clause group that holds ``text[end - 1]`` starts (0 for the first group)."""
    return _reading(text).group_start(end)


def modality_words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The modality words of ``text[start:end]``, without those quoted or 争取 of a grant."""
    end = len(text) if end is None else end
    return [word for low, high, word in _reading(text).words if start <= low and high <= end]


def governing_word(text: str, end: int) -> str | None:
    """The modality word that governs a phrase ending at *end*, or None.

    The last modality word before *end* in its clause group.
    """
    found = _reading(text).governing(end)
    return None if found is None else found[2]


def word_modality(word: str) -> Modality:
    """The modality a modality word sets (力争 aspirational, 确保 binding)."""
    return Modality.ASPIRATIONAL if word in ASPIRATIONAL_WORDS else Modality.BINDING


def modality_at(text: str, end: int) -> Modality:
    """The modality of a target whose phrase ends at *end* (how far a modality word reaches).

    Set by the last modality word before *end* in its clause group; ``none`` without one.
    """
    word = governing_word(text, end)
    return Modality.NONE if word is None else word_modality(word)


def _occurrences(text: str, phrase: str) -> Iterator[int]:
    index = text.find(phrase) if phrase else -1
    while index >= 0:
        yield index
        index = text.find(phrase, index + 1)


@lru_cache(maxsize=_CACHED)
def phrase_span(text: str, phrase: str) -> tuple[int, int] | None:
    """Where *phrase* stands in *text* (start, end), when it reads one way.

    None when the phrase is not in the text, or occurs more than once with different
    modalities.
    """
    spans = {
        modality_at(text, i + len(phrase)): (i, i + len(phrase)) for i in _occurrences(text, phrase)
    }
    return next(iter(spans.values())) if len(spans) == 1 else None


def phrase_modality(text: str, phrase: str) -> Modality | None:
    """The modality the reach rule gives *phrase* in *text*.

    None when the phrase is not in the text, or occurs more than once with different readings.
    """
    span = phrase_span(text, phrase)
    return None if span is None else modality_at(text, span[1])


def covers(text: str, phrases: Iterable[str]) -> Callable[[Outcome], bool]:
    """Whether one of *phrases*, where it stands in *text*, holds an outcome's end.

    The phrases are located once, so that a text of many outcomes and indicators is read in
    time near its length.
    """
    spans = sorted((i, i + len(p)) for p in set(phrases) for i in _occurrences(text, p))
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))

    def held(outcome: Outcome) -> bool:
        at = bisect.bisect_left(starts, outcome.end) - 1  # spans starting before the end
        return at >= 0 and reach[at] >= outcome.end

    return held


# ---- which outcomes without a figure are indicators -------------------------------------

#: What closes a clause: an outcome form is read where it ends one (实现全覆盖。, 动态清零,),
#: not inside a noun phrase (全覆盖排查, 清零行动, 上市公司).
_CLOSE = ",，;；。:：!！?？\n"
_STOP = _CLOSE + "(（"
_QUOTE_END = '”’」』"'
#: Adverbs that make a rise or fall a stated trend: 持续下降, 稳步增长, 大幅度下降.
TREND = ("持续", "稳步", "逐年", "大幅度", "大幅", "明显", "显著", "较快", "快速", "稳定")
#: Objects whose non-occurrence is a checkable end state (不发生…事故, 杜绝…风险).
EVENTS = (
    "事故",
    "事件",
    "风险",
    "伤亡",
    "群死群伤",
    "灾害",
    "停电",
    "限电",
    "返贫",
    "上访",
    "集访",
    "污染",
    "债务",
    "案件",
)
#: A ranking frame a rank word needs in its clause (全省前列, 评价中争先进位).
RANK_FRAMES = (
    "全国",
    "全省",
    "全州",
    "全市",
    "全县",
    "全区",
    "国、省",
    "评价",
    "排名",
    "排位",
    "位次",
)

_TREND = "|".join(TREND)
_EVENT = "|".join(EVENTS)

#: The forms of an outcome without a figure, by name; each pattern is matched at the end of a
#: clause (the object, where a form takes one, runs to the clause's end).
OUTCOME_FORMS: dict[str, tuple[re.Pattern[str], ...]] = {
    # 正增长, 零增长, 只增不减, “双下降”; 持续下降, 稳步增长; 稳步降低本县债务率.
    "change": (
        re.compile(r"(?:正增长|零增长|负增长|只增不减|只减不增|双下降|双降低|双减少|双降)$"),
        re.compile(rf"(?:{_TREND})(?:下降|减少|降低|回落|增长|增加|上升)$"),
        re.compile(rf"(?:{_TREND})(?:降低|减少|压减|压降)[^{_STOP}]+$"),
    ),
    # 不发生…事故, 零发生, 杜绝…风险, 确保法定债券不出风险, 避免群死群伤.
    "no_occurrence": (
        re.compile(rf"(?:不发生|零发生|不出现|不出|杜绝|避免)[^{_STOP}]*(?:{_EVENT})[^{_STOP}]*$"),
        # 不溃一堤一垸: not a single dike breached.
        re.compile(r"不[\u4e00-\u9fff](?:一[\u4e00-\u9fff]){1,4}$"),
    ),
    # 全覆盖, 动态清零, 应保尽保, 全面完成…, 完成…年度目标任务.
    "coverage": (
        re.compile(r"(?:全覆盖|全面覆盖|全域覆盖|全部覆盖|清零)$"),
        re.compile(r"应(\w)尽\1$"),
        re.compile(rf"(?:全面|全部|如期|按时|按期|圆满)完成(?:[^{_STOP}]*)$"),
        re.compile(rf"完成[^{_STOP}]*(?:任务|目标)$"),
    ),
    # 保持全省前列, 全省第一方阵, 位次前移, 争先进位 (with a ranking frame in the clause).
    "rank": (re.compile(r"(?:前列|第一方阵|第一梯队|首位|前移|进位争先|争先进位|进位)$"),),
    # 进入低风险区, 保持一般或较低安全风险等级: a grade to reach or keep.
    "grade": (
        re.compile(
            rf"(?:进入|保持|达到|降至|稳定在)[^{_STOP}]{{0,12}}(?:风险区|等级|行列|方阵|梯队)$"
        ),
    ),
    # 创成/成功创建/获评/获批/成功申报/成功上市 a named title.
    "title": (
        re.compile(
            rf"(?:创成|成功创建|成功申报|申报成功|获评|获批|被评为|评为|入选|成功上市)[^{_STOP}]*$"
        ),
    ),
    # 增速高于全县平均增速, 达到省定标准, 控制在州定范围以内.
    "benchmark": (
        re.compile(rf"(?:高于|快于|不低于|优于)[^{_STOP}]*(?:平均|增速|增幅|水平)[^{_STOP}]*$"),
        re.compile(
            rf"(?:达到|控制在|符合)[^{_STOP}]*(?:省|国家|州|市|县)(?:定|规定|下达)[^{_STOP}]*$"
        ),
    ),
}

#: A figure: digits (not those of a name such as 5G), a Roman numeral grade, or a Chinese
#: numeral with a counter (两个, 三个月, 千亿, 前三, 翻番; 一 only before a counter of things, as
#: 一次办 and 一件事 are names).  An outcome with a figure is a quantity, not a qualitative outcome.
_FIGURE = re.compile(
    r"(?<![A-Za-z0-9])[0-9]+(?![A-Za-z])|[ⅠⅡⅢⅣⅤⅥ]|(?<![A-Za-z])[IV]{1,3}(?![A-Za-z])"
    r"|[二两三四五六七八九十百千万亿][一二两三四五六七八九十百千万亿]*"
    r"(?:个|家|项|所|座|条|次|支|批|件|名|位|倍|户|人|亿|万|千|百)"
    r"|一(?:个|家|项|所|座|条|支|批)"
    r"|前[一二三四五六七八九十]|翻一?番|(?:破|突破|超过)[一二两三四五六七八九十百千万亿]+"
)
#: Dates, which are no figure of the outcome (2023年底, 9月1日前).
_DATE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?|[0-9]{1,2}月(?:[0-9]{1,2}日)?")


@lru_cache(maxsize=_CACHED)
def has_figure(phrase: str) -> bool:
    """Whether *phrase* states a figure other than a date (digits, 两个, 前三, 翻番, 破十).

    Such an outcome is no qualitative one, though govplan may not read the figure as a quantity.
    """
    return bool(_FIGURE.search(_DATE.sub("", phrase)))


@dataclass(frozen=True)
class Outcome:
    """An outcome without a figure found in a text: its phrase's span and its form."""

    start: int
    end: int
    form: str

    def phrase(self, text: str) -> str:
        """The outcome's phrase, as printed."""
        return text[self.start : self.end]


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """The clauses of *text* (start, end): text between punctuation outside parentheses.

    A clause ends without the parenthetical (a responsibility note) and blanks that close it.
    """
    start = 0
    depth = 0
    for match in _CLAUSE_MARK.finditer(text):
        char, index = match.group(0), match.start()
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0:
            end = _core_end(text, start, index)
            if end > start:
                yield start, end
            start = index + 1
    end = _core_end(text, start, len(text))
    if end > start:
        yield start, end


_CLAUSE_MARK = re.compile(f"[()（）{re.escape(_CLOSE)}]")


_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）][\s*]*$")


def _core_end(text: str, start: int, end: int) -> int:
    """Where a clause ends without the parenthetical, markup and blanks that close it."""
    clause = text[start:end]
    while True:
        trimmed = _TRAILING_NOTE.sub("", clause).rstrip(" \t*")
        if trimmed == clause:
            return start + len(clause)
        clause = trimmed


#: Forms that are outcomes only where a modality word sets them as targets (rule A): the
#: same verbs name work to be done (加快建成, 支持…创建) as often as an end state to reach
#: (力争建成, 力争…投产并网, 力争…创建省级…).
GATED_FORMS: dict[str, tuple[re.Pattern[str], ...]] = {
    "completion": (
        re.compile(
            r"(?:建成|投产|投用|并网|竣工|通车|投入使用|交付使用|具备开工条件|开工|常态化运行)+$"
        ),
        re.compile(rf"建成[^{_STOP}]+$"),
    ),
    "title": (
        re.compile(
            rf"(?:创建|申报|上市|进入)[^{_STOP}]*"
            rf"(?:区|园|城市|基地|中心|集群|规划|名录|试点|示范[^{_STOP}]*)$"
        ),
    ),
}
_PARENTHETICAL = re.compile(r"[(（][^()（）]*[)）]")


def _core(clause: str) -> str:
    return _PARENTHETICAL.sub("", clause).rstrip(_QUOTE_END).replace("“", "").replace("”", "")


#: How much of a clause's end the forms are read in: an outcome is a short clause, and a
#: bound keeps a clause of any length to one pass of each form.
_TAIL = 200


#: A word every form needs somewhere (each pattern of OUTCOME_FORMS and GATED_FORMS holds one
#: of these): most clauses hold none and are read no further.  A test keeps it a superset.
_ANY_FORM = re.compile(
    r"下降|减少|降低|回落|增长|增加|上升|压减|压降|只增|只减|双降|不发生|零发生|不出|杜绝|避免"
    r"|不[\u4e00-\u9fff]一|覆盖|清零|应\w尽|完成|前列|第一方阵|第一梯队|首位|前移|进位|进入|保持"
    r"|达到|降至|稳定在|创成|创建|申报|获评|获批|评为|入选|上市|高于|快于|不低于|优于|控制在|符合"
    r"|建成|投产|投用|并网|竣工|通车|使用|开工|运行"
)


def _form(clause: str, governed: bool | Callable[[], bool] = False) -> str | None:
    """The outcome form of *clause*, or None.

    *governed* may be a test, run only when a gated form would decide: finding the governing
    modality word costs more than reading most clauses.
    """
    core = _core(clause[-_TAIL:])
    if _ANY_FORM.search(core) is None:
        return None
    for name, patterns in OUTCOME_FORMS.items():
        for pattern in patterns:
            if pattern.search(core) and (name != "rank" or _ranked(core)):
                return name
    for name, patterns in GATED_FORMS.items():
        if any(pattern.search(core) for pattern in patterns):
            return name if (governed() if callable(governed) else governed) else None
    return None


def _ranked(clause: str) -> bool:
    return any(frame in clause for frame in RANK_FRAMES)


def outcome_form(phrase: str, *, governed: bool = False) -> str | None:
    """The name of the outcome form *phrase* states (see :data:`OUTCOME_FORMS`), or None.

    *governed*: a modality word sets the phrase as a target (rule A), which admits the
    :data:`GATED_FORMS`; a modality word inside the phrase does so too.
    """
    for start, end in _clauses(phrase):
        governed_here = governed or modality_at(phrase, end) is not Modality.NONE
        form = _form(phrase[start:end], governed_here)
        if form is not None:
            return form
    return None


def _governed(text: str, end: int) -> bool:
    return modality_at(text, end) is not Modality.NONE


def find_outcomes(text: str) -> list[Outcome]:
    """The outcomes without a figure that *text* states, in order (see :data:`OUTCOME_FORMS`).

    Each is one clause: from the punctuation before it to the end of its form.  A clause that
    states a figure is left to the quantities.
    """
    return list(_outcomes(text))


@lru_cache(maxsize=_CACHED)
def _outcomes(text: str) -> tuple[Outcome, ...]:
    """:func:`find_outcomes`, read once per distinct text (plans print many texts twice)."""
    found = []
    for start, end in _clauses(text):
        clause = text[start:end]
        if has_figure(clause):
            continue
        stripped = len(clause) - len(clause.lstrip())
        form = _form(clause.rstrip(), functools.partial(_governed, text, end))
        if form is None:
            continue
        found.append(Outcome(start + stripped, start + len(clause.rstrip()), form))
    return tuple(found)


#: Words that open an outcome's clause and are no part of what it names (确保, 实现, 推动).
_OPENING = re.compile(
    r"^(?:力争|争取|力求|确保|务必|坚决|牢牢|全力|实现|推动|推进|促进|做到|守住|守牢|按要求|"
    r"按时间节点|有序|超额|同比|保持|在|对|将|使|让|并|且|和|以及|同时|年内|全年|今年)+"
)
#: The words of each form that say what happens to the thing named, removed from its name.
_TRIGGER = re.compile(
    rf"(?:{_TREND})?(?:实现|保持)?(?:正增长|零增长|负增长|只增不减|只减不增|双下降|双降低|双减少|双降"
    rf"|(?:{_TREND})(?:下降|减少|降低|回落|增长|增加|上升|压减|压降))"
    r"|不发生|零发生|不出现|不出|杜绝|避免"
    r"|(?:动态)?清零|全覆盖|全面覆盖|全域覆盖|全部覆盖|应(\w)尽\1"
    r"|(?:全面|全部|如期|按时|按期|圆满)?完成"
    r"|(?:争先进位|进位争先|提分进位|进位|前移)"
    r"|创成|成功创建|成功申报|申报成功|获评|获批|被评为|评为|入选|成功上市|创建|申报|上市|进入"
    r"|建成|投产|投用|并网|竣工|通车|投入使用|交付使用|具备开工条件|开工|常态化运行"
)
_COVERED = ("全覆盖", "全面覆盖", "全域覆盖", "全部覆盖")


def outcome_name(phrase: str) -> str:
    """What an outcome's phrase names: 事故隐患动态清零 → 事故隐患, 实现5G网络全覆盖 → 5G网络覆盖.

    The phrase without its opening words, its form's words and the 底线 around them: a draft
    name, for a reviewer to check.
    """
    core = _core(_OPENING.sub("", phrase)).replace("“", "").replace("”", "")
    core = re.sub(r"(?:的)?底线$", "", core)
    trigger = None
    for trigger in _TRIGGER.finditer(core):  # noqa: B007 - the last one names the state
        pass
    if trigger is None:
        return core or phrase
    subject = _OPENING.sub("", core[: trigger.start()]).rstrip("的在中")
    obj = _OPENING.sub("", core[trigger.end() :]).removesuffix("发生")
    name = subject + obj
    if trigger.group(0) in _COVERED:
        name += "覆盖"
    return name or core
