// The summary chip (extension/chip.js): what it says in each state, its list of findings, where it sits.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FakeDocument, event } = require('./fake-dom.js');
const { loadScripts } = require('./harness.js');

const CHIP = { width: 200, height: 24 };
const LIST = { width: 340, height: 120 };

function setup() {
  const doc = new FakeDocument({ sizes: { 'gf-chip': CHIP, 'gf-list': LIST } });
  const layer = doc.createElement('div');
  doc.documentElement.append(layer);
  const { GiveFirstChip: Chip } = loadScripts(['categories.js', 'chip.js'], { document: doc }, ['GiveFirstChip']);
  const calls = [];
  const state = Chip.create(layer, {
    onOpenFinding: (uid) => calls.push(`open ${uid}`),
    onOpenOptions: () => calls.push('options'),
  });
  return { doc, layer, Chip, state, calls };
}

const METRICS = { words: 86, sentences: 6, questions: 1, reading_grade: 6.14, reading_ease: 71.3 };
const FINDINGS = [
  { uid: 1, category: 'undermining', message: '"No big deal" shrinks the favour.', text: 'no big deal' },
  { uid: 2, category: 'weak-phrasing', message: 'An apology without fault.', text: 'Sorry to bother you with something that is long enough to be cut' },
  { uid: 3, category: 'undermining', message: 'Another.', text: 'it was nothing' },
  { uid: 4, category: 'readability', message: 'This email is long.', text: 'Hi Sam' },
];
const COUNTS = { undermining: 2, 'weak-phrasing': 1, readability: 1 };

function okView(extra = {}) {
  return { status: 'ok', counts: COUNTS, metrics: METRICS, findings: FINDINGS, error: '', ...extra };
}

test('the chip shows the counts by category, in the categories\' order and colours, then grade, words, questions', () => {
  const { Chip, state } = setup();
  Chip.render(state, okView({ counts: { 'weak-phrasing': 1, undermining: 2, readability: 1 } }));
  const counts = state.chip.querySelectorAll('.gf-count');
  assert.deepEqual(counts.map((c) => [c.dataset.category, c.textContent]),
    [['undermining', '2'], ['weak-phrasing', '1'], ['readability', '1']]);
  assert.equal(counts[0].querySelector('.gf-dot').style.background, '#d93025');
  assert.equal(counts[0].title, '2 Undermining a favour');
  assert.equal(state.chip.querySelector('.gf-metrics').textContent, 'grade 6.1 \u00b7 86 words \u00b7 1 question');
  assert.equal(state.main.getAttribute('aria-label'),
    'Give First: 2 undermining, 1 weak phrasing, 1 readability; grade 6.1 \u00b7 86 words \u00b7 1 question. Show the list.');
  assert.equal(state.chip.hidden, false);
  assert.equal(state.chip.dataset.status, 'ok');
});

test('a clean draft says so; one word and two questions are counted in words', () => {
  const { Chip, state } = setup();
  Chip.render(state, okView({ counts: {}, findings: [], metrics: { ...METRICS, words: 1, questions: 2 } }));
  assert.match(state.main.textContent, /\u2713 no findings/);
  assert.match(state.main.textContent, /1 word \u00b7 2 questions$/);
  assert.match(state.main.getAttribute('aria-label'), /^Give First: no findings;/);
});

test('while checking, the chip says so; a box never typed in shows no chip', () => {
  const { Chip, state } = setup();
  Chip.render(state, { status: 'pending', counts: {}, metrics: null, findings: [], error: '' });
  assert.match(state.main.textContent, /checking\u2026/);
  assert.equal(state.main.getAttribute('aria-label'), 'Give First: checking the draft');
  Chip.render(state, { status: 'idle', counts: {}, metrics: null, findings: [], error: '' });
  assert.equal(state.chip.hidden, true);
  Chip.place(state, { left: 0, top: 0, right: 800, bottom: 300 });
  assert.equal(state.chip.hidden, true, 'placing does not show an idle chip');
});

