"""An HTML mail body -> its visible text, one line per block, without quotes and signatures.

For HTML-only mail: Gmail's quote (`.gmail_quote`) and signature
(`.gmail_signature`), Outlook's reply header (`#divRplyFwdMsg`,
`#appendonsend`) and signature (`#Signature`), `<blockquote>`, scripts and
styles are not the writer's words for this message, so they are dropped
before text.prepare sees the text (which then masks plain-text quotes as
for any draft). The standard library's HTMLParser copes with broken markup;
an element left open is closed with the element around it.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_DROP_TAGS = {"script", "style", "head", "title", "blockquote"}
_DROP_CLASSES = {"gmail_quote", "gmail_signature", "gmail_extra"}
_DROP_IDS = {"divrplyfwdmsg", "appendonsend", "signature"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, dropped: it or an element around it)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        drop = (tag in _DROP_TAGS or bool(set((a.get("class") or "").split()) & _DROP_CLASSES)
                or (a.get("id") or "").lower() in _DROP_IDS)
        if tag in _BLOCK and not self.dropped:
            self.out.append("\n")
        if tag not in _VOID:
            self.stack.append((tag, self.dropped or drop))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if any(t == tag for t, _ in self.stack):  # close it and anything left open inside it
            while self.stack.pop()[0] != tag:
                pass
        if tag in _BLOCK and not self.dropped:
            self.out.append("\n")

    @property
    def dropped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_data(self, data):
        if not self.dropped:
            self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one line per block; quotes and signatures left out."""
    p = _Text()
    p.feed(html)
    p.close()
    text = "".join(p.out).replace("\xa0", " ")
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
