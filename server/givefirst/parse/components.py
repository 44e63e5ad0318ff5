"""The project's spaCy components, registered in one place.

- `givefirst_line_breaks`: a line break in an email ends a sentence ("Hi Ruth,"
  on its own line is not part of the next sentence). Runs before the parser,
  which respects sentence starts set earlier.
- `givefirst_no_mid_clause_breaks`: no sentence starts right after a word or a
  comma on the same line. The writer's sentence ends are found before parsing
  (parse.draft.chunks); a break the parser adds mid-clause ("If that's too
  much, even a coffee chat | once a month would mean a lot") cuts a fallback
  or an ask in two.
"""
from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language


@Language.component("givefirst_line_breaks")
def line_breaks(doc):
    """Start a new sentence after any token that contains a line break."""
    if not doc.to_array(IS_SPACE).any():  # most chunks are one line: a line break is always a space token
        return doc
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("givefirst_no_mid_clause_breaks")
def no_mid_clause_breaks(doc):
    """No new sentence after a word, number or comma (set before the parser, which keeps it)."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or doc[i].is_space or prev.is_space:
            continue
        if prev.text[-1].isalnum() or prev.text == ",":
            doc[i].is_sent_start = False
    return doc
