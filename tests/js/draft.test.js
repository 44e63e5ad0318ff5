// One compose body's analysis (extension/draft.js), with the real text map, findings, overlay drawing, chip and
// card on a fake DOM, a fake clock, and a stand-in service whose replies the test resolves when it wants.
// Layout is declared, not computed: the body is visible at (0, 0)-(800, 300), each character is 8 px wide and
// each line 20 px high, so an underline's left edge and width say which words it is under.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FakeDocument, event, h, adopt } = require('./fake-dom.js');
const { loadScripts, fakeClock, settle } = require('./harness.js');

const CHAR = 8;
const LINE = 20;
const VISIBLE = { left: 0, top: 0, right: 800, bottom: 300 };

// Viewport rects of [start, end) of text, one per line, in the declared layout.
function rectsFor(text, start, end) {
  const rects = [];
  let lineStart = 0;
  text.split('\n').forEach((line, i) => {
    const from = Math.max(start, lineStart) - lineStart;
    const to = Math.min(end, lineStart + line.length) - lineStart;
    if (to > from) {
      rects.push({ left: from * CHAR, right: to * CHAR, width: (to - from) * CHAR, top: i * LINE, bottom: i * LINE + 16, height: 16 });
    }
    lineStart += line.length + 1;
  });
  return rects;
}

// recipients: [[address, chip label]] in the compose window's To field; ledger: what the ledger answers for them.
function setup({ text = '', replyingTo = null, settings = {}, recipients = [], ledger = {} } = {}) {
  const doc = new FakeDocument({ sizes: { 'gf-card': { width: 320, height: 200 }, 'gf-chip': { width: 200, height: 24 } } });
  const clock = fakeClock();
  const box = adopt(doc, h('div', { contenteditable: 'true', role: 'textbox' }));
  doc.body.append(box);
  const requests = []; // {key, text, replyingTo, reply(result | failure)}
  const service = {
    analyze: (key, t, replying, onStarting) => new Promise((resolve) => requests.push({ key, text: t, replyingTo: replying, onStarting, resolve })),
    openOptions: () => {},
    ledger: (to) => { ledgerAsked.push(to); return Promise.resolve(ledger); },
  };
  const ledgerAsked = [];
  const ext = loadScripts(
    ['categories.js', 'settings.js', 'text-map.js', 'adapters.js', 'findings.js', 'analysis.js', 'ignores.js', 'styles.js',
      'overlay.js', 'highlights.js', 'placement.js', 'theme.js', 'announce.js', 'card.js', 'chip.js', 'ledger.js', 'draft.js', 'draft-actions.js'],
    {
      document: doc, getSelection: () => doc.selection, innerWidth: 1280, innerHeight: 800,
      setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, performance: clock.performance,
      requestAnimationFrame: clock.requestAnimationFrame, cancelAnimationFrame: clock.cancelAnimationFrame,
      ResizeObserver: class { observe() {} disconnect() {} },
      GiveFirstService: service,
    },
    ['GiveFirstDraft', 'GiveFirstOverlay', 'GiveFirstCard', 'GiveFirstPlacement', 'GiveFirstAnalysis', 'GiveFirstAdapters'],
  );
  ext.GiveFirstAnalysis.clear();
  ext.GiveFirstPlacement.visible = () => VISIBLE;
  ext.GiveFirstOverlay.spanRects = (map, start, end) => rectsFor(map.text, start, end);
  const disabled = [];
  const chips = recipients.map(([address, label]) => ({ getAttribute: (k) => (k === 'email' ? address : null), textContent: label }));
  const adapter = { ...ext.GiveFirstAdapters.gmail, replyingTo: () => replyingTo,
    recipientFields: () => [{ querySelectorAll: () => chips }] };
  let ignored = new Set();
  const env = {
    adapter,
    settings: () => ({ disabledCategories: [], disabledRules: [], ...settings }),
    disableRule: (r) => disabled.push(r),
    ignored: () => ignored,
    ignore: (f) => { ignored = new Set([...ignored, `${f.rule}\u0000${f.text.toLowerCase()}`]); },
  };
  write(box, text);
  const draft = new ext.GiveFirstDraft(box, env);
  const root = ext.GiveFirstOverlay.shadowRoot();

  const t = {
    doc, clock, box, draft, requests, disabled, root, Card: ext.GiveFirstCard, ledgerAsked,
    // The writer types: the body now holds text (one <div> per line), then an input event, then a paint.
    type(newText) {
      write(box, newText);
      box.dispatchEvent(event('input'));
      clock.frame();
    },
    // The writer inserts words at offset of one line's text node (the nodes stay; what a keystroke does).
    insert(line, offset, words) {
      const node = box.childNodes[line].firstChild;
      node.data = node.data.slice(0, offset) + words + node.data.slice(offset);
      box.dispatchEvent(event('input'));
      clock.frame();
    },
    async pause(ms = 400) {
      clock.tick(ms);
      await settle();
    },
    async reply(request, answer) {
      request.resolve(answer);
      await settle();
      clock.frame();
    },
    lines: () => draft.layer.querySelectorAll('.gf-line').map((l) => ({
      category: l.dataset.category, left: parseFloat(l.style.left), width: parseFloat(l.style.width), top: parseFloat(l.style.top),
    })),
    chipText: () => draft.chip.main.textContent,
    card: () => root.querySelector('.gf-card'),
  };
  return t;
}

