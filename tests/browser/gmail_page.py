"""What a test does and sees on the Gmail-like fixture: typing into a compose body, and reading the underlines,
card and chip the extension draws. Geometry comes from the page itself (text-node ranges found here, not by the
extension's own mapping), so a test compares the extension's drawing with where the words really are."""
from __future__ import annotations

OVERLAY = "#givefirst-overlay"

# Viewport rects of the nth occurrence of a phrase in a compose body's text nodes, one rect per line.
_PHRASE_RECTS = """([selector, phrase, nth]) => {
  const box = document.querySelector(selector);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  all = all.replace(/\\u00a0/g, ' ');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = all.indexOf(phrase, at + 1);
  if (at < 0) return null;
  const end = at + phrase.length;
  const rects = [];
  for (const [node, start] of nodes) {
    const from = Math.max(at, start), to = Math.min(end, start + node.data.length);
    if (to <= from) continue;
    const r = document.createRange();
    r.setStart(node, from - start); r.setEnd(node, to - start);
    rects.push(...[...r.getClientRects()].filter(x => x.width > 0));
  }
  const lines = [];
  for (const r of rects) {
    const line = lines.find(l => Math.abs(l.bottom - r.bottom) < 4);
    if (line) { line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right); line.top = Math.min(line.top, r.top); }
    else lines.push({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  }
  return lines.sort((a, b) => a.top - b.top);
}"""

# The underlines a writer sees: the extension's CSS highlights (gf-u-<category>, gf-i-<category>), one line per
# line of text under each highlighted range (the text nodes' own rects, merged per line), cut to what the compose
# body and its scrolling ancestors show; plus the overlay's .gf-line elements where highlights are not available.
# A highlight's underline is painted 1-2 px below the words' box (text-underline-offset), as top..bottom here.
_UNDERLINES = """() => {
  const out = [];
  const clipOf = (node) => {
    let el = node.parentElement.closest('[contenteditable="true"]') || node.parentElement;
    const b = el.getBoundingClientRect();
    let c = {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
    for (let a = el.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') { const r = a.getBoundingClientRect();
        c = {left: Math.max(c.left, r.left), top: Math.max(c.top, r.top), right: Math.min(c.right, r.right), bottom: Math.min(c.bottom, r.bottom)}; }
    }
    return {left: Math.max(c.left, 0), top: Math.max(c.top, 0), right: Math.min(c.right, innerWidth), bottom: Math.min(c.bottom, innerHeight)};
  };
  for (const [name, highlight] of CSS.highlights) {
    const m = /^gf-([ui])-(.+)$/.exec(name);
    if (!m) continue;
    for (const range of highlight) {
      if (range.collapsed || !range.startContainer.isConnected) continue;
      const root = range.commonAncestorContainer;
      const walker = document.createTreeWalker(root.nodeType === 3 ? root.parentNode : root, NodeFilter.SHOW_TEXT);
      const lines = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!range.intersectsNode(n)) continue;
        const r = document.createRange();
        r.setStart(n, n === range.startContainer ? range.startOffset : 0);
        r.setEnd(n, n === range.endContainer ? range.endOffset : n.data.length);
        for (const x of r.getClientRects()) {
          if (x.width <= 0) continue;
          const line = lines.find(l => Math.abs(l.bottom - x.bottom) < 4);
          if (line) { line.left = Math.min(line.left, x.left); line.right = Math.max(line.right, x.right); }
          else lines.push({left: x.left, right: x.right, bottom: x.bottom});
        }
      }
      const clip = clipOf(range.startContainer);
      for (const l of lines) {
        const left = Math.max(l.left, clip.left), right = Math.min(l.right, clip.right);
        if (right <= left || l.bottom > clip.bottom + 1 || l.bottom - 4 < clip.top) continue;
        out.push({category: m[2], info: m[1] === 'i', left, right, top: l.bottom, bottom: l.bottom + 2});
      }
    }
  }
  const overlay = document.querySelector('#givefirst-overlay');
  for (const l of overlay ? overlay.shadowRoot.querySelectorAll('.gf-line') : []) {
    const r = l.getBoundingClientRect();
    out.push({category: l.dataset.category, info: l.classList.contains('gf-info'), left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  }
  return out;
}"""

# Whether an underline of the category is painted anywhere (for wait_for_function).
def has_underline_js(category: str) -> str:
    return (f"() => [...CSS.highlights.keys()].some(n => n === 'gf-u-{category}' || n === 'gf-i-{category}')"
            f" && [...CSS.highlights.get('gf-u-{category}') || []].concat([...CSS.highlights.get('gf-i-{category}') || []])"
            ".some(r => r.startContainer.isConnected && !r.collapsed)")


_SETTLED = """() => [...document.querySelector('#givefirst-overlay').shadowRoot.querySelectorAll('.gf-layer')]
  .every(l => l.dataset.pending !== 'true')"""

# The writer's part of a compose body as the user sees it: above the signature and the quoted reply.
_WRITER_TEXT = """(selector) => {
  const box = document.querySelector(selector);
  return box.innerText.replace(/\\u00a0/g, ' ').split(/\\n-- ?\\n|\\nOn [^\\n]* wrote:/)[0].replace(/\\n+$/, '');
}"""

