const test = require('node:test');
const assert = require('node:assert/strict');
const TextMap = require('../../extension/text-map.js');
const { h, textBetween } = require('./fake-dom.js');

// Gmail's compose body: the first line as bare text, then one <div> per line, <div><br></div> for a blank line.
function gmailBody() {
  return h('div', { role: 'textbox' },
    'Hi Sam,',
    h('div', {}, h('br')),
    h('div', {}, 'Oh, no ', h('b', {}, 'big'), ' deal! See ', h('a', { href: '#' }, 'the doc'), '.'),
    h('div', {}, 'Line one', h('br'), 'line two'),
    h('div', {}, h('br')),
    h('div', {}, 'Thanks \u{1F64F} no big deal!'),
    h('span', { class: 'gmail_signature_prefix' }, '-- '),
    h('div', { class: 'gmail_signature', 'data-smartmail': 'gmail_signature' }, 'Alex, no big deal Inc.'),
    h('div', { class: 'gmail_quote' }, h('div', { class: 'gmail_attr' }, 'On Mon, Sam wrote:'),
      h('blockquote', { class: 'gmail_quote' }, 'Thanks! It was no big deal.')));
}

test('blocks and <br> become newlines, quote and signature are left out', () => {
  const { text } = TextMap.build(gmailBody());
  assert.equal(text,
    'Hi Sam,\n\nOh, no big deal! See the doc.\nLine one\nline two\n\nThanks \u{1F64F} no big deal!');
});

test('a trailing <br> in a line adds no extra line, two make a blank one', () => {
  assert.equal(TextMap.build(h('div', {}, h('div', {}, 'a', h('br')), h('div', {}, 'b'))).text, 'a\nb');
  assert.equal(TextMap.build(h('div', {}, h('div', {}, 'a', h('br'), h('br')), h('div', {}, 'b'))).text, 'a\n\nb');
});

test('non-breaking spaces read as spaces and keep their offsets', () => {
  const map = TextMap.build(h('div', {}, 'no\u00a0big deal'));
  assert.equal(map.text, 'no big deal');
  assert.equal(map.segments[0].end, 11);
});

test('source-formatting whitespace between blocks is not text', () => {
  const root = h('div', {}, '\n  ', h('div', {}, 'one'), '\n  ', h('div', {}, 'two'), '\n');
  assert.equal(TextMap.build(root).text, 'one\ntwo');
});

test('every span maps to DOM points that read back the same words', () => {
  const root = gmailBody();
  const map = TextMap.build(root);
  for (const phrase of ['no big deal', 'Oh, no big deal!', 'See the doc.', 'one\nline', 'Sam,\n\nOh', 'deal!']) {
    let from = 0;
    for (let at = map.text.indexOf(phrase); at >= 0; at = map.text.indexOf(phrase, from)) {
      const pts = TextMap.points(map, at, at + phrase.length);
      assert.equal(textBetween(root, pts), phrase.replace(/\n/g, ''), `${JSON.stringify(phrase)} at ${at}`);
      from = at + 1;
    }
  }
});

test('a span across <b> starts and ends in the right nodes', () => {
  const root = gmailBody();
  const map = TextMap.build(root);
  const at = map.text.indexOf('no big deal');
  const pts = TextMap.points(map, at, at + 'no big deal'.length);
  assert.equal(pts.start.node.data, 'Oh, no ');
  assert.equal(pts.start.offset, 4);
  assert.equal(pts.end.node.data, ' deal! See ');
  assert.equal(pts.end.offset, 5);
  const pieces = TextMap.pieces(map, at, at + 'no big deal'.length);
  assert.deepEqual(pieces.map((p) => p.node.data.slice(p.from, p.to)), ['no ', 'big', ' deal']);
});

test('offsets after an emoji count UTF-16 code units', () => {
  const root = gmailBody();
  const map = TextMap.build(root);
  const line = 'Thanks \u{1F64F} no big deal!';
  const at = map.text.indexOf(line) + 'Thanks \u{1F64F} '.length;
  assert.equal(line.length - [...line].length, 1, 'the emoji is two code units');
  const pts = TextMap.points(map, at, at + 11);
  assert.equal(pts.start.offset, 10);
  assert.equal(textBetween(root, pts), 'no big deal');
});

