// Maps a compose body's DOM to the plain text sent to the service, and offsets in that text back to DOM points.
// Offsets are UTF-16 code units (JavaScript string indices), the service's default unit. Every text node's data
// lands in the text one-for-one (same length), so an offset maps to a node and an offset inside it; newlines
// for block elements and <br>, and the space an <img> or a contenteditable=false island (Gmail's Drive and
// attachment chips) stands for, are synthetic and belong to no node: an island is neither analysed nor rewritten.
// What else is left out (quoted text, signature) is the mail client's: rules(...) from adapters.js; the default
// is Gmail's. Pure: uses only nodeType, nodeName, childNodes, data, classList, id, getAttribute, parentNode and
// nextSibling.
const GiveFirstTextMap = (() => {
  const TEXT = 3;
  const ELEMENT = 1;
  const BLOCK = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
    'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD',
    'TH', 'TR', 'UL',
  ]);
  const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const SPACE_TAGS = new Set(['IMG', 'SVG', 'svg', 'VIDEO', 'IFRAME', 'OBJECT', 'EMBED', 'INPUT', 'BUTTON']);
  const FORMATTING_WHITESPACE = /^[ \t\n\r]+$/;

  function idMatches(el, ids) {
    const id = el.id || (el.getAttribute && el.getAttribute('id')) || '';
    return Boolean(id) && ids.some((name) => id === name || id.endsWith(`_${name}`));
  }

  // What a mail client leaves out of the writer's text: elements with one of classes or ids (and their insides),
  // elements with an attribute of the given value, and everything from a stopIds element on (Outlook's quote).
  function rules({ classes = [], ids = [], attributes = [], stopIds = [] } = {}) {
    return {
      skip(el) {
        const cl = el.classList;
        if (cl && classes.some((c) => cl.contains(c))) return true;
        if (ids.length && idMatches(el, ids)) return true;
        return Boolean(el.getAttribute) && attributes.some(([name, value]) => el.getAttribute(name) === value);
      },
      stop: (el) => stopIds.length > 0 && idMatches(el, stopIds),
    };
  }

  // Gmail: the quoted reply or forward (.gmail_quote, its container and attribution line, "gmail_extra" in older
  // drafts), the signature and the "-- " before it, the "..." that shows trimmed content.
  const GMAIL = rules({
    classes: ['gmail_quote', 'gmail_quote_container', 'gmail_attr', 'gmail_extra', 'gmail_signature',
      'gmail_signature_prefix', 'ajR'],
    attributes: [['data-smartmail', 'gmail_signature']],
  });

  function isSkipped(el, r = GMAIL) {
    if (SKIPPED_TAGS.has(el.nodeName)) return true;
    if (el.getAttribute && el.getAttribute('contenteditable') === 'false') return true;
    if (r.skip(el)) return true;
    return Boolean(el.style && el.style.display === 'none');
  }

  // The writer's text under root, and segments [{node, start, end}] in text order.
  function build(root, r = GMAIL) {
    const parts = [];
    const segments = [];
    let length = 0;
    let last = '';

    function emit(s) {
      parts.push(s);
      length += s.length;
      last = s[s.length - 1];
    }
    function lineBreak() {
      if (length > 0 && last !== '\n') emit('\n');
    }
    let stopped = false;
    function walk(node) {
      for (let child = node.firstChild; child && !stopped; child = child.nextSibling) {
        if (child.nodeType === ELEMENT && r.stop(child)) {
          stopped = true;
          return;
        }
        if (child.nodeType === TEXT) {
          const data = child.data;
          if (!data) continue;
          // Source formatting between blocks (never typed by a writer) would add stray spaces.
          if (FORMATTING_WHITESPACE.test(data) && (length === 0 || last === '\n')) continue;
          segments.push({ node: child, start: length, end: length + data.length });
          emit(data.replace(/[\u00a0\t\n\r]/g, ' '));
        } else if (child.nodeType === ELEMENT && isSkipped(child, r)) {
          // An island (a chip) or an image stands between words: a space, so "see<img>below" stays two words.
          const island = child.getAttribute && child.getAttribute('contenteditable') === 'false';
          if (island && BLOCK.has(child.nodeName)) lineBreak();
          else if (island && length > 0 && last !== ' ' && last !== '\n') emit(' ');
        } else if (child.nodeType === ELEMENT) {
          if (child.nodeName === 'BR') {
            emit('\n');
            continue;
          }
          if (SPACE_TAGS.has(child.nodeName)) {
            if (length > 0 && last !== ' ' && last !== '\n') emit(' ');
            continue;
          }
          const block = BLOCK.has(child.nodeName);
          if (block) lineBreak();
          walk(child);
          if (block) lineBreak();
        }
      }
    }

    walk(root);
    // Newlines are all synthetic (text nodes' own become spaces), so trailing ones are dropped safely.
    return { text: parts.join('').replace(/\n+$/, ''), segments, root, rules: r };
  }

  // Index of the first segment whose end is after offset (binary search).
  function firstEndingAfter(segments, offset) {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  // Text-node pieces [{node, from, to}] covering [start, end); synthetic newlines are skipped.
  function pieces(map, start, end) {
    const out = [];
    const segs = map.segments;
    for (let i = firstEndingAfter(segs, start); i < segs.length && segs[i].start < end; i++) {
      const seg = segs[i];
      const from = Math.max(start, seg.start) - seg.start;
      const to = Math.min(end, seg.end) - seg.start;
      if (to > from) out.push({ node: seg.node, from, to });
    }
    return out;
  }

  // DOM points for [start, end), or null when the span covers no text node.
  function points(map, start, end) {
    const p = pieces(map, start, end);
    if (!p.length) return null;
    const first = p[0];
    const last = p[p.length - 1];
    return { start: { node: first.node, offset: first.from }, end: { node: last.node, offset: last.to } };
  }

  // The DOM point for a caret at offset (an empty span, such as an insertion), or null in an empty text.
  function caretPoint(map, offset) {
    const segs = map.segments;
    const seg = segs[firstEndingAfter(segs, offset - 1)];
    if (seg) return { node: seg.node, offset: Math.max(0, offset - seg.start) };
    const last = segs[segs.length - 1];
    return last ? { node: last.node, offset: last.end - last.start } : null;
  }

  // A live DOM Range for [start, end) (browser only); collapsed when start === end.
  function rangeFor(map, start, end) {
    const point = start === end && caretPoint(map, start);
    const pts = point ? { start: point, end: point } : points(map, start, end);
    if (!pts) return null;
    const range = pts.start.node.ownerDocument.createRange();
    range.setStart(pts.start.node, pts.start.offset);
    range.setEnd(pts.end.node, pts.end.offset);
    return range;
  }

  // The next node after node in document order, staying inside root.
  function nextInOrder(node, root) {
    if (node.firstChild) return node.firstChild;
    for (let n = node; n && n !== root; n = n.parentNode) {
      if (n.nextSibling) return n.nextSibling;
    }
    return null;
  }

  // The text offset of a DOM point (a selection's caret), or null when it is outside the writer's text.
  function offsetAt(map, node, offset) {
    if (!map.index) map.index = new Map(map.segments.map((s, i) => [s.node, i]));
    if (node.nodeType === TEXT) {
      const i = map.index.get(node);
      return i === undefined ? null : map.segments[i].start + Math.min(offset, node.data.length);
    }
    for (let a = node; a && a !== map.root; a = a.parentNode) if (isSkipped(a, map.rules)) return null;
    // An element point sits before childNodes[offset]: use the first mapped text node from there on.
    let n = node.childNodes[offset] || null;
    if (!n) {
      n = node;
      while (n && n !== map.root && !n.nextSibling) n = n.parentNode;
      n = n && n !== map.root ? n.nextSibling : null;
    }
    for (; n; n = nextInOrder(n, map.root)) {
      const i = map.index.get(n);
      if (i !== undefined) return map.segments[i].start;
    }
    return map.text.length;
  }

  return { build, rules, GMAIL, pieces, points, caretPoint, rangeFor, offsetAt };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstTextMap;
