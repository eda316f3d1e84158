"""The quiz control receives the learner's choice as an ordered custom message (issue 18 follow-up).

Found by the browser test under load: ipywidgets holds a *state sync* back while an earlier
message awaits the kernel, but sends a button's click (a custom message) at once, so a quick
"Check" could be graded against the previous choice. The control therefore sends each choice as a
custom message, which keeps its place in the queue. These tests drive the real message handler
(``_handle_msg``, what the kernel calls) and check that the value arrives, is not echoed back,
and that malformed messages change nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from pharmacourse.quiz.controls import AnswerControl

OPTIONS = [("Option A", "a"), ("Option B", "b"), ("Option C", "c")]


def _from_page(control: AnswerControl, content: Any) -> None:
    """Deliver ``content`` as the page's custom message, through ipywidgets' own handler."""
    control._handle_msg({"content": {"data": {"method": "custom", "content": content}},
                         "buffers": []})


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every message the kernel side sends to the page."""
    messages: list[dict] = []
    monkeypatch.setattr(AnswerControl, "_send", lambda self, msg, buffers=None:
                        messages.append(msg))
    return messages


def test_a_radio_choice_arrives_and_is_not_echoed(sent: list[dict]) -> None:
    control = AnswerControl("radio", "Q", "Answer", OPTIONS)
    seen = []
    control.observe(lambda change: seen.append(change["new"]), names="value")
    sent.clear()
    _from_page(control, {"event": "value", "value": "b"})
    _from_page(control, {"event": "value", "value": "c"})
    assert control.value == "c" and seen == ["b", "c"]  # in order, observers notified
    assert not [m for m in sent if m.get("method") == "update"], sent  # no echo to the page


def test_checkbox_and_text_choices_arrive() -> None:
    boxes = AnswerControl("checkbox", "Q", "Answer", OPTIONS)
    _from_page(boxes, {"event": "value", "value": ["a", "c"]})
    assert boxes.value == ["a", "c"]
    field = AnswerControl("text", "Q", "Answer (h)")
    _from_page(field, {"event": "value", "value": "12 h"})
    assert field.value == "12 h"


@pytest.mark.parametrize("content", [
    {"event": "value", "value": "z"},          # an id the control does not show
    {"event": "value", "value": ["a"]},        # a list for a radio group
    {"event": "value", "value": 3},            # not text
    {"event": "other", "value": "b"},          # another event
    "value=b",                                  # not a mapping
])
def test_a_malformed_message_changes_nothing(content: Any) -> None:
    control = AnswerControl("radio", "Q", "Answer", OPTIONS)
    _from_page(control, {"event": "value", "value": "a"})
    _from_page(control, content)
    assert control.value == "a"


def test_a_malformed_checkbox_message_changes_nothing() -> None:
    boxes = AnswerControl("checkbox", "Q", "Answer", OPTIONS)
    _from_page(boxes, {"event": "value", "value": ["a", "nope"]})
    _from_page(boxes, {"event": "value", "value": "a"})
    assert boxes.value == []


def test_the_page_sends_choices_as_custom_messages() -> None:
    from pharmacourse.quiz import controls

    assert 'model.send({ event: "value", value })' in controls._CONTROL_ESM
    assert "save_changes" not in controls._CONTROL_ESM  # a held state sync could be overtaken
