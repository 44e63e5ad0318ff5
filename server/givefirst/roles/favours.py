"""Favours: which sentences deliver or acknowledge a favour, and whether a message thanks the writer.

The undermining rules need both: "no big deal" undermines only a favour the
writer did, so the draft must deliver one ("I've attached the deck") or the
message it answers must thank them.
"""
from __future__ import annotations

import re

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


# "Thanks so much for fixing the webhook!": thanks for something done, not a sign-off ("Thanks,"),
# thanks in advance, or thanks for an email or for the reader's time.
# Also thanks with an intensifier ("Thanks so much Dev, the printer works again!!") and gratitude for
# what the writer did ("I'm so grateful you covered 9C yesterday"), and praise for a deed ("you saved my demo").
_THANKS_FOR = lexicons.compile(r"\b(?:thanks|thank you)\b[^.?!\n]{0,20}[,!.] (?:that|it|this) (?:worked|helped|did the trick|fixed it|saved)\b|"
                               # praise that thanks for a deed: "you saved my demo", "you're a lifesaver"
                               r"\byou saved my (?:life|day|bacon|skin|neck|demo)\b|"
                               r"\byou(?:'re| are) (?:a |an |such a |my )?(?:absolute |total |real )?(?:lifesaver|life saver|godsend)\b|"
                               # thanks, then praise of what the reader did: "Gracias Valentina, your training was excellent"
                               r"\b(?:{{thanks}})\b[^.?!\n]{0,30}?\byour (?:[\w-]+ )?(?:training|session|talk|workshop|demo|walkthrough|help|fix|tips?|intro|introduction|advice|review|"
                               r"feedback|presentation|tour|notes|summary|edits|slides|deck|write-up|explanation|lesson|class) (?:was|were) (?:really |truly |just )?(?:excellent|great|amazing|brilliant|"
                               r"fantastic|perfect|superb|(?:so|very|super|incredibly) (?:helpful|useful|clear))\b(?![^?]*\?)|"  # no new request after the praise
                               r"\byou(?:'re| are)? (?:an? |such an? )?(?:absolute |total |real )?(?:legend|hero|star|champ|gem|saint) for \w+ing\b|"
                               r"\b(?:thanks|thank you|thank u|ty) (?:so much|a lot|a million|heaps|a ton|loads|very much)\b(?! in advance| for\b)|"
                               r"\b(?:grateful|thankful|thank you|thanks) (?:that )?you (?!asked\b)(?:\w+ed|did|took|made|gave|sent|got|came|stayed|drove|"
                               r"wrote|found|went|ran|built|stepped in)\b|"
                               r"(?:\b(?:{{thanks}})\b(?:(?! in advance\b)[^.?!\n]){0,25}?\bfor|\bcheers for) (?!(?:your|the|this) (?:e-?mail|note|"
                               r"message|mail|reply|response|update|question|request|time|consideration|attention)\b|"
                               r"(?:your )?(?:time|patience|understanding|consideration|cooperation)\b)")
_QUOTE_HEADER = re.compile(r"^\s*(?:on\b.*\bwrote:|.*\bwrote:|-+ ?original message ?-+|(?:from|sent|to|cc|subject|date):.*)\s*$", re.I)


def quoted_message(text: str, ignored: list) -> str | None:
    """The start of the message the draft quotes (its first quoted lines, without '>' and header
    lines), or None when the draft quotes nothing: the message it replies to, when the caller
    sent no reply context."""
    quote = next((s for s in ignored if s["kind"] == "quote"), None)
    if quote is None:
        return None
    lines = [re.sub(r"^[\s>]+", "", line) for line in text[quote["start"]:quote["end"]].splitlines()]
    first = " ".join(line for line in lines if line and not _QUOTE_HEADER.match(line))[:600]
    return first or None


def thanks_for_something(message: str | None) -> bool:
    """The quoted message thanks the writer for something they did ("> Thanks sooo much for
    fixing the Stripe webhook!"); a sign-off ("Thanks, Ann"), thanks in advance or for an
    email do not count, since the quote holds more than the words of thanks a reply would."""
    return bool(message and _THANKS_FOR.search(message))