function write(box, text) {
  box.replaceChildren(...(text ? text.split('\n') : []).map((line) => h('div', {}, line || h('br'))));
  adopt(box.ownerDocument, box);
}

function finding(text, phrase, category, rule, extra = {}) {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, `${phrase} in ${text}`);
  return { id: rule, category, rule, severity: 'warning', start, end: start + phrase.length, text: phrase, message: `About ${phrase}`, rewrites: [], ...extra };
}

function ok(text, findings, metrics = { words: text.split(/\s+/).length, questions: 0, reading_grade: 5 }) {
  return { ok: true, result: { findings, metrics } };
}

// The underline a finding on phrase should have in the declared layout (first line only).
function under(text, phrase, category) {
  const [r] = rectsFor(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
  return { category, left: r.left, width: r.width, top: r.bottom - 1 };
}

const DRAFT = 'Oh, no big deal!';
const DEAL = (text) => finding(text, 'no big deal', 'undermining', 'undermining.no-big-deal',
  { rewrites: [{ label: "You're welcome", start: text.indexOf('no big deal'), end: text.indexOf('no big deal') + 11, replacement: "You're welcome" }] });

test('a compose box nobody typed in is never sent, not even when the settings change', async () => {
  const t = setup({ text: 'Oh, it was nothing, no big deal at all!' });
  await t.pause(5000);
  t.draft.settingsChanged();
  await t.pause(5000);
  assert.deepEqual(t.requests, []);
  t.clock.frame();
  assert.equal(t.draft.chip.chip.hidden, true, 'and it shows no chip');
});

test('typing is sent once, 400 ms after the last keystroke, with the message it answers', async () => {
  const t = setup({ replyingTo: 'Thanks so much!' });
  for (let i = 1; i <= DRAFT.length; i++) {
    t.type(DRAFT.slice(0, i));
    await t.pause(100);
  }
  assert.equal(t.requests.length, 0, 'nothing is sent while the writer types');
  await t.pause(299);
  assert.equal(t.requests.length, 0);
  await t.pause(1);
  assert.deepEqual(t.requests.map((r) => [r.text, r.replyingTo]), [[DRAFT, 'Thanks so much!']]);
  assert.equal(t.draft.layer.dataset.pending, 'true', 'the request is in flight');
  await t.reply(t.requests[0], ok(DRAFT, []));
  assert.equal(t.draft.layer.dataset.pending, 'false');
});

test('the findings are underlined under their words and counted on the chip', async () => {
  const t = setup();
  const text = `${DRAFT}\nSorry to bother you.`;
  t.type(text);
  await t.pause();
  await t.reply(t.requests[0], ok(text, [DEAL(text),
    finding(text, 'Sorry to bother you', 'weak-phrasing', 'weak-phrasing.apology'),
    finding(text, 'Oh', 'readability', 'readability.length', { severity: 'info' })]));
  assert.deepEqual(t.lines(), [under(text, 'no big deal', 'undermining'),
    { ...under(text, 'Sorry to bother you', 'weak-phrasing'), top: LINE + 15 }]);
  assert.match(t.draft.chip.main.getAttribute('aria-label'), /^Give First: 1 undermining, 1 weak phrasing, 1 readability;/);
  assert.equal(t.draft.layer.dataset.status, 'ok');
});

test('a reply for older text that arrives after the reply for newer text is never painted', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  const newer = `${DRAFT} Sorry to bother you.`;
  t.type(newer);
  await t.pause();
  assert.deepEqual(t.requests.map((r) => r.text), [DRAFT, newer]);
  await t.reply(t.requests[1], ok(newer, [finding(newer, 'Sorry to bother you', 'weak-phrasing', 'weak-phrasing.apology')]));
  await t.reply(t.requests[0], ok(DRAFT, [finding(DRAFT, 'Oh,', 'door-in-the-face', 'door-in-the-face.withdrawal')]));
  assert.deepEqual(t.lines(), [under(newer, 'Sorry to bother you', 'weak-phrasing')]);
  assert.doesNotMatch(t.draft.chip.main.getAttribute('aria-label'), /door/);
  assert.equal(t.draft.layer.dataset.pending, 'false');
});

