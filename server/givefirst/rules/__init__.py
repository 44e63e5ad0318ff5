"""The rules: their data (models/rules, models/lexicons) and the code that reads it.

catalogue.py  every rule of models/rules/*.yaml: words, examples, phrase patterns
lexicons.py   named word lists, models/lexicons/NAME.yaml, each defined once
guards.py     the parse checks a phrase rule names as its `guard`
rewrite.py    building rewrites that leave a well-formed email behind

Lexicons. A word list used by more than one rule, pattern or guard is a lexicon:
models/lexicons/NAME.yaml with a `description` and `entries` (regular-expression
fragments, most of them plain words). Patterns refer to it by name with a
`{{NAME}}` placeholder, in the rule data (`patterns` and `unless` of
models/rules/*.yaml, the cues of models/patterns/roles.yaml) and in Python
(`lexicons.compile(r"\\b{{thanks}}\\b")`); the placeholder is expanded when the
data is loaded into the group `(?:entry|entry|...)`. Code that checks single
tokens uses `lexicons.words(NAME)`. This is the only mechanism: no list is
copied into a pattern.

Exceptions. A phrase rule's `unless` entries drop a match when the text before
it, after it or in the whole draft matches (catalogue.Unless); its `guard` is for
what only the parse or the rest of the draft can tell. Examples mark the
flagged span with [brackets] and give `becomes`, the text after the first
rewrite. The full format: docs/rules.md.
"""
