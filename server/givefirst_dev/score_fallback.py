"""Copy of ../shared/eval/score.py's matching (PRF, span_score), used by evaluate.py only when that file is absent.

A predicted span is a hit when it overlaps a gold span; a predicted span that
overlaps no gold span and no `dontcare` span is a false alarm (LABELING.md).
"""


def spans_of(text, phrases):
    out = []
    for p in phrases:
        i = text.find(p)
        assert i >= 0, p
        out.append((i, i + len(p)))
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp=0, fp=0, fn=0):
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def span_score(prf, text, pred, gold_phrases, dontcare, errors, case_id, label):
    gold = spans_of(text, gold_phrases)
    dc = spans_of(text, dontcare)
    hit = [False] * len(gold)
    for sp in pred:
        matched = [i for i, g in enumerate(gold) if overlaps(sp, g)]
        if matched:
            for i in matched:
                hit[i] = True
        elif any(overlaps(sp, d) for d in dc):
            continue
        else:
            prf.add(fp=1)
            errors.append(f"{case_id}: {label} FP {text[sp[0]:sp[1]]!r}")
    for i, h in enumerate(hit):
        if h:
            prf.add(tp=1)
        else:
            prf.add(fn=1)
            errors.append(f"{case_id}: {label} FN {gold_phrases[i]!r}")
