"""RFC 6901 pointers: joining and splitting are inverse for any tokens."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govplan._pointer import escape, join, split, unescape

TOKENS = st.lists(st.one_of(st.text(), st.integers(min_value=0, max_value=10**6)), max_size=6)


@given(TOKENS)
def test_split_undoes_join(tokens: list[str | int]) -> None:
    assert split(join("", *tokens)) == [str(t) for t in tokens]


@given(st.text())
def test_unescape_undoes_escape(token: str) -> None:
    assert unescape(escape(token)) == token
    assert "/" not in escape(token)


def test_the_rfc_examples() -> None:
    assert join("", "a/b") == "/a~1b"
    assert join("", "m~n") == "/m~0n"
    assert join("/battles", 0, "groups", 1) == "/battles/0/groups/1"
    assert split("/a~1b/m~0n") == ["a/b", "m~n"]


@given(st.text(), TOKENS)
def test_join_appends_each_token_escaped(pointer: str, tokens: list[str | int]) -> None:
    assert join(pointer, *tokens) == pointer + "".join("/" + escape(t) for t in tokens)
