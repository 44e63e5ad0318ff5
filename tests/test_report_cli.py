"""`givefirst report` end to end: small mailboxes with bad input in, one self-contained page
out, whose numbers are those of per-email analyze(); --no-examples, --by-sender, Ctrl-C, and
the same page from a Dask LocalCluster with two workers."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

import givefirst
import mailkit as mk
from givefirst import cli
from givefirst.insights import extract, sources


def headline(html: str) -> dict:
    block = html[html.index('class="headline"'): html.index("</ul>", html.index('class="headline"'))]
    return {k: float(v) for k, v in re.findall(r'data-key="(\w+)">([^<]*)<', block)}


def recipients(html: str) -> dict:
    rows = {}
    for row in re.findall(r"<tr>(<td data-key=\"recipient\">.*?)</tr>", html):
        cells = dict(re.findall(r'data-key="(\w+)">([^<]*)<', row))
        rows[cells.pop("recipient")] = cells
    return rows


def expected(path, me=mk.ME) -> tuple[dict, dict]:
    """The headline and per-recipient figures computed here from analyze(), one email at a time."""
    tot, per = Counter(), {}
    n = 0
    for raw in sources.read(path):
        try:
            m = extract.extract(raw)
        except extract.Skip:
            continue
        if m.sender != me:
            continue
        r = givefirst.analyze(m.text, offsets="codepoint")
        cats = Counter(f["category"] for f in r["findings"])
        kinds = Counter(a["kind"] for a in r["structure"]["asks"])
        c = Counter(gives=len(r["structure"]["offers"]), favour_asks=kinds["favour"], routine_asks=kinds["routine"],
                    undermining=cats["undermining"], weak=cats["weak-phrasing"], ask_before_giving=cats["value-first"])
        n += 1
        tot.update(c)
        for to in m.to:
            per.setdefault(to, Counter()).update(c + Counter(emails=1))
    head = {"emails": n, "gives": tot["gives"], "ask_before_giving": round(100 * tot["ask_before_giving"] / n, 1),
            "undermining": round(100 * tot["undermining"] / n, 1), "weak": round(100 * tot["weak"] / n, 1),
            "asks_per_email": round((tot["favour_asks"] + tot["routine_asks"]) / n, 2)}
    return head, per


@pytest.fixture()
def mbox(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MESSAGE_BYTES", 300_000)
    return mk.write_mbox(tmp_path / "takeout.mbox", mk.good_messages() + [m for m, _ in mk.bad_messages()],
                         huge_bytes=400_000, truncate=True)


def test_report_numbers_match_per_email_analyze(mbox, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert cli.main(["report", str(mbox), "-o", str(out), "--me", mk.ME, "-q"]) == 0
    html = out.read_text(encoding="utf-8")
    head, per = expected(mbox)
    assert headline(html) == pytest.approx(head)
    assert head["emails"] == len(mk.good_messages()) + 4  # html-only, attachment, no date, undecodable
    rows = recipients(html)
    assert set(rows) == set(per)
    for addr, c in per.items():
        assert {k: int(rows[addr][k]) for k in ("emails", "gives", "favour_asks", "routine_asks")} == \
            {k: c[k] for k in ("emails", "gives", "favour_asks", "routine_asks")}
    handled = dict(re.findall(r"<tr><td>([^<]*)</td><td class=n data-key=\"handled\">(\d+)<", html))
    assert handled["skipped: too large"] == "1" and handled["skipped: no text part"] == "1"
    assert handled["no date (not in the trends)"] == "1" and handled["HTML only, read as text"] == "1"
    assert "undecodable characters replaced" in handled
    # self-contained: no scripts and nothing loaded from anywhere
    assert "<script" not in html and not re.search(r"(?:src|href)=\"(?:https?:)?//", html) and "@import" not in html
    assert "<svg" in html and "<table" in html and mk.CANARY in html  # examples shown by default
    assert not list(tmp_path.glob(".report.html.*"))


def test_no_examples_leaves_the_text_out(mbox, tmp_path):
    out = tmp_path / "share.html"
    assert cli.main(["report", str(mbox), "-o", str(out), "--me", mk.ME, "--no-examples", "-q"]) == 0
    html = out.read_text(encoding="utf-8")
    assert mk.CANARY not in html and "<blockquote>" not in html and "Could you" not in html


def test_writer_inferred_from_sent_label_and_since(tmp_path, capsys):
    msgs = mk.good_messages() + [mk.message(mk.ME, "Fri, 17 May 2024 09:00:00 +0000", "Could you help?", sender=mk.DANA)]
    for m in msgs:
        m["X-Gmail-Labels"] = "Sent" if m["From"] == mk.ME else "Inbox"
    path = mk.write_mbox(tmp_path / "all.mbox", msgs)
    out = tmp_path / "r.html"
    assert cli.main(["report", str(path), "-o", str(out), "--since", "2024-04-01", "-q"]) == 0
    assert headline(out.read_text())["emails"] == 3  # 3 Apr, 18 Apr, 6 May


def test_since_leaves_undated_mail_out_and_counts_it(tmp_path):
    msgs = mk.good_messages() + [mk.message(mk.DANA, None, "Could you help with the rota?")]
    path = mk.write_mbox(tmp_path / "sent.mbox", msgs)
    out = tmp_path / "r.html"
    assert cli.main(["report", str(path), "-o", str(out), "--me", mk.ME, "--since", "2024-04-01", "-q"]) == 0
    page = out.read_text()
    assert headline(page)["emails"] == 3  # the dated ones since 1 Apr; the undated one may be older
    assert "no date, so left out by --since" in page


def test_bad_source_exits_2_without_traceback(tmp_path):
    (tmp_path / "notes.txt").write_text("not mail\n")
    p = subprocess.run([sys.executable, "-m", "givefirst", "report", str(tmp_path / "notes.txt"), "-o",
                        str(tmp_path / "r.html")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "not an mbox" in p.stderr
    assert not (tmp_path / "r.html").exists()


def test_interrupt_leaves_no_file(mbox, tmp_path, monkeypatch, capsys):
    from givefirst.insights import batch

    def interrupted(*a, **k):
        yield from ()
        raise KeyboardInterrupt
    monkeypatch.setattr(batch, "run", interrupted)
    assert cli.main(["report", str(mbox), "-o", str(tmp_path / "r.html"), "-q"]) == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["takeout.mbox"]
    assert "nothing was written" in capsys.readouterr().err


def test_by_sender_pages_and_a_team_page_without_text(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    mk.write_mbox(team / "alex.mbox", mk.good_messages(mk.ME))
    mk.write_maildir(team / "kim", mk.good_messages("kim@example.com")[:3])
    out = tmp_path / "pages"
    assert cli.main(["report", str(team / "alex.mbox"), str(team / "kim"), "-o", str(out), "--by-sender", "-q"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["index.html", "sender-kim@example.com.html", "sender-me@example.com.html"]
    index = (out / "index.html").read_text()
    assert headline(index)["emails"] == len(mk.good_messages()) + 3
    assert mk.CANARY not in index and mk.DANA not in index and "<blockquote>" not in index


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_page(tmp_path):
    """Two worker processes (a Dask LocalCluster) write the page one process writes."""
    path = mk.write_mbox(tmp_path / "m.mbox", mk.good_messages() * 3)
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    base = [sys.executable, "-m", "givefirst", "report", str(path), "--me", mk.ME, "-q"]
    p1 = subprocess.run(base + ["-o", str(one)], capture_output=True, text=True, timeout=300)
    p2 = subprocess.run(base + ["-o", str(two), "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert p1.returncode == 0 and p2.returncode == 0, p2.stderr[-2000:]
    assert "Traceback" not in p2.stderr
    assert headline(two.read_text()) == headline(one.read_text())
    assert recipients(two.read_text()) == recipients(one.read_text())


@pytest.mark.slow
def test_existing_scheduler_runs_the_same_code(tmp_path):
    """--scheduler tcp://...: the batch runs on a cluster someone else started (here, one LocalCluster worker)."""
    from distributed import LocalCluster
    path = mk.write_mbox(tmp_path / "m.mbox", mk.good_messages())
    local = tmp_path / "local.html"
    assert cli.main(["report", str(path), "--me", mk.ME, "-q", "-o", str(local)]) == 0
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "remote.html"
        assert cli.main(["report", str(path), "--me", mk.ME, "-q", "-o", str(out),
                         "--scheduler", cluster.scheduler_address]) == 0
    assert headline(out.read_text()) == headline(local.read_text())


def test_an_email_the_analyzer_fails_on_is_counted_not_fatal(mbox, tmp_path, monkeypatch):
    import givefirst.analysis as analysis
    real = analysis.analyze

    def flaky(text, **kw):
        if "Q3 numbers" in text:
            raise RuntimeError(text)  # a message that quotes the email: it must not be shown
        return real(text, **kw)

    def no_batch(texts, **kw):
        raise RuntimeError("batch failed")
    monkeypatch.setattr(analysis, "analyze", flaky)
    monkeypatch.setattr(analysis, "analyze_many", no_batch)
    out = tmp_path / "r.html"
    assert cli.main(["report", str(mbox), "-o", str(out), "--me", mk.ME, "-q"]) == 0
    html = out.read_text()
    assert headline(html)["emails"] == len(mk.good_messages()) + 3
    assert 'skipped: analysis failed</td><td class=n data-key="handled">1<' in html
