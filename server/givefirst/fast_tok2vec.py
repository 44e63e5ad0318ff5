"""The model's tok2vec network for inference, without recomputing what cannot change.

en_core_web_sm's tok2vec embeds each token on its own (hash embeddings of
NORM, PREFIX, SUFFIX, SHAPE and two flags, then a maxout layer), then mixes
in context with four window-1 convolutions. `forward` runs the same
operations on the same weights as thinc (hash, gather_add, matrix product,
maxout, layer norm, seq2col, the encoder's padding between documents) with
two savings, which matter most on the keystroke path where one short
sentence is parsed:

- the embedding of a token depends only on its six features, so it is
  remembered (up to CACHE_ROWS tokens; when full, the least recently used
  quarter is forgotten): after a one-word edit only the new word is embedded;
- thinc pads every document with 4 rows each side and runs every layer on
  them, but the outermost rows of layer k only feed rows no one reads; each
  layer here computes only the rows the next one needs.

Every output row is computed from the same inputs by the same operations,
so the vectors are thinc's, bit for bit (tests/test_fuzz.py compares them
on real and random text, with the cache cold and warm).

`install(model)` switches a tok2vec model to `forward` for prediction; it
declines (returns False) and leaves the model alone if the network is not
the architecture it knows. Training (is_train=True) runs thinc's layers.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy

ARCHITECTURE = (
    "extract_features>>list2ragged>>with_array(" + "|".join(["ints-getitem>>hashembed"] * 6) + ")"
    ">>with_array(maxout>>layernorm>>dropout)>>ragged2list>>with_array("
    + ">>".join(["residual(expand_window>>maxout>>layernorm>>dropout)"] * 4) + ")"
)
CACHE_ROWS = 20_000  # embedded tokens remembered: 7.7 MB of vectors


class Tok2Vec:
    """The network's weights, read once from the thinc model, and the embedding memory."""

    def __init__(self, model):
        nodes = list(model.walk())
        self.ops = model.ops
        self.columns = next(n for n in nodes if n.name == "extract_features").attrs["columns"]
        self.embeds = [(n.attrs["column"], n.attrs["seed"], n.get_param("E")) for n in nodes if n.name == "hashembed"]
        maxouts = [n for n in nodes if n.name == "maxout"]
        norms = [n for n in nodes if n.name == "layernorm"]
        self.layers = [(_maxout_weights(m), ln.get_param("G"), ln.get_param("b")) for m, ln in zip(maxouts, norms)]
        self.pad = model.layers[-1].attrs["pad"]
        self._rows = OrderedDict()  # the six features of a token, as bytes -> its row in _vectors; oldest use first
        self._vectors = numpy.zeros((CACHE_ROWS, self.layers[0][0][2]), dtype="float32")
        self._free, self._next = [], 0  # rows given back by eviction; the first row never used
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self._free, self._next = [], 0

    def _take_rows(self, n: int, keep: int) -> list | None:
        """n rows of _vectors for new tokens, or None if there is no room without forgetting the
        `keep` most recently used (the batch's own). When the memory is full, the least recently
        used quarter of it (or as many as needed, if more) is forgotten first."""
        rows = self._rows
        if len(rows) + n > CACHE_ROWS:
            needed, evictable = len(rows) + n - CACHE_ROWS, len(rows) - keep
            if needed > evictable:
                return None
            self._free += [rows.popitem(last=False)[1] for _ in range(min(evictable, max(needed, CACHE_ROWS // 4)))]
        taken = [self._free.pop() for _ in range(min(n, len(self._free)))]
        fresh = n - len(taken)
        taken += range(self._next, self._next + fresh)
        self._next += fresh
        return taken

    def embed(self, feats):
        """Layer 0 (embedding and maxout) for an (n, 6) array of token features."""
        keys = [feats[i].tobytes() for i in range(len(feats))]
        with self._lock:
            rows = self._rows
            new = {k: i for i, k in enumerate(keys) if k not in rows}  # each new token: one of its rows in feats
            seen = {k for k in keys if k not in new}
            for k in seen:
                rows.move_to_end(k)
            if new:
                taken = self._take_rows(len(new), keep=len(seen))
                if taken is None:  # a batch too big for the memory: nothing remembered
                    return self._layer(self._hashed(feats), self.layers[0])
                self._vectors[taken] = self._layer(self._hashed(feats[list(new.values())]), self.layers[0])
                rows.update(zip(new, taken))
            return self._vectors[[rows[k] for k in keys]]

    def _hashed(self, feats):
        ops, parts = self.ops, []
        for column, seed, E in self.embeds:
            keys = ops.hash(ops.as_contig(feats[:, column], dtype="uint64"), seed) % E.shape[0]
            parts.append(ops.gather_add(E, keys))
        return ops.xp.hstack(parts)

    def _layer(self, X, layer):
        (W, b, nO, nP), G, beta = layer
        Y = self.ops.gemm(X, W, trans2=True)
        Y += b
        best, _ = self.ops.maxout(Y.reshape(Y.shape[0], nO, nP))
        mu = best.mean(axis=1, keepdims=True)
        var = best.var(axis=1, keepdims=True) + 1e-08
        out = (best - mu) * var ** (-1.0 / 2.0) * G
        out += beta
        return out

    def __call__(self, docs: list) -> list:
        """Token vectors for each doc (at least one not empty), as thinc's network computes them."""
        ops, pad = self.ops, self.pad
        feats = [ops.asarray2i(doc.to_array(self.columns), dtype="uint64") for doc in docs]
        lengths = [len(f) for f in feats]
        X0 = self.embed(numpy.concatenate(feats))
        # thinc's layout: pad rows, doc, pad rows, doc, ..., pad rows (empty docs take no place)
        X = ops.flatten(ops.unflatten(X0, ops.asarray1i(lengths)), pad=pad)
        for layer in self.layers[1:]:  # each layer drops the outermost row at either end
            X = X[1:-1] + self._layer(ops.seq2col(X, 1)[1:-1], layer)
        out, at = [], 0   # X now starts at the first doc's first token
        for n in lengths:
            out.append(X[at: at + n])
            at += n + pad if n else 0
        return out


def _maxout_weights(m):
    nO, nP, nI = m.get_dim("nO"), m.get_dim("nP"), m.get_dim("nI")
    return m.get_param("W").reshape(nO * nP, nI), m.get_param("b").reshape(nO * nP), nO, nP


_installed: dict = {}  # id(model) -> (Tok2Vec, thinc's forward)


def install(model) -> bool:
    """Run `model` (a tok2vec network) through Tok2Vec when predicting."""
    windows = [n.attrs.get("window_size") for n in model.walk() if n.name == "expand_window"]
    if model.name != ARCHITECTURE or windows != [1] * 4 or model.layers[-1].attrs.get("pad") != 4:
        return False  # each layer here trims one row at either end: four window-1 layers, four pad rows
    fast, thinc_forward = Tok2Vec(model), model._func

    def forward(m, docs, is_train):
        if is_train or not any(len(d) for d in docs):
            return thinc_forward(m, docs, is_train)
        return fast(docs), _inference_only

    model._func = forward
    _installed[id(model)] = (fast, thinc_forward)
    return True


def reference(model, docs: list) -> list:
    """What thinc's own layers predict for `docs` (for tests)."""
    return _installed[id(model)][1](model, docs, False)[0]


def clear_cache() -> None:
    """Forget every remembered embedding (a cold start, for benchmarks and tests)."""
    for fast, _ in _installed.values():
        fast.clear()


def _inference_only(_):
    raise RuntimeError("no gradient from a prediction: train with is_train=True, which runs thinc's layers")