test('a cancelled request changes nothing on screen', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  t.type(`${DRAFT} Thanks.`);
  await t.pause();
  await t.reply(t.requests[1], { ok: false, aborted: true });
  assert.deepEqual(t.lines(), [under(DRAFT, 'no big deal', 'undermining')]);
  assert.doesNotMatch(t.chipText(), /offline|error/);
});

test('underlines follow typing at once, before the service answers again; words edited lose theirs', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  t.insert(0, 0, 'Well, ');
  assert.deepEqual(t.lines(), [under(`Well, ${DRAFT}`, 'no big deal', 'undermining')]);
  assert.equal(t.requests.length, 1, 'not sent yet');
  t.insert(0, 'Well, Oh, no big'.length, 'gest');
  assert.deepEqual(t.lines(), [], 'the words changed: the underline goes until the service says otherwise');
});

test('the same text is not sent again; new settings are, and settings switched back answer from the cache', async () => {
  const settings = {};
  const t = setup({ settings });
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, []));
  t.type(DRAFT); // e.g. bold on, bold off: an input event, the same text
  await t.pause();
  assert.equal(t.requests.length, 1);
  settings.disabledCategories = ['weak-phrasing'];
  t.draft.settingsChanged();
  await settle();
  assert.deepEqual(t.requests.map((r) => r.text), [DRAFT, DRAFT], 'new settings: asked again at once');
  await t.reply(t.requests[1], ok(DRAFT, []));
  settings.disabledCategories = [];
  t.draft.settingsChanged();
  await settle();
  assert.equal(t.requests.length, 2, 'switched back: the first answer, from the cache');
});

test('undo back to an analysed text answers at once from the cache, without a request', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  t.type(`${DRAFT} More`);
  await t.pause();
  await t.reply(t.requests[1], ok(`${DRAFT} More`, []));
  assert.deepEqual(t.lines(), []);
  t.type(DRAFT); // undo
  t.clock.frame();
  assert.deepEqual(t.lines(), [under(DRAFT, 'no big deal', 'undermining')], 'at once, before any pause');
  await t.pause(5000);
  assert.equal(t.requests.length, 2);
});

test('an emptied box sends nothing and shows no counts', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  t.type('');
  await t.pause();
  t.clock.frame();
  assert.equal(t.requests.length, 1);
  assert.deepEqual(t.lines(), []);
  assert.equal(t.draft.chip.chip.hidden, true);
});

test('20,000 characters are sent; 20,001 are not, and the chip says the draft is too long', async () => {
  const t = setup();
  t.type('a'.repeat(20000));
  await t.pause();
  assert.equal(t.requests.length, 1);
  await t.reply(t.requests[0], ok('a', []));
  t.type('a'.repeat(20001));
  await t.pause();
  t.clock.frame();
  assert.equal(t.requests.length, 1);
  assert.equal(t.chipText(), 'Give First: this draft is too long to check');
});

test('the service being down, refusing the token or busy is said on the chip; busy is retried', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], { ok: false, offline: true });
  assert.equal(t.chipText(), 'Give First: service offline. Start it with make run');
  assert.deepEqual(t.lines(), []);

  t.type(`${DRAFT}!`);
  await t.pause();
  await t.reply(t.requests[1], { ok: false, status: 401, code: 'unauthorized' });
  assert.equal(t.chipText(), 'Give First: the service needs a token: set it in Options');

  t.type(`${DRAFT}!!`);
  await t.pause();
  await t.reply(t.requests[2], { ok: false, status: 429 });
  assert.match(t.chipText(), /busy, trying again/);
  await t.pause(1999);
  assert.equal(t.requests.length, 3);
  await t.pause(1);
  assert.equal(t.requests.length, 4, 'asked again after 2 s');
  await t.reply(t.requests[3], ok(`${DRAFT}!!`, [DEAL(`${DRAFT}!!`)]));
  assert.deepEqual(t.lines(), [under(DRAFT, 'no big deal', 'undermining')]);
  assert.doesNotMatch(t.chipText(), /busy|offline/);
});

