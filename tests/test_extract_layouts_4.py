"""govplan.extract on layouts of round 4: a row's cells on lines of their own, 分别牵头."""

from __future__ import annotations

import govplan as gp
from extracting import errors, tasks, units
from govplan.extract._responsibilities import split_units
from govplan.org import Role


def test_levels_sharing_one_name_stay_one_unit() -> None:
    assert split_units("省住建厅、省水利厅等,各市、州、县人民政府") == [
        "省住建厅",
        "省水利厅",
        "各市、州、县人民政府",
    ]
    assert split_units("市交通局,各县、市、区人民政府") == ["市交通局", "各县、市、区人民政府"]


def test_a_labelled_list_closed_by_its_own_lead_word_leads() -> None:
    text = (
        "某县2025年重点工作责任分解方案\n"
        "一、重点任务\n"
        "1.扩大城乡居民就业,全年新增就业800人。\n"
        "责任单位:县人社局、县农业局分别牵头\n"
        "2.推进老旧小区改造,完成改造小区6个。\n"
        "责任单位:县住建局\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    first = tasks(campaign)[0]
    assert units(first) == {("县人社局", Role.LEAD), ("县农业局", Role.LEAD)}


def test_the_units_and_time_cells_of_a_row_end_its_measure() -> None:
    text = (
        "某市落实稳增长政策措施责任分工方案\n"
        "主要任务\n"
        "工作措施\n"
        "责任单位\n"
        "完成时限\n"
        "一、强化财政支持\n"
        "2.对符合条件的企业给予设备购置补贴,对新建项目给予贷款贴息\n"
        "市经信局、市财政局等,各县、市、区政府\n"
        "2025年12月\n"
        "5.减免小微企业房租三个月,由各地落实到位\n"
        "市国资委等,各县、市、区政府\n"
    )
    campaign = gp.extract(text)
    assert errors(campaign) == []
    found = {t.number: t for t in tasks(campaign)}
    assert set(found) >= {"2", "5"}
    assert units(found["2"]) == {
        ("市经信局", Role.RESPONSIBLE),
        ("市财政局", Role.RESPONSIBLE),
        ("各县、市、区政府", Role.RESPONSIBLE),
    }
    assert "2025年12月" not in found["5"].title
