"""Detectors: each a function (draft, ctx) -> Iterable[Finding], one per module.

`phrases` runs every pattern rule of models/rules (undermining, weak phrasing);
the others need the whole draft's structure.
"""
from givefirst.detectors import door_in_the_face, phrases, readability, value_first

ALL = (phrases.detect, value_first.detect, door_in_the_face.detect, readability.detect)