// A click in the middle of phrase's words.
function clickOn(t, text, phrase) {
  const [r] = rectsFor(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
  t.box.dispatchEvent(event('click', { clientX: (r.left + r.right) / 2, clientY: (r.top + r.bottom) / 2 }));
}

test('clicking the words opens their card; a rewrite replaces exactly those words as a typed edit', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  clickOn(t, DRAFT, 'Oh,');
  assert.equal(t.card(), null, 'a click elsewhere opens nothing');
  clickOn(t, DRAFT, 'big');
  assert.equal(t.card().querySelector('.gf-card-message').textContent, 'About no big deal');
  assert.equal(t.draft.layer.querySelectorAll('.gf-mark').length, 1, 'its words are marked');

  t.card().querySelector('.gf-rewrite').click();
  assert.deepEqual(t.doc.commands, [['insertText', "You're welcome"]], 'execCommand, so Gmail\'s undo sees it');
  assert.equal(t.box.textContent, "Oh, You're welcome!");
  assert.equal(t.doc.selection.focusOffset, "Oh, You're welcome".length, 'the caret after the new words');
  assert.equal(t.card(), null);
  assert.equal(t.doc.activeElement, t.box);
  await t.pause();
  assert.equal(t.requests.at(-1).text, "Oh, You're welcome!", 'the rewritten draft is checked again');
});

test('a delete rewrite removes the words', async () => {
  const t = setup();
  const text = 'I just think it helps.';
  t.type(text);
  await t.pause();
  const just = finding(text, 'just ', 'weak-phrasing', 'weak-phrasing.just', { rewrites: [{ label: 'Remove "just"', start: 2, end: 7, replacement: '' }] });
  await t.reply(t.requests[0], ok(text, [just]));
  clickOn(t, text, 'just');
  t.card().querySelector('.gf-rewrite').click();
  assert.deepEqual(t.doc.commands, [['delete', undefined]]);
  assert.equal(t.box.textContent, 'I think it helps.');
});

test('Ignore hides the finding in this draft, also after the next analysis; other findings stay', async () => {
  const t = setup();
  const text = `${DRAFT} Sorry to bother you.`;
  const findings = (s) => [DEAL(s), finding(s, 'Sorry to bother you', 'weak-phrasing', 'weak-phrasing.apology')];
  t.type(text);
  await t.pause();
  await t.reply(t.requests[0], ok(text, findings(text)));
  clickOn(t, text, 'big');
  t.card().querySelector('.gf-ignore').click();
  t.clock.frame();
  assert.deepEqual(t.lines().map((l) => l.category), ['weak-phrasing']);
  const more = `${text} Thanks.`;
  t.type(more);
  await t.pause();
  await t.reply(t.requests[1], ok(more, findings(more)));
  assert.deepEqual(t.lines().map((l) => l.category), ['weak-phrasing']);
  assert.equal(t.doc.activeElement, t.box, 'back in the email');
});

test('Turn off this rule hands the rule to the page (all drafts, saved) and closes the card', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  clickOn(t, DRAFT, 'deal');
  t.card().querySelector('.gf-disable-rule').click();
  assert.deepEqual(t.disabled, ['undermining.no-big-deal']);
  assert.equal(t.card(), null);
});

test('findings of a turned-off category or rule are not shown', async () => {
  const t = setup({ settings: { disabledCategories: ['weak-phrasing'], disabledRules: ['undermining.effort'] } });
  const text = `${DRAFT} Sorry to bother you, it only took a minute.`;
  t.type(text);
  await t.pause();
  await t.reply(t.requests[0], ok(text, [DEAL(text),
    finding(text, 'Sorry to bother you', 'weak-phrasing', 'weak-phrasing.apology'),
    finding(text, 'it only took a minute', 'undermining', 'undermining.effort')]));
  assert.deepEqual(t.lines(), [under(text, 'no big deal', 'undermining')]);
  assert.match(t.draft.chip.main.getAttribute('aria-label'), /^Give First: 1 undermining;/);
});

