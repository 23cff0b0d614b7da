"""The covering notice and the title of a plan, for the extractor.

The notice (通知) comes first: issuing office, 文号 (凤政办发〔2023〕2号, with 〔〕, [] or ()),
addressees, the sentence that issues the plan, the signature and the signing date; web pages add
chrome around it (site name, publication date, font buttons).  The plan's title is the one the
notice cites in 《》; the plan itself starts at the line that repeats it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from govplan._text import fold, squeeze
from govplan.dates import parse_date
from govplan.errors import DateError
from govplan.extract._text import Line, display
from govplan.model import DocumentNumber, RegionLevel

_NOTICE = re.compile(r"关于印发\s*《(?P<title>.+?)》\s*的通知")
#: A notice naming its plan without 《》 round it (关于印发2023年区《政府工作报告》确定的…方案的通知,
#: 关于印发X三年行动方案(2022—2024年)的通知).
_NOTICE_BARE = re.compile(
    r"关于印发(?P<title>(?:[^《》]|《[^《》]*》){2,80}?"
    r"(?:方案|计划|意见|清单|分解|分工|细则|措施|办法|规划|要点)(?:\([^()]{2,16}\))?)的通知"
)
#: The header a text copied by the project's own tools opens with: ``SOURCE: <url> — <title>``
#: and a ``NOTE:`` line; neither is part of the document.
_SOURCE = re.compile(r"^SOURCE:\s*(?P<url>\S+)(?:\s+[—-]+\s*(?P<title>.*))?$")
_NOTE_LINE = re.compile(r"^NOTE:")
_DOCNUM = re.compile(
    r"^(?P<prefix>[^\s,，。:：;；《》()（）]{1,12}?)\s*[〔\[(（［【]\s*(?P<year>\d{4})\s*[〕\])）］】]"
    r"\s*(?P<serial>\d{1,4})\s*号$"
)
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_ISSUER = re.compile(
    r"(?P<region>.+?)(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办)$"
)
#: A character a web page masks (若干*策 for 若干政策): a lone ``*`` or □ between two characters.
_MASK = re.compile(r"(?<=[\u4e00-\u9fff])(?:\*|□)(?=[\u4e00-\u9fff])")
_MASKED = "□"


def shown(raw: str) -> str:
    """*raw* as :func:`display` shows it, a masked character kept as printed (若干*策)."""
    return display(_MASK.sub("\ue000", raw)).replace("\ue000", "*")


def masked(text: str) -> str:
    """*text* folded, without whitespace or markdown ``*``, a masked character kept as □."""
    return re.sub(r"\s+", "", _MASK.sub(_MASKED, fold(text)).replace("*", ""))


def mask_tolerant(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """*pattern* with each literal character outside a class also matching a masked one (□).

    A page that masks characters (政→*) still names its kind: 若干*策 reads as 若干政策.
    """
    out: list[str] = []
    depth = 0
    escaped = False
    for char in pattern.pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            depth += 1
            out.append(char)
        elif char == "]":
            depth -= 1
            out.append(char)
        elif depth == 0 and "\u4e00" <= char <= "\u9fff":
            out.append(f"[{char}{_MASKED}]")
        else:
            out.append(char)
    return re.compile("".join(out))


_TITLE_LIKE = mask_tolerant(
    re.compile(
        r"(?:方案|计划|意见|规划|办法|细则|措施|若干政策|清单|要点|任务分解|责任分解|责任分工|工作分工"
        r"|(?:分解|分工|任务|清单)(?:一览)?表)(?:\([^()]{2,16}\))?$"
    )
)
#: A line that opens with a number or an attachment label is an entry, not the plan's title.
_ENTRY_LIKE = re.compile(r"^(?:附[件表]|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\()")
_REGION = re.compile(r"^(?P<region>.{1,8}?(?:自治州|自治县|省|市|州|县|区|旗))")
_CAMPAIGN = re.compile(
    r"(?:打好|实施|开展|推进|推动|打赢)(?P<name>“[^”]{2,12}”|[^“”\s]{1,4}“[^”]{2,8}”)"
)
_QUOTED = re.compile(r"“([^”]{2,12})”")
_CITED = re.compile(
    r"《(?P<title>[^《》]{4,80})》\s*(?:[(（](?P<number>[^()（）]{2,30}?[〔\[(（［【]\s*\d{4}\s*"
    r"[〕\])）］】]\s*\d{1,4}\s*号)[)）])?"
)
_INNER = re.compile(r"关于印发[〈<](?P<title>.+?)[〉>]的通知$")
_LEADS_WORDS = re.compile(r"(?:为|是)牵头(?:单位|部门)")
_FIRST = re.compile(r"排(?:在|名)?第一(?:位|个|家)?|排(?:在)?首位|第一个|列第一")


@dataclass
class Notice:
    """What the notice and the head of the document say."""

    title: str | None = None
    title_line: int | None = None
    body_start: int = 0
    #: The address of a ``SOURCE:`` header line, if the text opens with one.
    source_url: str | None = None
    notice_title: str | None = None
    issuer: str | None = None
    document_number: DocumentNumber | None = None
    issue_date: dt.date | None = None
    publication_date: dt.date | None = None
    addressees: list[str] = field(default_factory=list)
    region: str | None = None
    level: RegionLevel | None = None
    campaign_name: str | None = None
    year: int | None = None
    notes: list[str] = field(default_factory=list)


#: A line that is only a date in 年月日 form (the signing date), possibly one that does not exist.
_CHINESE_DATE_SHAPE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _chinese_date(text: str) -> dt.date | None:
    """The day a line such as 2023年2月27日 names (None for other lines or impossible days)."""
    try:
        return parse_date(text)
    except DateError:
        return None


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def similar(left: str, right: str) -> float:
    """How alike two texts are, 0 to 1, compared without punctuation width or spaces."""
    return SequenceMatcher(None, squeeze(left), squeeze(right), autojunk=False).ratio()


def _notice(folded: str) -> re.Match[str] | None:
    """_NOTICE in *folded*, searched only when its closing 》的通知 follows its opening.

    Without a closing one, the search would scan to the end from every 关于印发《.  A notice
    whose plan title stands without 《》 is read with _NOTICE_BARE.
    """
    opening = re.search(r"关于印发\s*《", folded)
    if opening and re.search(r"》\s*的通知", folded[opening.end() + 1 :]):
        return _NOTICE.search(folded)
    if "关于印发" in folded and folded.endswith("的通知"):
        return _NOTICE_BARE.search(folded)
    return None


def _notice_title(lines: list[Line]) -> tuple[int, str, str] | None:
    """(index, notice title, plan title) of the first 关于印发《…》的通知, joined over lines."""
    for index in range(min(len(lines), 60)):
        joined = ""
        for span in range(3):
            if index + span >= len(lines):
                break
            joined += lines[index + span].raw.strip()
            match = _notice(fold(joined))
            if match:
                start = max(fold(joined).rfind(c, 0, match.start()) for c in "-:|") + 1
                head = joined[start : match.end()].strip()
                return index, head, display(joined[match.start("title") : match.end("title")])
            if "关于印发" not in fold(joined):
                break
    return None


def _plan_title_line(lines: list[Line], title: str, after: int) -> int | None:
    target = squeeze(title)
    best: tuple[float, int] | None = None
    for index in range(after, min(len(lines), after + 80)):
        clean = lines[index].clean
        if clean == target:
            return index
        if abs(len(clean) - len(target)) <= 3 and len(target) > 5:  # noqa: PLR2004
            score = similar(clean, target)
            if score >= 0.9 and (best is None or score > best[0]):  # noqa: PLR2004
                best = (score, index)
    return best[1] if best else None


def _fallback_title(lines: list[Line]) -> int | None:
    for index, line in enumerate(lines[:24]):
        clean = masked(line.raw)
        if (
            (len(clean) > 4 or (index and _title_start(lines[index - 1])))  # noqa: PLR2004
            and len(clean) <= 60  # noqa: PLR2004
            and _TITLE_LIKE.search(clean)
            and not re.search(r"[。,;:]", clean)
            and not _ENTRY_LIKE.match(clean)
            and ("《" not in clean or _TITLE_LIKE.search(clean.rsplit("》", 1)[-1]))
        ):
            return index
        if (
            clean.startswith("《")
            and clean.endswith("》")
            and _TITLE_LIKE.search(clean[1:-1])
            and len(clean) <= 62  # noqa: PLR2004
        ):
            return index
    return None


def _title_start(line: Line) -> bool:
    """A line that can open a title broken before its last word (某市“…” / 工作方案)."""
    clean = line.clean
    return 4 <= len(clean) <= 40 and not re.search(r"[。,;:《》]", clean)  # noqa: PLR2004


def strip_source(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The lines without a ``SOURCE:``/``NOTE:`` header, and the header's address."""
    url: str | None = None
    kept = list(lines)
    while kept and kept[0].number <= 3:  # noqa: PLR2004 - the header opens the text
        source = _SOURCE.match(kept[0].raw.strip())
        if source:
            url = source["url"]
        elif not _NOTE_LINE.match(kept[0].raw.strip()):
            break
        kept.pop(0)
    return kept, url