test('the service being offline is said plainly, with how to start it and a way to the options', () => {
  const { Chip, state, calls } = setup();
  Chip.render(state, okView());
  Chip.render(state, { status: 'offline', counts: {}, metrics: null, findings: [], error: '' });
  assert.equal(state.main.textContent, 'Give First: service offline. Start it with make run');
  assert.equal(state.main.querySelector('code').textContent, 'make run');
  assert.ok(state.chip.classList.contains('gf-offline'));
  assert.deepEqual(state.chip.querySelectorAll('.gf-count'), [], 'no stale counts');
  state.chip.querySelector('.gf-options').click();
  assert.deepEqual(calls, ['options']);

  Chip.render(state, { status: 'error', counts: {}, metrics: null, findings: [], error: 'the service needs a token: set it in Options' });
  assert.equal(state.main.textContent, 'Give First: the service needs a token: set it in Options');
  assert.equal(state.chip.querySelectorAll('.gf-options').length, 1, 'one Options button, not one per render');
  Chip.render(state, okView());
  assert.ok(!state.chip.classList.contains('gf-offline'));
  assert.equal(state.chip.querySelectorAll('.gf-options').length, 0);
});

test('clicking the chip lists the findings; picking one opens its card and closes the list', () => {
  const { Chip, state, calls, layer } = setup();
  Chip.render(state, okView());
  state.main.click();
  const items = layer.querySelectorAll('.gf-list-item');
  assert.equal(items.length, 4);
  assert.equal(items[0].querySelector('.gf-dot').style.background, '#d93025');
  assert.equal(items[0].textContent, '"No big deal" shrinks the favour.\u201cno big deal\u201d');
  assert.equal(items[1].querySelector('.gf-list-words').textContent,
    '\u201cSorry to bother you with something that \u2026\u201d', 'long words are cut at 40 characters');
  assert.equal(items[3].querySelector('.gf-list-words'), null, 'an email-level finding quotes no words');
  items[2].click();
  assert.deepEqual(calls, ['open 3']);
  assert.equal(layer.querySelector('.gf-list'), null);
});

test('the list says when there is nothing to improve, follows new results, and closes on a second click', () => {
  const { Chip, state, layer } = setup();
  Chip.render(state, okView({ counts: {}, findings: [] }));
  state.main.click();
  assert.equal(layer.querySelector('.gf-list-empty').textContent, 'Nothing to improve in this draft.');
  assert.equal(layer.querySelector('.gf-pause').textContent, 'Pause for this email');
  Chip.render(state, okView());
  assert.equal(layer.querySelectorAll('.gf-list-item').length, 4, 'the open list shows the new findings');
  state.main.click();
  assert.equal(layer.querySelector('.gf-list'), null);
});

test('opened from the keyboard, the list takes the focus; a mouse press on the chip keeps the caret', () => {
  const { Chip, state, doc } = setup();
  Chip.render(state, okView());
  const press = event('mousedown');
  state.main.dispatchEvent(press);
  assert.ok(press.defaultPrevented);
  state.main.dispatchEvent(event('click', { detail: 0 })); // Enter or Space
  assert.equal(doc.activeElement, state.layer.querySelector('.gf-list-item'));
});

test('the chip sits at the bottom right of the visible compose body, and hides when the body is out of view', () => {
  const { Chip, state, layer } = setup();
  Chip.render(state, okView());
  Chip.place(state, { left: 100, top: 50, right: 700, bottom: 350 });
  assert.deepEqual([state.chip.style.left, state.chip.style.top], [`${700 - CHIP.width - 6}px`, `${350 - CHIP.height - 6}px`]);
  state.chip.rect = { left: 494, top: 320, ...CHIP };
  state.main.click();
  Chip.place(state, { left: 100, top: 50, right: 700, bottom: 350 });
  const list = layer.querySelector('.gf-list');
  assert.deepEqual([list.style.left, list.style.top], [`${494 + CHIP.width - LIST.width}px`, `${320 - LIST.height - 6}px`]);
  Chip.place(state, null);
  assert.equal(state.chip.hidden, true);
  assert.equal(layer.querySelector('.gf-list'), null, 'and its list closes');
});

test('the service\'s strings are shown as text in the list and on the chip', () => {
  const { Chip, state, layer } = setup();
  const hostile = '<img src=x onerror="alert(1)">No <b>big</b> deal';
  Chip.render(state, okView({ findings: [{ uid: 1, category: 'undermining', message: hostile, text: '<i>no big deal</i>' }] }));
  state.main.click();
  const item = layer.querySelector('.gf-list-item');
  assert.equal(item.textContent, `${hostile}\u201c<i>no big deal</i>\u201d`);
  Chip.render(state, { status: 'error', counts: {}, metrics: null, findings: [], error: 'service error (<img src=x>)' });
  assert.equal(state.main.textContent, 'Give First: service error (<img src=x>)');
  assert.deepEqual(layer.querySelectorAll('img, b, i'), []);
});
