// The finding card (extension/card.js): what it says, its buttons, where it opens, and that the service's
// strings are shown as text.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FakeDocument, event } = require('./fake-dom.js');
const { loadScripts } = require('./harness.js');

const CARD = { width: 320, height: 200 };
const VIEW = { innerWidth: 1000, innerHeight: 700 };

function setup() {
  const doc = new FakeDocument({ sizes: { 'gf-card': CARD } });
  const root = doc.createElement('div'); // the overlay's shadow root
  doc.documentElement.append(root);
  const { GiveFirstCard: Card } = loadScripts(['categories.js', 'card.js'], {
    document: doc, ...VIEW, GiveFirstOverlay: { shadowRoot: () => root },
  }, ['GiveFirstCard']);
  const calls = [];
  const owner = { closeCard: () => calls.push('closeCard'), focusBody: () => calls.push('focusBody') };
  const actions = {
    onRewrite: (i) => calls.push(`rewrite ${i}`),
    onIgnore: () => calls.push('ignore'),
    onDisableRule: () => calls.push('disable rule'),
  };
  const open = (finding, anchor = { left: 100, top: 100, bottom: 118 }) =>
    Card.open({ owner, finding: { uid: 1, ...finding }, anchor, actions });
  const card = () => root.querySelector('.gf-card');
  return { doc, root, Card, calls, owner, open, card };
}

const NO_BIG_DEAL = {
  category: 'undermining',
  rule: 'undermining.no-big-deal',
  message: '"No big deal" shrinks the favour you did.',
  explanation: 'People feel obliged to return favours.',
  rewrites: [
    { label: "You're welcome", replacement: "You're welcome" },
    { label: 'Glad it helped', replacement: 'Glad it helped' },
  ],
};

const buttons = (card) => card.querySelectorAll('button').map((b) => b.textContent);

test('the card says what is wrong and why, with one button per rewrite, Ignore and Turn off this rule', () => {
  const { open, card, root } = setup();
  open(NO_BIG_DEAL);
  const c = card();
  assert.equal(root.querySelectorAll('.gf-card').length, 1);
  assert.equal(c.getAttribute('role'), 'dialog');
  assert.equal(c.getAttribute('aria-label'), 'Give First: "No big deal" shrinks the favour you did.');
  assert.equal(c.querySelector('.gf-card-category').textContent, 'Undermining a favour');
  assert.equal(c.style.borderTopColor, '#d93025', 'the category colour, as the underline');
  assert.equal(c.querySelector('.gf-card-message').textContent, NO_BIG_DEAL.message);
  assert.equal(c.querySelector('.gf-card-explanation').textContent, NO_BIG_DEAL.explanation);
  assert.deepEqual(buttons(c), ["You're welcome", 'Glad it helped', 'Ignore', 'Turn off this rule']);
  assert.equal(c.querySelector('.gf-rewrite').title, 'Replace with "You\'re welcome"');
});

test('each button does what it says', () => {
  const { open, card, calls } = setup();
  open(NO_BIG_DEAL);
  for (const b of card().querySelectorAll('button')) b.click();
  assert.deepEqual(calls, ['rewrite 0', 'rewrite 1', 'ignore', 'disable rule']);
});

test('a delete rewrite says so; no rewrites and no explanation leave those parts out', () => {
  const { open, card } = setup();
  open({ category: 'weak-phrasing', message: 'Minimising "just".', rewrites: [{ replacement: '' }] });
  const b = card().querySelector('.gf-rewrite');
  assert.equal(b.textContent, 'Delete');
  assert.equal(b.title, 'Delete these words');
  assert.equal(card().querySelector('.gf-card-explanation'), null);

  open({ category: 'readability', message: 'Long email.', rewrites: [] });
  assert.equal(card().querySelector('.gf-card-rewrites'), null);
  assert.deepEqual(buttons(card()), ['Ignore', 'Turn off this rule']);
  assert.equal(card().querySelector('.gf-card-category').textContent, 'Readability');
});

test('the service\'s strings are shown as text: no element is made from them', () => {
  const { open, card } = setup();
  const hostile = '<img src=x onerror="alert(1)">No <b>big</b> deal';
  open({
    category: 'undermining', message: hostile, explanation: '<script>alert(2)</script><i>why</i>',
    rewrites: [{ label: '<em>Thanks</em>', replacement: '<u>x</u>' }],
  });
  const c = card();
  assert.equal(c.querySelector('.gf-card-message').textContent, hostile);
  assert.equal(c.querySelector('.gf-card-explanation').textContent, '<script>alert(2)</script><i>why</i>');
  assert.equal(c.querySelector('.gf-rewrite').textContent, '<em>Thanks</em>');
  assert.deepEqual(c.querySelectorAll('img, b, i, script, em, u'), []);
});

test('the card opens just below the words, above them when there is no room below, always in the window', () => {
  const { open, card } = setup();
  open(NO_BIG_DEAL, { left: 100, top: 100, bottom: 118 });
  assert.deepEqual([card().style.left, card().style.top], ['100px', '124px']);

  open(NO_BIG_DEAL, { left: 100, top: 600, bottom: 618 });
  assert.equal(card().style.top, `${600 - 6 - CARD.height}px`, 'above the words');

  open(NO_BIG_DEAL, { left: 900, top: 100, bottom: 118 });
  assert.equal(card().style.left, `${VIEW.innerWidth - CARD.width - 6}px`, 'pulled back inside the window');
  open(NO_BIG_DEAL, { left: -50, top: 100, bottom: 118 });
  assert.equal(card().style.left, '6px');
});

test('one card at a time; close removes it', () => {
  const { open, card, root, Card } = setup();
  open(NO_BIG_DEAL);
  open({ ...NO_BIG_DEAL, uid: 2, message: 'Second.' });
  assert.equal(root.querySelectorAll('.gf-card').length, 1);
  assert.equal(card().querySelector('.gf-card-message').textContent, 'Second.');
  assert.equal(Card.shown().uid, 2);
  Card.close();
  assert.equal(Card.shown(), null);
  assert.equal(root.querySelector('.gf-card'), null);
});

test('Escape in the card closes it and returns to the email; pressing a button keeps the caret', () => {
  const { open, card, calls, Card, doc } = setup();
  open(NO_BIG_DEAL);
  Card.focusFirst();
  assert.equal(doc.activeElement.textContent, "You're welcome", 'Alt+Down lands on the first rewrite');
  const press = event('mousedown');
  card().querySelector('.gf-rewrite').dispatchEvent(press);
  assert.ok(press.defaultPrevented, 'the compose body keeps the focus and selection');
  doc.activeElement.dispatchEvent(event('keydown', { key: 'Escape' }));
  assert.deepEqual(calls, ['closeCard', 'focusBody']);
});