def read_notice(lines: list[Line], year: int | None) -> Notice:
    """Read the notice and find where the plan starts."""
    notice = Notice()
    found = _notice_title(lines)
    head_end = 0
    if found is not None:
        index, notice.notice_title, notice.title = found
        notice.notice_title = re.sub(r"\s+", "", notice.notice_title)
        issuer = display(notice.notice_title.split("关于印发")[0])
        notice.issuer = issuer or None
        title_index = _plan_title_line(lines, notice.title, index + 1)
        if title_index is None:
            notice.notes.append(
                "The plan's title is not repeated above its text; the plan is read from the "
                "line after the notice's date."
            )
        head_end = title_index if title_index is not None else len(lines)
        _read_head(lines[:head_end], notice)
        _trailing_number(lines[index], notice)
        if title_index is None:
            dates = [
                i
                for i, line in enumerate(lines[: min(len(lines), 80)])
                if _CHINESE_DATE_SHAPE.match(line.clean)
            ]
            title_index = dates[0] if dates else index
        notice.title_line = lines[title_index].number if title_index < len(lines) else None
        notice.body_start = title_index + 1
    else:
        title_index = _fallback_title(lines)
        if title_index is not None:
            notice.title = shown(lines[title_index].raw)
            if notice.title.startswith("《") and notice.title.endswith("》"):
                notice.title = notice.title[1:-1]
            first = title_index
            if title_index > 0 and (
                lines[title_index - 1].clean.endswith("关于")
                or (len(lines[title_index].clean) <= 6 and _title_start(lines[title_index - 1]))  # noqa: PLR2004
            ):
                # a title broken after 关于: 省人民政府关于 / 进一步优化营商环境的若干意见
                first = title_index - 1
                notice.title = display(lines[first].raw) + notice.title
            notice.title_line = lines[first].number
            _other_notice(lines[:first], notice)
            after = title_index + 1
            while after < len(lines) and _head_line(lines[after]):
                after += 1
            notice.body_start = after
            if first > 0 and _ATTACHMENT_LABEL.match(lines[first - 1].clean):
                # the title is the first attachment's: the body is the attachments
                notice.body_start = first - 1
            _read_head(lines[:first] + lines[title_index + 1 : after], notice)
        else:
            notice.notes.append(
                "No notice and no plan title were found; the title is a placeholder."
            )
    title = notice.title or ""
    notice.region = _region(notice.issuer, title)
    notice.level = _level(notice.region, notice.addressees)
    notice.campaign_name = _campaign_name(title)
    notice.year = year or _year(notice, lines)
    return notice


