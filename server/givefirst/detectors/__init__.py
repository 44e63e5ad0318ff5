"""Detectors: one module per category, each a function detect(ctx: Context) -> Detected.

`phrases` runs every pattern rule of models/rules (undermining, weak phrasing);
the others need the whole draft's structure. They read the Context and return
their findings (and any structure); none writes into a shared dict.
"""
from givefirst.detectors import door_in_the_face, phrases, readability, value_first

ALL = (phrases.detect, value_first.detect, door_in_the_face.detect, readability.detect)
