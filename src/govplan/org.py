"""Organisational units (单位) and who is responsible for what (牵头, 配合, 按职责分工负责).

``Unit`` here is an office, township or collective body named by a plan, never a unit of
measurement: those live in :mod:`govplan.quantity`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from govplan._fields import extensions, field, tuple_of

__all__ = ["Responsibility", "ResponsibilitySet", "Role", "Unit", "UnitKind", "UnitLevel"]


class Role(enum.StrEnum):
    """The part a unit plays in a task.

    - ``lead`` (牵头): named as 牵头, or the only office in "X负责", or listed under 牵头单位;
      a collective (成员单位) leads only where 牵头 is printed for it;
    - ``cooperating`` (配合): listed after a lead ("X牵头,Y、Z等按职责分工负责", 配合单位);
    - ``responsible`` (按职责分工负责 with no lead named, or listed under 责任单位): jointly
      responsible. Usually none leads; where a 责任分解表 gives a 牵头单位 column beside a 责任单位
      column, the row's units are the lead and the responsible units as labelled (pingjiang-2023).

    .. versionadded:: 0.1.0
    """

    LEAD = "lead"
    COOPERATING = "cooperating"
    RESPONSIBLE = "responsible"


class UnitKind(enum.StrEnum):
    """What kind of body a unit is.

    .. versionadded:: 0.1.0
    """

    #: 政府工作部门、直属机构 (县发改局, 市人社局)
    DEPARTMENT = "department"
    #: 乡镇人民政府、街道办事处 (沱江镇)
    TOWNSHIP = "township"
    #: 园区管委会 (凤凰产业开发区管委会)
    PARK_COMMITTEE = "park_committee"
    #: 党委部门 (县委组织部, 县纪委监委)
    PARTY_ORGAN = "party_organ"
    #: 人民团体、群团组织 (县妇联, 县残联, 县科协, 县总工会)
    PEOPLES_ORGANISATION = "peoples_organisation"
    #: 法院、检察院
    JUDICIAL = "judicial"
    #: 垂直管理或上级派驻机构 (县税务局, 人民银行支行, 市生态环境局分局, 消防救援大队)
    VERTICAL_AGENCY = "vertical_agency"
    #: 国有企业 (国网供电公司, 县城投公司, 电信运营商)
    STATE_ENTERPRISE = "state_enterprise"
    #: 事业单位 (大数据中心, 公路建设养护中心, 职中)
    PUBLIC_INSTITUTION = "public_institution"
    #: 集体 (领导小组成员单位, 县安委会相关成员单位, 指挥部物资保障组)
    COLLECTIVE = "collective"
    #: 泛指 (县直有关单位, 各乡镇, 各单位)
    PLACEHOLDER = "placeholder"
    OTHER = "other"


class UnitLevel(enum.StrEnum):
    """Administrative level a unit belongs to.

    .. versionadded:: 0.1.0
    """

    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


@attrs.frozen(kw_only=True)
class Unit:
    """One organisational unit of a campaign's unit registry, with the other names it goes by.

    Tasks refer to units by any of their names (``name`` or an alias), exactly as printed.

    .. versionadded:: 0.1.0
    """

    id: str = field(
        "Identifier, unique within the campaign's unit registry; by convention the canonical name.",
        examples=["县发改局"],
        min_length=1,
    )
    name: str = field(
        "Canonical name, the fullest form the document uses.",
        examples=["县发展和改革局"],
        min_length=1,
    )
    kind: UnitKind = field("What kind of body the unit is.")
    aliases: tuple[str, ...] = tuple_of(
        "Other names of the same unit in the document (short forms, spelling variants).",
        examples=[["县发改局"]],
    )
    level: UnitLevel | None = field("Administrative level of the unit.", default=None)
    notes: tuple[str, ...] = tuple_of("Reviewer notes, e.g. why two spellings were merged.")
    extensions: dict[str, Any] = extensions()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the unit is referred to by: id, name and aliases, without repeats."""
        return tuple(dict.fromkeys((self.id, self.name, *self.aliases)))


@attrs.frozen(kw_only=True)
class Responsibility:
    """One (unit, role) pair: ``Responsibility(unit="县商务局", role=Role.LEAD)``.

    .. versionadded:: 0.1.0
    """

    unit: str = field(
        "The unit as the document names it; resolves to the registry by id, name or alias.",
        examples=["县商务局"],
        min_length=1,
    )
    role: Role = field("lead (牵头), cooperating (配合) or responsible (按职责分工负责, no lead).")
    extensions: dict[str, Any] = extensions()


@attrs.frozen(kw_only=True)
class ResponsibilitySet:
    """One responsibility note of the document, e.g. "(县商务局牵头,县市场监管局等按职责分工负责)".

    A task whose sentences each end in a note has one set per note, tied by ``applies_to`` to the
    part of the text it closes.

    .. versionadded:: 0.1.0
    """

    assignments: tuple[Responsibility, ...] = tuple_of(
        "The units named by the note, in the order printed, each with its role."
    )
    text: str | None = field(
        "The note verbatim, without its parentheses.",
        default=None,
        examples=["县商务局牵头,县市场监管局等单位按职责分工负责"],
    )
    applies_to: str | None = field(
        "The part of the task text the note closes, when a task has several notes.",
        default=None,
    )
    notes: tuple[str, ...] = tuple_of("Reviewer notes (a note split by markup, an odd role word).")
    extensions: dict[str, Any] = extensions()

    def units(self, role: Role | None = None) -> tuple[str, ...]:
        """Units of the set, optionally only those with *role*."""
        return tuple(a.unit for a in self.assignments if role is None or a.role is role)
