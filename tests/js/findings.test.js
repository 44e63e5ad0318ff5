const test = require('node:test');
const assert = require('node:assert/strict');
const Findings = require('../../extension/findings.js');

const TEXT = 'Hi Sam,\nOh, no big deal! Can you review it?';
function finding(phrase, extra = {}) {
  const start = TEXT.indexOf(phrase);
  return { rule: 'r.' + phrase, category: 'undermining', start, end: start + phrase.length, text: phrase, rewrites: [], ...extra };
}
function wordsAt(text, f) {
  return text.slice(f.start, f.end);
}

test('typing before a finding shifts it onto the same words', () => {
  const f = finding('no big deal', { rewrites: [{ start: 12, end: 24, replacement: "You're welcome!" }] });
  const typed = TEXT.replace('Hi Sam', 'Hello Sam \u{1F600}');
  const [moved] = Findings.rebase([f], TEXT, typed);
  assert.equal(wordsAt(typed, moved), 'no big deal');
  assert.equal(typed.slice(moved.rewrites[0].start, moved.rewrites[0].end), 'no big deal!');
});

test('typing after a finding leaves it where it is', () => {
  const f = finding('no big deal');
  const typed = TEXT + ' Thanks';
  assert.deepEqual(Findings.rebase([f], TEXT, typed)[0], { ...f, rewrites: [] });
});

test('an edit inside a finding, or running its words on into letters, drops it', () => {
  const f = finding('no big deal');
  assert.deepEqual(Findings.rebase([f], TEXT, TEXT.replace('big', 'huge')), []);
  assert.deepEqual(Findings.rebase([f], TEXT, TEXT.replace('deal!', 'deals!')), []);
  assert.deepEqual(Findings.rebase([f], TEXT, TEXT.replace('Oh, no', 'Oh, Xno')), []);
});

test('an edit next to a finding that leaves its words alone keeps it (no flicker at a sentence end)', () => {
  const f = finding('no big deal');
  for (const typed of [TEXT.replace('deal!', 'deal!!'), TEXT.replace('deal!', 'deal.'), TEXT.replace('Oh, no', 'Oh,no')]) {
    const [kept] = Findings.rebase([f], TEXT, typed);
    assert.equal(wordsAt(typed, kept), 'no big deal', typed);
  }
});

test('a rewrite whose span the edit touches is dropped, the finding stays', () => {
  const f = finding('no big deal', { rewrites: [{ start: 12, end: 24, replacement: "You're welcome!" }] });
  const typed = TEXT.replace('deal!', 'deal?');
  const [kept] = Findings.rebase([f], TEXT, typed);
  assert.equal(wordsAt(typed, kept), 'no big deal');
  assert.deepEqual(kept.rewrites, []);
});

test('rebasing does not change the findings it was given', () => {
  const f = finding('review');
  Findings.rebase([f], TEXT, 'Well. ' + TEXT);
  assert.equal(f.start, TEXT.indexOf('review'));
});

test('editBetween finds a repeated-letter insertion', () => {
  assert.deepEqual(Findings.editBetween('deal ok', 'deall ok'), { start: 4, oldEnd: 4, newEnd: 5 });
  assert.deepEqual(Findings.editBetween('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
});

test('ignored findings, disabled categories and disabled rules are hidden', () => {
  const a = finding('no big deal');
  const b = finding('review', { category: 'value-first' });
  const ignored = new Set([Findings.ignoreKey(a)]);
  assert.deepEqual([a, b].filter((f) => Findings.isShown(f, { ignored })), [b]);
  assert.deepEqual([a, b].filter((f) => Findings.isShown(f, { disabledCategories: ['value-first'] })), [a]);
  assert.deepEqual([a, b].filter((f) => Findings.isShown(f, { disabledRules: [a.rule] })), [b]);
});

test('counts by category and the finding under a caret', () => {
  const a = finding('no big deal');
  const inner = finding('big', { category: 'weak-phrasing' });
  assert.deepEqual(Findings.countByCategory([a, inner]), { undermining: 1, 'weak-phrasing': 1 });
  assert.equal(Findings.atOffset([a, inner], a.start + 1), a);
  assert.equal(Findings.atOffset([a, inner], inner.start + 1), inner);
  assert.equal(Findings.atOffset([a, inner], a.start), null);
  assert.equal(Findings.atOffset([a, inner], a.end), null);
});

test('a fresh analysis keeps the identity of findings on the same words, also after an edit', () => {
  let uid = 100;
  const old = [{ ...finding('no big deal'), uid: 1 }, { ...finding('review'), uid: 2 }];
  const edited = TEXT.replace('review', 'check');
  const fresh = [
    { rule: 'r.no big deal', start: old[0].start, end: old[0].end, text: 'no big deal' },
    { rule: 'r.review', start: edited.indexOf('check'), end: edited.indexOf('check') + 5, text: 'check' },
  ];
  assert.deepEqual(Findings.keepIdentity(old, TEXT, fresh, edited, () => uid++).map((f) => f.uid), [1, 100]);
  assert.equal(fresh[0].uid, undefined, 'the service\'s findings are not changed');

  const prefixed = 'Hello! ' + TEXT;
  const moved = [{ rule: 'r.no big deal', start: old[0].start + 7, end: old[0].end + 7, text: 'no big deal' }];
  assert.deepEqual(Findings.keepIdentity(old, TEXT, moved, prefixed, () => uid++).map((f) => f.uid), [1]);
});
