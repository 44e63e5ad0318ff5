"""Show how the analyzer reads labelled drafts: sentence roles and findings.

Usage: python scripts/explain.py CASES.jsonl ID [ID ...]
"""
import json
import sys

import givefirst


def main(path, ids):
    cases = {c["id"]: c for c in map(json.loads, open(path, encoding="utf-8"))}
    for cid in ids:
        c = cases[cid]
        r = givefirst.analyze(c["text"], context=c.get("context"), offsets="codepoint")
        print(f"== {cid}  gold: asks={c['asks']} violation={c['violation']} ditf={c['ditf']} und={c['undermining']}")
        for s in r["structure"]["sentences"]:
            print(f"   {','.join(s['roles']) or '-':<22} {c['text'][s['start']:s['end']]!r}")
        for f in r["findings"]:
            if f["category"] != "readability":
                print(f"   -> {f['rule']}: {f['text']!r}")
        print(f"   ditf: {r['structure']['door_in_the_face']}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