_TEXT_BEFORE_CARET = """(selector) => {
  const box = document.querySelector(selector);
  const sel = getSelection();
  if (!sel.rangeCount || !box.contains(sel.focusNode)) return null;
  const r = document.createRange();
  r.setStart(box, 0); r.setEnd(sel.focusNode, sel.focusOffset);
  return r.toString().replace(/\\u00a0/g, ' ');
}"""

# Puts the caret at the start of the compose body's first line, as a click there would.
_CARET_AT_START = """(selector) => {
  const box = document.querySelector(selector);
  box.focus();
  const r = document.createRange();
  r.setStart(box.firstChild, 0);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
}"""


class GmailPage:
    def __init__(self, page):
        self.page = page
        self.card = page.locator(".gf-card")

    def start_typing(self, selector: str) -> None:
        self.page.evaluate(_CARET_AT_START, selector)

    def type(self, text: str, delay: float = 0) -> None:
        self.page.keyboard.type(text, delay=delay)

    def wait_settled(self, timeout: float = 10_000) -> None:
        self.page.wait_for_function(_SETTLED, timeout=timeout)

    def underlines(self, category: str | None = None) -> list[dict]:
        lines = self.page.evaluate(_UNDERLINES)
        return [u for u in lines if category is None or u["category"] == category]

    def phrase_lines(self, selector: str, phrase: str, nth: int = 0) -> list[dict]:
        lines = self.page.evaluate(_PHRASE_RECTS, [selector, phrase, nth])
        assert lines, f"{phrase!r} is not in {selector}"
        return lines

    def box_rect(self, selector: str) -> dict:
        return self.page.locator(selector).bounding_box()

    def writer_text(self, selector: str) -> str:
        return self.page.evaluate(_WRITER_TEXT, selector)

    def text_before_caret(self, selector: str) -> str | None:
        return self.page.evaluate(_TEXT_BEFORE_CARET, selector)

    def click_words(self, selector: str, phrase: str) -> None:
        """Clicks the middle of the phrase's first line: on the words, not on the underline below them."""
        line = self.phrase_lines(selector, phrase)[0]
        self.page.mouse.click((line["left"] + line["right"]) / 2, (line["top"] + line["bottom"]) / 2)

    def chip_in(self, selector: str):
        """The chip drawn inside the given compose body's rect (chips sit at a body's bottom right)."""
        box = self.box_rect(selector)
        chips = self.page.locator(".gf-chip:visible")
        for i in range(chips.count()):
            r = chips.nth(i).bounding_box()
            if r and box["x"] <= r["x"] and r["x"] + r["width"] <= box["x"] + box["width"] + 1 \
                    and box["y"] <= r["y"] and r["y"] + r["height"] <= box["y"] + box["height"] + 1:
                return chips.nth(i)
        return None

    def underlines_in(self, selector: str, category: str | None = None) -> list[dict]:
        box = self.box_rect(selector)
        return [u for u in self.underlines(category)
                if box["x"] - 1 <= u["left"] and u["right"] <= box["x"] + box["width"] + 1
                and box["y"] - 1 <= u["top"] <= box["y"] + box["height"] + 1]


def assert_underlined(gmail: GmailPage, selector: str, phrase: str, category: str, nth: int = 0) -> None:
    """The category's underlines in the body are exactly under the phrase: same lines, same left and right edges."""
    want = gmail.phrase_lines(selector, phrase, nth)
    got = [u for u in gmail.underlines_in(selector, category)
           if any(abs(u["bottom"] - 1 - line["bottom"]) < 3 for line in want)]
    got = [u for u in got if any(u["left"] < line["right"] and u["right"] > line["left"] for line in want)]
    assert len(got) == len(want), f"{category} underlines {got} for the lines of {phrase!r} {want}"
    for u, line in zip(sorted(got, key=lambda u: u["top"]), want):
        assert abs(u["left"] - line["left"]) <= 1.5 and abs(u["right"] - line["right"]) <= 1.5, (
            f"underline {u} is not under {phrase!r} at {line}")
        assert 0 <= u["top"] - line["bottom"] + 1 <= 3, f"underline {u} is not just below {phrase!r} at {line}"


def wait_for_request(page, analyze_requests: list, predicate, timeout_ms: int = 10_000) -> dict:
    """The first analyze request matching predicate, waiting for it (requests arrive as Playwright events)."""
    for _ in range(timeout_ms // 50):
        match = next((r for r in analyze_requests if predicate(r)), None)
        if match:
            return match
        page.wait_for_timeout(50)
    raise AssertionError(f"no analyze request matched within {timeout_ms} ms; "
                         f"sent: {[r['body'].get('text') for r in analyze_requests]}")


def request_for(page, analyze_requests: list, text: str) -> dict:
    """The analyze request that carried exactly this draft text (the one this test caused)."""
    return wait_for_request(page, analyze_requests, lambda r: r["body"].get("text") == text)


def next_frame(page) -> None:
    """Waits two animation frames: whatever the extension draws for the current DOM is drawn."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