#: An attachment's label on a line of its own: 附件1, 附件, 附表2:.
_ATTACHMENT_LABEL = re.compile(r"^附[件表]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*:?$")
#: A notice that sends its plan without 印发 (X关于分解落实…的通知, X关于下达…的通知).
_OTHER_NOTICE = re.compile(r"^(?P<issuer>[^,，。:：;；《》]{2,30}?)关于[^。;；]{4,100}的通知$")


def _other_notice(head: list[Line], notice: Notice) -> None:
    """The notice's title and issuer from a 关于…的通知 line above the plan's title."""
    for line in head:
        match = _OTHER_NOTICE.match(line.clean)
        if match is not None:
            notice.notice_title = line.clean
            notice.issuer = display(match["issuer"])
            return


def _head_line(line: Line) -> bool:
    """A line of the head printed under a title: the 文号, the addressees, a signing date."""
    clean = line.clean
    return bool(
        _DOCNUM.match(clean)
        or _CHINESE_DATE_SHAPE.match(clean)
        or (clean.endswith(":") and len(clean) <= 80 and ("各" in clean or "单位" in clean))  # noqa: PLR2004
    )


#: A 文号 printed after the notice's title on the same line (…的通知 张武政办发〔2024〕2号), as a
#: page's heading line often prints it.
_NUMBER_AFTER_TITLE = re.compile(
    r"通知\s*[:：]?\s*(?P<number>[^\s,，。:：;；《》()（）]{1,12}?\s*[〔\[(（［【]\s*\d{4}\s*"
    r"[〕\])）］】]\s*\d{1,4}\s*号)\s*$"
)


def _trailing_number(line: Line, notice: Notice) -> None:
    """The 文号 at the end of the notice's title line, when the head printed none."""
    match = _NUMBER_AFTER_TITLE.search(display(line.raw))
    if match is None or notice.document_number is not None:
        return
    try:
        notice.document_number = DocumentNumber.parse(match["number"].replace(" ", ""))
    except ValueError:
        notice.notes.append(f"The 文号 {match['number']!r} could not be read.")


