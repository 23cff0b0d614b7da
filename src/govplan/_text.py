"""Text folding shared by the checks, the upgrader and the extractor.

The documents reach govplan as web pages copied to text: ASCII or full-width punctuation, stray
spaces, markdown ``*`` markers, now and then traditional characters.  :func:`fold` and
:func:`squeeze` make two printings of the same words compare equal; the core (checks, upgrade,
the reading rules) and the extractor use this one copy.
"""

from __future__ import annotations

import re

# Full-width ASCII forms (！ to ～) to ASCII, ideographic and no-break spaces to a space.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})
_FOLD.update({ord("﹙"): ord("("), ord("﹚"): ord(")"), ord("︰"): ord(":")})

#: Common traditional characters of these documents and their simplified forms (one for one).
_TRADITIONAL = (
    "與与 為为 務务 發发 區区 縣县 實实 產产 業业 經经 濟济 設设 開开 會会 單单 責责 "
    "負负 牽牵 頭头 職职 協协 進进 總总 體体 員员 門门 現现 長长 處处 辦办 財财 資资 動动 "
    "農农 衛卫 數数 關关 點点 國国 稅税 醫医 應应 廣广 電电 萬万 億亿 個个 項项 額额 "
    "標标 準准 據据 規规 劃划 鄉乡 鎮镇 園园 機机 構构 條条 廳厅 監监 審审 層层 災灾 營营 "
    "場场 確确 護护 歲岁 優优 環环 術术 製制 決决 達达 對对 將将 於于 從从 這这 們们 裡里 "
    "還还 後后 時时 間间 問问 題题 則则 計计 畫画 選选 傳传 壹一 貳二 參三 肆四 伍五 陸六 柒七 捌八 "
    "玖九 拾十 組组 織织 領领 導导 統统 歷历 紀纪 檢检 強强 熱热 氣气 衝冲 擊击 綜综 "
    "網网 運运 輸输 橋桥 樓楼 鐵铁 礦矿 藥药 療疗 穩稳 預预 報报 調调 節节 續续 舉举 "
    "獎奖 勵励 評评 級级 線线 約约 價价 錢钱 貸贷 銀银 險险 擔担 償偿 債债"
)
_FOLD.update({ord(pair[0]): ord(pair[1]) for pair in _TRADITIONAL.split()})
_TABLE = str.maketrans(_FOLD)

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Map full-width punctuation to ASCII and common traditional characters to simplified."""
    return text.translate(_TABLE)


def squeeze(text: str) -> str:
    """The folded text without ``*`` markers and without whitespace (for comparing)."""
    return _SPACE.sub("", fold(text).replace("*", ""))
