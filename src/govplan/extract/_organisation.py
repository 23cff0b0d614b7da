"""How a plan organises its work, for the extractor: work teams and the leadership body.

A battle's 工作专班 is set up by one paragraph of its 推进机制 (成立…工作专班,由X任召集人,Y任副
召集人,成员单位包括…,工作专班办公室设在Z); the campaign's leadership body (领导小组, 指挥部,
综合协调组) by one paragraph of the general plan's 组织实施.  The paragraph is kept whole as the
team's text; its posts, members and office are read from it, names as printed.
"""

from __future__ import annotations

import re

from govplan.extract._responsibilities import Registry, split_units
from govplan.extract._text import Para, display
from govplan.model import Post, WorkTeam

_TEAM_NAME = re.compile(r"(?:成立|建立|组建|设立)(?P<name>[^,。;]{0,40}?(?:工作专班|专班|工作组))")
#: A body that leads the whole campaign: …为成员的X领导小组, 成立X指挥部.
_LEADERSHIP = re.compile(
    r"(?:的|成立|组建|设立)(?P<name>[^,。;由的]{2,40}?(?:领导小组|指挥部|综合协调组|协调小组))"
)
_POSTS = (
    "第一召集人|总召集人|副总召集人|常务副召集人|副召集人|召集人|专班长|"
    "第一副组长|常务副组长|副组长|组长|第一副指挥长|常务副指挥长|副指挥长|指挥长|"
    "办公室副主任|办公室主任"
)
#: X任召集人, 由X担任组长, X为第一召集人: the holder is the clause before the verb, 、 and all.
_POST = re.compile(
    rf"(?:由)?(?P<holder>[^,。;:由]{{2,40}}?)(?:担任|出任|任|为)(?:专班)?(?P<post>{_POSTS})"
)
_MEMBERS = re.compile(
    r"成员(?:单位)?(?:包括|为|有|:)(?P<list>[^。;]+?)(?:等(?:单位|部门)?)?(?:组成)?(?=[,。;]|$)"
)
#: Members listed before the words that make them members: X、Y、Z等为成员单位.
_MEMBERS_BEFORE = re.compile(
    r"(?:^|(?<=[,;:。]))(?P<list>[^,;:。]{2,}?)(?:(?:主要)?负责(?:人|同志))?(?:为|作为)成员(?:单位)?"
)
_OFFICE = re.compile(r"办公室(?:设在|下设在|下设|设于|设)(?P<office>[^,。;]{2,30}?)(?=[,。;]|$)")
#: The longest name a member can have.
_MEMBER_MAX = 40


def work_team(paras: list[Para], registry: Registry) -> WorkTeam | None:
    """The battle's 工作专班, from the first paragraph that sets one up."""
    for para in paras:
        names = list(_TEAM_NAME.finditer(para.clean))
        if names:
            name = max(names, key=lambda m: len(m["name"]))
            return team(para, name.start("name"), name.end("name"), registry)
    return None


def leadership_group(paras: list[Para], registry: Registry) -> WorkTeam | None:
    """The campaign's leadership body (领导小组, 指挥部), from the paragraph that sets it up."""
    for para in paras:
        match = _LEADERSHIP.search(para.clean)
        if match:
            return team(
                para,
                match.start("name"),
                match.end("name"),
                registry,
                _posts_end(para, match.end()),
            )
    return None


def _posts_end(para: Para, after: int) -> int:
    """Where a leadership body's posts end: where the paragraph turns to the battles' teams."""
    end = _TEAMS_TOO.search(para.clean, after)
    return len(para.clean) if end is None else end.start()


#: The words that turn a leadership paragraph to the battles' own teams (每个仗都成立工作专班).
_TEAMS_TOO = re.compile(
    r"(?:每个|各)[^,。;]{0,6}(?:都|均)?(?:成立|建立|组建|设立)[^,。;]{0,6}专班"
    r"|[0-9一二三四五六七八九十]{1,3}个(?:工作)?专班"
)


def team(
    para: Para, name_start: int, name_end: int, registry: Registry, posts_end: int | None = None
) -> WorkTeam:
    """A work team or leadership body from its paragraph.

    Its posts are read up to *posts_end* (where the paragraph turns to other teams), but for
    the posts of its office, which may follow.
    """
    clean = para.clean
    end = len(clean) if posts_end is None else posts_end
    matches = [
        *_POST.finditer(clean, 0, end),
        *(m for m in _POST.finditer(clean, end) if m["post"].startswith("办公室")),
    ]
    posts = [
        Post(
            title=display(para.span(m.start("post"), m.end("post"))),
            holder=display(para.span(m.start("holder"), m.end("holder"))),
        )
        for m in matches
    ]
    members = _members(para)
    office_match = _OFFICE.search(clean)
    office = None
    if office_match:
        office = display(para.span(office_match.start("office"), office_match.end("office")))
    for unit in [*members, *([office] if office else [])]:
        registry.add(unit)
    return WorkTeam(
        name=display(para.span(name_start, name_end)) or None,
        posts=tuple(p for p in posts if p.title and p.holder),
        members=tuple(members),
        office=office or None,
        text=para.raw,
        source_line=para.line,
    )


def _members(para: Para) -> list[str]:
    """The member units a team's paragraph lists, as printed, each once."""
    clean = para.clean
    match = _MEMBERS.search(clean) or _MEMBERS_BEFORE.search(clean)
    if match is None:
        return []
    members: list[str] = []
    for part in split_units(match["list"]):
        name = re.sub(r"等(?:单位|部门)?$", "", part)
        start = clean.find(name, match.start("list"))
        if 1 < len(name) <= _MEMBER_MAX and start >= 0:
            printed = display(para.span(start, start + len(name)))
            if printed and printed not in members:
                members.append(printed)
    return members
