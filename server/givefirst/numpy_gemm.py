"""Matrix products for the pipeline by numpy's BLAS instead of blis.

thinc runs spaCy's networks through blis. For the shapes of this pipeline (a
few dozen to a few hundred tokens against 96- to 576-wide layers) numpy's
OpenBLAS is 2 to 3 times faster on the machines we measured, and the matrix
products are over half of a parse: a cold 150-word analysis drops by about a
quarter. The arithmetic is the same float32 products summed in a different
order, so a score can differ in its last bits; on 4,957 texts (the labelled
drafts and sentences, and the email-intent set) every tag, dependency, head,
sentence start, POS and lemma came out the same (tests/test_fuzz.py keeps
checking). Only this process's analysis pipeline is switched; a spaCy
pipeline loaded elsewhere keeps blis.

OpenBLAS may use several threads on large products; gunicorn.conf.py sets
OPENBLAS_NUM_THREADS=1 so that each worker keeps to its core.
"""
from __future__ import annotations

import numpy
from thinc.api import NumpyOps


# OpenBLAS multiplies a matrix of fewer than 5 rows by other kernels, whose sums differ in the last
# bits from the general kernel's. Padding to MIN_ROWS with zero rows makes every row of a product
# independent of the rows it is computed with, so a sentence gets the same tags and parse whether it
# is parsed alone (the keystroke case), in a draft, or partly from remembered tokens (fast_tok2vec).
MIN_ROWS = 8


class NumpyGemmOps(NumpyOps):
    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if len(a) < MIN_ROWS:
            product = numpy.dot(numpy.concatenate([a, numpy.zeros((MIN_ROWS - len(a), a.shape[1]), a.dtype)]), b)[:len(a)]
            if out is None:
                return product
            out[...] = product
            return out
        if out is None:
            return numpy.dot(a, b)
        numpy.dot(a, b, out=out)
        return out


def install(nlp) -> None:
    """Give every layer of the pipeline's networks the numpy matrix product."""
    ops = NumpyGemmOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
