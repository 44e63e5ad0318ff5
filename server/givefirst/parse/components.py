"""The project's spaCy components, registered in one place.

- `givefirst_line_breaks`: a line break in an email ends a sentence ("Hi Ruth,"
  on its own line is not part of the next sentence). Runs before the parser,
  which respects sentence starts set earlier.
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
