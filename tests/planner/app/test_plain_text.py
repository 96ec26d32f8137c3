"""Citizen and staff text comes out literally: no Markdown, no HTML, no outside image or link.

Streamlit renders st.markdown / caption / success / warning / subheader as Markdown. Each page
element's source is rendered here with a CommonMark renderer (markdown-it) and must give back the
text as it was written, without an image, a link, a heading or emphasis taken from it.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest
from markdown_it import MarkdownIt

from input_forms import comments, projects, users, voting
from planner.common.plain import md_escape
from tests.planner.app.fixtures import signed_in

EVIL = [
    "![x](https://evil.example/track.png)",
    "[Log ind igen](https://evil.example/login)",
    "# Kæmpe overskrift",
    "<img src=https://evil.example/a.png> <b>fed</b> <script>alert(1)</script>",
    "**fed** _kursiv_ `kode` ~~streg~~",
    ":red[farve] :material/home: $x^2$",
    "1. punkt\n- punkt\n> citat",
    "https://evil.example og www.evil.example",
    "Jens & Co \\*ikke fed\\*",
]
MD = MarkdownIt("commonmark").enable("strikethrough")
TAGS = ("<img", "<a ", "<h1", "<h2", "<em", "<code", "<ol", "<ul", "<blockquote", "<s>", "<script", "<b>")


def rendered(source: str) -> tuple[str, str]:
    """(the HTML CommonMark makes of ``source``, the text a reader sees in it)."""
    out = MD.render(source)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", out.replace("<br />\n", "\n")))
    return out, text


@pytest.mark.parametrize("text", EVIL)
def test_escaped_text_renders_as_exactly_the_text(text):
    source = md_escape(text)
    out, seen = rendered(source)
    assert not any(tag in out for tag in TAGS), out
    assert seen.replace(" \n", "\n").strip() == text
    # no bare address left for an autolinker (GitHub-flavoured Markdown links https://… and www.… in text)
    assert "://" not in source and "www." not in source
    # inside our own bold wrapper too: bold, and nothing else
    wrapped, seen = rendered(f"**{source}**")
    assert wrapped.count("<strong>") == 1 and not any(tag in wrapped for tag in TAGS)


def _elements(at):
    for kind in ("markdown", "caption", "success", "info", "warning", "error", "subheader", "title"):
        yield from at.get(kind)


def _assert_literal(at, texts: list[str]) -> None:
    """No element renders an image, link, heading or list from page text, and each of ``texts`` is seen whole."""
    seen_all = []
    for element in _elements(at):
        out, seen = rendered(element.value)
        assert "<img" not in out and "<a " not in out and "<script" not in out, element.value
        seen_all.append(" ".join(seen.split()))
    plain = [" ".join(t.value.split()) for t in at.get("text")]  # st.text: never Markdown
    everything = "\n".join(seen_all + plain)
    for text in texts:
        assert " ".join(text.split()) in everything, text


def test_staff_comments_and_reasons_with_markup_are_shown_as_written(demo):
    engine = demo.engine
    option = demo.options[1]
    name = "**Chefen** ![x](https://evil.example/who.png)"
    author = users.create_user(engine, "markup-staff", "a literal passphrase 1", "staff", display_name=name,
                               staff_title="# sagsbehandler", bcrypt_rounds=4)
    room = option.plan().rooms[0].id
    text = EVIL[0] + " " + EVIL[3]
    made = comments.add_comment(engine, author, {"option_id": option.id, "category": "problem", "feature_id": room,
                                                 "text": text, "show_name": True})
    reason = "[Log ind igen](https://evil.example/login) **nej**"
    comments.answer_comment(engine, made.id, demo.users["designer"], "declined", reason)
    at = signed_in(demo.users["staff1"], "comments")
    at.selectbox(key="comments_option").set_value(option.id).run()
    assert not at.exception, at.exception
    _assert_literal(at, [text, f"Declined: {reason}", name])


def test_results_show_option_names_and_citizen_text_as_written(demo):
    engine = demo.engine
    option = demo.options[0]
    evil_name = "**Vind** [her](https://evil.example)"
    projects.rename_option(engine, option.id, evil_name)
    rnd = voting.current_round(engine, demo.project.id)
    for n, voter in enumerate(u for u in demo.users.values() if u.role == "staff"):
        voting.cast_ballot(engine, rnd.id, voter.id, [[option.id]] if n % 2 == 0 else [[option.id], [demo.options[1].id]])
    voting.close_round(engine, rnd.id)
    at = signed_in(demo.users["facilitator"])
    at.session_state["results_tab"] = "Voting"
    at.run()
    assert not at.exception, at.exception
    _assert_literal(at, [f"Winner: {evil_name}"])


def test_the_open_ballot_shows_round_titles_and_option_names_as_written(demo):
    engine = demo.engine
    option = demo.options[0]
    evil_name = "**Vind** [her](https://evil.example)"
    projects.rename_option(engine, option.id, evil_name)
    current = voting.current_round(engine, demo.project.id)
    if current is not None:
        voting.close_round(engine, current.id)
    title = "# Stem ![x](https://evil.example/t.png)"
    voting.open_round(engine, demo.project.id, [option.id, demo.options[1].id], title=title)
    at = signed_in(demo.users["staff1"], "vote")
    assert not at.exception, at.exception
    next(b for b in at.button if b.key and b.key.startswith("vote_pick_") and b.key.endswith(f"_{option.id}")).click().run()
    assert not at.exception, at.exception
    _assert_literal(at, [title, evil_name])