test('a span of synthetic newlines only has no DOM points', () => {
  const map = TextMap.build(gmailBody());
  const at = map.text.indexOf('\n\n');
  assert.equal(TextMap.points(map, at, at + 2), null);
});

test('offsetAt maps a caret in a text node, an element, and inside the quote', () => {
  const root = gmailBody();
  const map = TextMap.build(root);
  const line = root.childNodes[2];
  const bold = line.childNodes[1];
  assert.equal(map.text.slice(TextMap.offsetAt(map, bold.firstChild, 1)), map.text.slice(map.text.indexOf('ig deal!')));
  // before the <b> element: the caret is at the start of "big"
  assert.equal(TextMap.offsetAt(map, line, 1), map.text.indexOf('big'));
  // an empty line <div><br></div>: the next text after it
  assert.equal(TextMap.offsetAt(map, root.childNodes[1], 0), map.text.indexOf('Oh,'));
  const quote = root.childNodes[8];
  assert.equal(TextMap.offsetAt(map, quote.childNodes[1].firstChild, 3), null);
  assert.equal(TextMap.offsetAt(map, quote, 0), null);
  // after the last child of the root: the end of the text
  assert.equal(TextMap.offsetAt(map, root, root.childNodes.length), map.text.length);
});

test('a caret point for an insertion sits in the text node at that offset', () => {
  const root = gmailBody();
  const map = TextMap.build(root);
  const at = map.text.indexOf('See');
  const p = TextMap.caretPoint(map, at);
  assert.equal(p.node.data.slice(p.offset), 'See ');
  // at the synthetic newline after "Hi Sam,": the start of the next line's text
  const q = TextMap.caretPoint(map, map.text.indexOf('\n') + 1);
  assert.equal(q.node.data.slice(q.offset), 'Oh, no ');
  assert.equal(TextMap.caretPoint(TextMap.build(h('div', {})), 0), null);
});

test('contenteditable=false islands (chips) are skipped, and an island or an <img> reads as a space', () => {
  const root = h('div', {},
    h('div', {}, 'see', h('img', { src: 'x.png' }), 'below'),
    h('div', {}, 'the ', h('a', { contenteditable: 'false', href: '#' }, 'no big deal.xlsx'), ' file'),
    h('div', {}, 'a', h('span', { contenteditable: 'false' }, 'chip'), 'b'));
  const map = TextMap.build(root);
  assert.equal(map.text, 'see below\nthe  file\na b');
  assert.ok(map.segments.every((s) => s.node.data !== 'no big deal.xlsx'), 'an island is never rewritten');
  const below = map.text.indexOf('below');
  assert.equal(textBetween(root, TextMap.points(map, below, below + 5)), 'below');
});

test("Gmail's quote forms: forwarded, quote container, attribution line, older gmail_extra", () => {
  const root = h('div', {}, h('div', {}, 'FYI'),
    h('div', { class: 'gmail_quote gmail_quote_container' }, h('div', { class: 'gmail_attr' }, '---------- Forwarded message ---------'), 'no big deal'),
    h('div', { class: 'gmail_extra' }, 'older no big deal'),
    h('div', { class: 'ajR', role: 'button' }, '...'));
  assert.equal(TextMap.build(root).text, 'FYI');
});

test("Outlook's rules: the signature is skipped and everything from #divRplyFwdMsg or #appendonsend on is left out", () => {
  const outlook = TextMap.rules({ ids: ['Signature'], stopIds: ['divRplyFwdMsg', 'appendonsend'] });
  const body = (marker) => h('div', {}, h('div', {}, 'Thanks!'), h('div', { id: 'Signature' }, 'Alex, no big deal Inc.'),
    h('div', {}, 'after signature'), h('div', { id: marker }), h('hr'),
    h('div', { id: 'divRplyFwdMsg' }, 'From: Sam'), h('div', {}, 'Oh, no big deal.'));
  assert.equal(TextMap.build(body('appendonsend'), outlook).text, 'Thanks!\nafter signature');
  assert.equal(TextMap.build(body('x_other'), outlook).text, 'Thanks!\nafter signature');
});
