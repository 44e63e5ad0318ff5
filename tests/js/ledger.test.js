const test = require('node:test');
const assert = require('node:assert/strict');
const Ledger = require('../../extension/ledger.js');

const dana = { address: 'dana@x.com', known: true, emails: 6, gives: 1, favour_asks: 4, routine_asks: 2,
  undermining: 0, first_email: '2024-02-05', last_email: '2024-04-03', last_give: '2024-03-02',
  favour_asks_since_last_give: 3 };

function el(attrs) {
  return { getAttribute: (k) => (k in attrs ? attrs[k] : null) };
}

test('recipients come from the chips\' attributes, lower case, each once', () => {
  const root = { querySelectorAll: () => [el({ email: 'Dana@X.com' }), el({ 'data-hovercard-id': 'sam@y.org' }),
    el({ email: 'dana@x.com' }), el({ 'data-hovercard-id': '1234567' }), el({ 'data-email': 'kim@z.io' })] };
  assert.deepEqual(Ledger.recipientsFrom(root), ['dana@x.com', 'sam@y.org', 'kim@z.io']);
  assert.deepEqual(Ledger.recipientsFrom(null), []);
});

test('the chip says what is owed since the last give', () => {
  assert.equal(Ledger.chipText(dana, 'Dana'), 'Dana: 3 favours asked, none given since Mar 2');
  assert.equal(Ledger.chipText({ ...dana, last_give: null, favour_asks: 1 }, 'Dana'), 'Dana: 1 favour asked, none given yet');
  assert.equal(Ledger.chipText({ ...dana, favour_asks_since_last_give: 0 }, 'Dana'), 'Dana: you last gave on Mar 2');
  assert.equal(Ledger.chipText({ ...dana, known: false }, 'Dana'), null);
});

test('the value-first card names the person owed most', () => {
  const sam = { ...dana, address: 'sam.lee@y.org', last_give: null, favour_asks: 5 };
  assert.equal(Ledger.cardNote({ a: dana, b: sam }),
    'You have asked Sam for 5 favours and given nothing yet: lead with something for them.');
  assert.equal(Ledger.cardNote({ a: dana }, { 'dana@x.com': 'Dana' }),
    'You have asked Dana for 3 favours since you last gave (Mar 2): lead with something for them.');
  assert.equal(Ledger.cardNote({ a: { ...dana, favour_asks_since_last_give: 0 } }), null);
});

test('fetchBalance asks the service once and keeps only known recipients; failures mean nothing to show', async () => {
  let asked = null;
  const ok = async (url, init) => {
    asked = { url, init };
    return { ok: true, json: async () => ({ ledger: true, recipients: [dana, { address: 'new@x.com', known: false }] }) };
  };
  const got = await Ledger.fetchBalance(ok, 'http://127.0.0.1:8765/v1/ledger', 'tok', ['dana@x.com', 'new@x.com']);
  assert.deepEqual(Object.keys(got), ['dana@x.com']);
  assert.equal(asked.url, 'http://127.0.0.1:8765/v1/ledger?to=dana%40x.com%2Cnew%40x.com');
  assert.equal(asked.init.headers.Authorization, 'Bearer tok');
  assert.deepEqual(await Ledger.fetchBalance(async () => ({ ok: true, json: async () => ({ ledger: false, recipients: [] }) }), 'u', '', ['a@b.c']), {});
  assert.deepEqual(await Ledger.fetchBalance(async () => { throw new Error('down'); }, 'u', '', ['a@b.c']), {});
  assert.deepEqual(await Ledger.fetchBalance(async () => ({ ok: false }), 'u', '', ['a@b.c']), {});
});

test('the chip line names the recipient owed most; people() reads addresses with their chips\' labels', () => {
  const sam = { ...dana, address: 'sam.lee@y.org', last_give: null, favour_asks: 5 };
  const kim = { ...dana, address: 'kim@z.io', favour_asks_since_last_give: 0 };
  assert.equal(Ledger.chipLine({ a: kim, b: dana, c: sam }, { 'sam.lee@y.org': 'Sam' }), 'Sam: 5 favours asked, none given yet');
  assert.equal(Ledger.chipLine({ a: kim }, {}), 'Kim: you last gave on Mar 2');
  assert.equal(Ledger.chipLine({}, {}), null);

  const chip = (attrs, text) => ({ ...el(attrs), textContent: text });
  const field = (chips) => ({ querySelectorAll: () => chips });
  const people = Ledger.people([field([chip({ email: 'Dana@X.com' }, 'Dana Kim'), chip({ 'data-hovercard-id': 'x' }, 'X')]),
    field([chip({ 'data-email': 'dana@x.com' }, 'Dana'), chip({ 'data-email': 'sam@y.org' }, ' Sam Lee ')])]);
  assert.deepEqual(people, [{ address: 'dana@x.com', label: 'Dana Kim' }, { address: 'sam@y.org', label: 'Sam Lee' }]);
  assert.deepEqual(Ledger.people([]), []);
});
