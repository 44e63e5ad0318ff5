"""Favours: which sentences deliver or acknowledge a favour, and whether a message thanks the writer.

The undermining rules need both: "no big deal" undermines only a favour the
writer did, so the draft must deliver one ("I've attached the deck") or the
message it answers must thank them.
"""
from __future__ import annotations

from givefirst.parse.draft import per_sentence
from givefirst.roles.sentence_roles import delivers
from givefirst.rules import lexicons
from givefirst.rules.guards import FAVOUR

_THANKS = lexicons.compile(r"\b{{thanks}}\b")  # the thanks lexicon (models/lexicons/thanks.yaml), defined once


@per_sentence
def gives_favour(sent) -> bool:
    """The sentence delivers or acknowledges a favour ("Here's the export", "I fixed the link")."""
    return bool(FAVOUR.search(sent.text)) or delivers(sent)


def thanks_the_writer(message: str | None) -> bool:
    """The message (the one the draft replies to) thanks its reader, the writer of the draft."""
    return bool(message and _THANKS.search(message))