test('moving the caret into the words opens the card, typing into them does not; Escape closes it', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  const node = t.box.firstChild.firstChild;
  t.insert(0, DRAFT.length, ' ');
  t.doc.selection.collapse(node, 6); // as the keystroke left it: right after typing, the caret is typing
  t.draft.onCaret();
  assert.equal(t.card(), null);
  await t.pause(200);
  t.requests.at(-1).resolve(ok(`${DRAFT} `, [DEAL(`${DRAFT} `)]));
  await settle();
  t.doc.selection.collapse(node, 7); // an arrow key, later
  t.draft.onCaret();
  assert.equal(t.card().querySelector('.gf-card-message').textContent, 'About no big deal');
  const escape = event('keydown', { key: 'Escape' });
  t.box.dispatchEvent(escape);
  assert.ok(escape.defaultPrevented, 'Gmail does not also get the Escape');
  assert.equal(t.card(), null);
  t.doc.selection.collapse(node, 1); // out of the words: nothing opens
  t.draft.onCaret();
  assert.equal(t.card(), null);
});

test('a compose box that goes away takes its underlines, chip and card with it and sends nothing more', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  clickOn(t, DRAFT, 'big');
  t.type(`${DRAFT} Bye.`);
  t.draft.destroy();
  await t.pause(5000);
  assert.equal(t.requests.length, 1);
  assert.equal(t.root.querySelector('.gf-layer'), null);
  assert.equal(t.card(), null);
  t.box.dispatchEvent(event('input'));
  await t.pause(5000);
  assert.equal(t.requests.length, 1, 'its listeners are gone');
});

test('while the service worker starts the service the chip says so, then the findings come as usual', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  t.requests[0].onStarting(6.2);
  t.clock.frame();
  assert.match(t.chipText(), /^Give First ?starting the service\u2026 \(the model loads in about 7 s\)$/);
  await t.reply(t.requests[0], ok(DRAFT, [DEAL(DRAFT)]));
  assert.deepEqual(t.lines(), [under(DRAFT, 'no big deal', 'undermining')]);
  assert.doesNotMatch(t.chipText(), /starting/);

  t.type(`${DRAFT}!`);
  await t.pause();
  t.requests[1].onStarting(null);
  t.clock.frame();
  assert.match(t.chipText(), /^Give First ?starting the service\u2026$/);
});

test('with no native host installed the chip names the one command that fixes it', async () => {
  const t = setup();
  t.type(DRAFT);
  await t.pause();
  await t.reply(t.requests[0], { ok: false, offline: true, noHost: true });
  assert.equal(t.chipText(), 'Give First: service offline. Set it up once with givefirst install');
  t.type(`${DRAFT}!`);
  await t.pause();
  await t.reply(t.requests[1], { ok: false, offline: true });
  assert.equal(t.chipText(), 'Give First: service offline. Start it with make run');
});

test('with the ledger option on, the chip and a value-first card say what the recipient is owed; off, nothing is asked', async () => {
  const ASK = 'Could you send me the numbers?';
  const ask = (text) => finding(text, 'Could you send me the numbers?', 'value-first', 'value-first.ask-before-give');
  const dana = { address: 'dana.kim@x.com', known: true, favour_asks: 4, last_give: '2024-03-02', favour_asks_since_last_give: 3 };
  const recipients = [['Dana.Kim@x.com', 'Dana Kim']];

  const off = setup({ recipients, ledger: { 'dana.kim@x.com': dana } });
  off.type(ASK);
  await off.pause();
  await off.reply(off.requests[0], ok(ASK, [ask(ASK)]));
  assert.deepEqual(off.ledgerAsked, [], 'off by default: the recipients are not even read');
  assert.doesNotMatch(off.chipText(), /favour/);

  const t = setup({ settings: { ledger: true }, recipients, ledger: { 'dana.kim@x.com': dana } });
  t.type(ASK);
  await t.pause();
  assert.deepEqual(t.ledgerAsked, [['dana.kim@x.com']]);
  await t.reply(t.requests[0], ok(ASK, [ask(ASK)]));
  assert.match(t.chipText(), /Dana: 3 favours asked, none given since Mar 2$/);
  assert.match(t.draft.chip.main.getAttribute('aria-label'), /; Dana: 3 favours asked, none given since Mar 2\. Show the list\.$/);
  clickOn(t, ASK, 'numbers');
  assert.equal(t.card().querySelector('.gf-card-ledger').textContent,
    'You have asked Dana for 3 favours since you last gave (Mar 2): lead with something for them.');

  t.type(`${ASK} Thanks!`);
  await t.pause();
  assert.equal(t.ledgerAsked.length, 1, 'the same recipients are not asked again');
});