def _read_head(head: list[Line], notice: Notice) -> None:
    for line in head:
        clean = line.clean
        light = line.light
        match = _DOCNUM.match(clean)
        if match and notice.document_number is None:
            try:
                notice.document_number = DocumentNumber.parse(display(line.raw).replace(" ", ""))
            except ValueError:
                notice.notes.append(f"The 文号 {display(line.raw)!r} could not be read.")
            continue
        if _CHINESE_DATE_SHAPE.match(clean):
            notice.issue_date = _chinese_date(clean) or notice.issue_date
            continue
        iso = _ISO.search(light)
        if iso and notice.publication_date is None and len(clean) < 60:  # noqa: PLR2004
            notice.publication_date = _date(iso["y"], iso["m"], iso["d"])
            continue
        if (
            clean.endswith(":")
            and not clean.startswith("附件")
            and ("各" in clean or "单位" in clean or "政府" in clean)
            and not notice.addressees
        ):
            parts = re.split(r"[,，;；]", display(line.raw).rstrip(":：").strip())
            notice.addressees = [p.strip() for p in parts if p.strip()]


def _region(issuer: str | None, title: str) -> str | None:
    if issuer:
        match = _ISSUER.match(squeeze(issuer))
        if match:
            return match["region"]
    match = _REGION.match(squeeze(title))
    return match["region"] if match else None


_LEVELS = {
    "省": RegionLevel.PROVINCE,
    "州": RegionLevel.PREFECTURE,
    "县": RegionLevel.COUNTY,
    "旗": RegionLevel.COUNTY,
    "区": RegionLevel.DISTRICT,
}


def _level(region: str | None, addressees: list[str]) -> RegionLevel | None:
    """The level a region's name implies (a 市 with counties under it is a prefecture)."""
    if not region:
        return None
    if region.endswith("市"):
        subordinate = any(re.search(r"各(?:县|区|县市区|区县|县市)", a) for a in addressees)
        return RegionLevel.PREFECTURE if subordinate else RegionLevel.COUNTY_LEVEL_CITY
    return _LEVELS.get(region[-1])


def _campaign_name(title: str) -> str | None:
    for match in _CAMPAIGN.finditer(title):
        name = match["name"]
        if name.startswith("“") and name.endswith("”"):
            name = name[1:-1]
        if re.search(r"[仗战攻坚行动工程]", name):
            return name
    quoted = [q for q in _QUOTED.findall(title) if re.search(r"[仗战攻坚行动]", q)]
    return quoted[0] if quoted else None


def _year(notice: Notice, lines: list[Line]) -> int | None:
    if notice.document_number is not None:
        return notice.document_number.year
    if notice.issue_date is not None:
        return notice.issue_date.year
    years = re.findall(r"(20\d\d)年", "".join(line.clean for line in lines[:200]))
    if years:
        return int(max(set(years), key=years.count))
    return None


@dataclass
class Cited:
    """A higher plan cited in a preamble."""

    title: str
    number: DocumentNumber | None
    line: int


def cited_plans(text: str, line: int) -> list[Cited]:
    """Plans cited in 《》 (with their 文号 when printed right after) in a preamble."""
    found: list[Cited] = []
    for match in _CITED.finditer(fold(text)):
        title = display(text[match.start("title") : match.end("title")])
        inner = _INNER.search(squeeze(title))
        if inner:
            title = inner["title"]
        if not re.search(r"方案|计划|意见|规划|通知", title):
            continue
        number = None
        if match["number"]:
            raw = text[match.start("number") : match.end("number")]
            try:
                number = DocumentNumber.parse(squeeze(raw))
            except ValueError:
                number = None
        found.append(Cited(title, number, line))
    return found


#: A rule that names units for every task that follows instead of repeating them:
#: 以下任务均需各县市区人民政府落实,不再列出.
_BLANKET = re.compile(
    r"(?:以下|下列|上述|本方案|各项)[^。;\n]{0,12}?(?:均|都|皆)(?:需|须|要|由)[^。;\n]{2,40}?"
    r"(?:落实|负责|承担|推进|实施)[^。;\n]{0,6}?[,]?不再(?:一一|单独|重复)?(?:列出|列明|标注|注明|重复)"
)


def blanket_conventions(text: str) -> list[str]:
    """Statements that give units for every task below instead of listing them (不再列出)."""
    folded = fold(text)
    return [display(text[m.start() : m.end()]) for m in _BLANKET.finditer(folded)]


def first_listed_convention(text: str) -> str | None:
    """The document's own statement that the first-listed unit leads, if it makes one."""
    folded = fold(text)
    for match in _LEADS_WORDS.finditer(folded):
        start = max(folded.rfind(stop, 0, match.start()) for stop in "。;\n") + 1
        ends = [i for i in (folded.find(stop, match.end()) for stop in "。;\n") if i >= 0]
        end = min(ends) + 1 if ends else len(folded)
        if _FIRST.search(folded, start, match.start()):
            return display(text[start:end]) or None
    return None
