"""Give First: a reciprocity coach for work email.

`analyze(text, *, context=None, offsets="utf16", disabled=())` returns the same
dict as the HTTP API's POST /v1/analyze body.
"""
__version__ = "0.1.0"


def analyze(text, *, context=None, offsets="utf16", disabled=()):
    from givefirst.analysis import analyze as _analyze  # lazy: importing spaCy is slow
    return _analyze(text, context=context, offsets=offsets, disabled=disabled)


__all__ = ["analyze", "__version__"]
