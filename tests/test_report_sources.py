"""insights.sources and insights.extract: mbox, maildir and JSONL in; bad input skipped or
handled with a reason, never an exception."""
import pytest

import mailkit as mk
from givefirst.insights import extract, sources


def _mails(path):
    out, skipped = [], []
    for raw in sources.read(path):
        try:
            out.append(extract.extract(raw))
        except extract.Skip as e:
            skipped.append(str(e))
    return out, skipped


def test_mbox_with_bad_inputs(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MESSAGE_BYTES", 200_000)
    bad = mk.bad_messages()
    path = mk.write_mbox(tmp_path / "Sent.mbox", mk.good_messages() + [m for m, _ in bad], huge_bytes=300_000,
                         truncate=True)
    mails, skipped = _mails(path)
    assert sorted(skipped) == ["no text part", "only quoted or forwarded text", "too large"]  # truncated: no body
    by_body = {m.text.split("\n")[-1][:20]: m for m in mails}
    assert len(mails) == len(mk.good_messages()) + 5
    html = next(m for m in mails if "html" in m.notes)
    assert "cleaned dataset" in html.text and "quote me" not in html.text and "<p>" not in html.text
    attached = next(m for m in mails if "deck is attached" in m.text)
    assert "PNG" not in attached.text
    assert next(m for m in mails if "no date" in m.notes).date is None
    undecodable = next(m for m in mails if "undecodable" in m.notes)
    assert "book the room" in undecodable.text
    assert all(m.sent for m in mails)  # "Sent" in the mbox's name
    assert by_body


def test_mbox_escaped_from_lines_and_quotes(tmp_path):
    body = "Hi Sam,\n\nFrom what I saw, the fix works. Could you merge it?\n\nOn Mon, Sam wrote:\n> Could you test it?"
    path = mk.write_mbox(tmp_path / "x.mbox", [mk.message(mk.SAM, "Mon, 05 Feb 2024 09:00:00 +0000", body)])
    (mail,), _ = _mails(path)
    assert mail.text.startswith("Hi Sam,\n\nFrom what I saw") and "Could you test it" not in mail.text
    assert mail.to == (mk.SAM,) and mail.sender == mk.ME and mail.date.year == 2024


def test_maildir_and_sent_subfolder(tmp_path):
    root = tmp_path / "Mail"
    mk.write_maildir(root, [mk.message(mk.ME, "Mon, 05 Feb 2024 09:00:00 +0000", "Can you help?", sender=mk.DANA)])
    mk.write_maildir(root / ".Sent", mk.good_messages())
    raws = list(sources.read(root))
    assert len(raws) == 1 + len(mk.good_messages())
    heads = [extract.headers(r) for r in raws]
    assert sum(h.sent for h in heads) == len(mk.good_messages())


def test_jsonl_with_a_broken_line(tmp_path):
    path = mk.write_jsonl(tmp_path / "sent.jsonl", mk.good_messages())
    mails, skipped = _mails(path)
    assert len(mails) == len(mk.good_messages()) and skipped == ["unreadable"]


def test_not_a_mailbox(tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(sources.SourceError):
        list(sources.read(tmp_path / "notes.txt"))
    with pytest.raises(sources.SourceError):
        list(sources.read(tmp_path / "missing.mbox"))


def test_html_to_text_keeps_blocks_and_drops_quotes_and_signature():
    html = ('<div dir="ltr">Hi Dana,<div><br></div><div>I fixed the build &amp; the docs.</div>'
            '<div class="gmail_signature"><div>Alex | Chief Widgeteer</div></div></div>'
            '<div class="gmail_quote"><div>On Mon wrote:</div><blockquote>earlier words</blockquote></div>'
            '<script>alert(1)</script><p>Unclosed <b>bold')
    text = extract.html_to_text(html)
    assert text.splitlines()[0] == "Hi Dana," and "I fixed the build & the docs." in text
    assert "Widgeteer" not in text and "earlier words" not in text and "alert" not in text and "Unclosed bold" in text


def test_a_50_mb_message_is_skipped_not_parsed(tmp_path):
    mbox = mk.write_mbox(tmp_path / "Sent.mbox", mk.good_messages()[:1], huge_bytes=50 * 2**20)
    md = mk.write_maildir(tmp_path / "md", mk.good_messages()[:1])
    (md / "new" / "huge").write_bytes(b"From: me@example.com\nTo: sam@example.org\n\n" + b"x" * (50 * 2**20))
    for path in (mbox, md):
        mails, skipped = _mails(path)
        assert len(mails) == 1 and skipped == ["too large"]
