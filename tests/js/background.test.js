// The service worker (extension/background.js): the request it sends for a draft, what the content script gets
// back in each case, and that a newer draft from the same compose box cancels the older request.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadScripts, fakeClock, settle, now } = require('./harness.js');

function setup(stored = {}) {
  const clock = fakeClock();
  const fetches = []; // {url, options, respond(status, body), fail()}
  const logged = [];
  const imported = [];
  let listener = null;
  let optionsOpened = 0;
  const chrome = {
    storage: { sync: { get: async (keys) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])) } },
    runtime: {
      onMessage: { addListener: (fn) => { listener = fn; } },
      openOptionsPage: () => { optionsOpened++; },
    },
  };
  function fetch(url, options) {
    return new Promise((resolve, reject) => {
      const call = {
        url, options, body: options.body ? JSON.parse(options.body) : null,
        respond: (status, body) => resolve({
          ok: status >= 200 && status < 300, status,
          json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
        }),
        fail: () => reject(new TypeError('Failed to fetch')),
      };
      options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      fetches.push(call);
    });
  }
  const spy = (level) => (...args) => logged.push([level, ...args]);
  loadScripts(['settings.js', 'background.js'], {
    chrome, fetch, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
    importScripts: (...files) => imported.push(...files), // settings.js is loaded above, as importScripts would
    console: { log: spy('log'), info: spy('info'), warn: spy('warn'), error: spy('error'), debug: spy('debug') },
  }, []);
  assert.deepEqual(imported, ['settings.js']);
  // Sends a message as a content script in tab `tab` would; resolves to the reply.
  function send(message, tab = 7) {
    return new Promise((resolve) => {
      const async = listener(message, { tab: { id: tab } }, resolve);
      if (!async) resolve(undefined);
    });
  }
  const analyze = (text, extra = {}, tab = 7) => send({ type: 'analyze', key: 'draft-1', text, ...extra }, tab);
  return { clock, fetches, logged, send, analyze, optionsOpened: () => optionsOpened };
}

const TEXT = 'Oh, no big deal! Could you send me the numbers?';

test('a draft is posted to the configured service as JSON, with its context, in UTF-16 offsets', async () => {
  const { fetches, analyze } = setup({ serviceUrl: 'http://localhost:9000/gf' });
  const reply = analyze(TEXT, { context: { replying_to: 'Thanks!' } });
  await settle();
  assert.equal(fetches.length, 1);
  const [call] = fetches;
  assert.equal(call.url, 'http://localhost:9000/gf/v1/analyze');
  assert.equal(call.options.method, 'POST');
  assert.equal(call.options.credentials, 'omit', 'no cookies go to the service');
  assert.deepEqual(call.options.headers, { 'Content-Type': 'application/json' }, 'no token, no Authorization');
  assert.deepEqual(call.body, { text: TEXT, offsets: 'utf16', context: { replying_to: 'Thanks!' } });
  call.respond(200, { findings: [{ rule: 'undermining.no-big-deal' }], metrics: { words: 9 } });
  assert.deepEqual(await now(reply), { ok: true, result: { findings: [{ rule: 'undermining.no-big-deal' }], metrics: { words: 9 } } });
});

test('the token and the turned-off categories and rules go with every request', async () => {
  const { fetches, analyze } = setup({
    token: 's3cret', disabledCategories: ['weak-phrasing'], disabledRules: ['undermining.effort', 'weak-phrasing'],
  });
  analyze(TEXT);
  await settle();
  assert.equal(fetches[0].url, 'http://127.0.0.1:8765/v1/analyze', 'the default local service');
  assert.equal(fetches[0].options.headers.Authorization, 'Bearer s3cret');
  assert.deepEqual(fetches[0].body.disabled, ['weak-phrasing', 'undermining.effort']);
  assert.equal('context' in fetches[0].body, false, 'a new message has no context');
});

test('a newer draft from the same compose box cancels the older request; other boxes and tabs are left alone', async () => {
  const { fetches, analyze } = setup();
  const old = analyze('Oh, no big deal!');
  const otherBox = analyze('Hello', { key: 'draft-2' });
  const otherTab = analyze('Oh, no big deal!', {}, 8);
  await settle();
  const newer = analyze('Oh, no big deal! Thanks.');
  await settle();
  assert.equal(fetches[0].options.signal.aborted, true);
  assert.deepEqual(await now(old), { ok: false, aborted: true }, 'the old text\'s reply is dropped');
  assert.equal(fetches[1].options.signal.aborted, false);
  assert.equal(fetches[2].options.signal.aborted, false);
  fetches[3].respond(200, { findings: [] });
  assert.deepEqual(await now(newer), { ok: true, result: { findings: [] } });
  fetches[1].respond(200, { findings: [] });
  fetches[2].respond(200, { findings: [] });
  assert.equal((await now(otherBox)).ok, true);
  assert.equal((await now(otherTab)).ok, true);
});

test('a service that is not running reads as offline; one that never answers is warming up, then slow', async () => {
  const { fetches, analyze, clock } = setup();
  const down = analyze(TEXT);
  await settle();
  fetches[0].fail();
  assert.deepEqual(await now(down), { ok: false, state: 'offline', offline: true });

  // Listening but silent before any answer: the model is loading (its health check hangs too).
  const hung = analyze(TEXT);
  await settle();
  clock.tick(14999);
  assert.equal(await now(hung), 'pending');
  clock.tick(1);
  await settle();
  assert.match(fetches[2].url, /\/healthz$/, 'a timeout asks whether anything listens');
  clock.tick(2000);
  assert.deepEqual(await now(hung), { ok: false, state: 'warming', offline: false }, 'not offline while it loads');

  // Once it has answered, a timeout is a slow service; a refused health check is offline again.
  const answered = analyze(TEXT);
  await settle();
  fetches[3].respond(200, { findings: [] });
  assert.equal((await now(answered)).ok, true);
  const slow = analyze(TEXT);
  await settle();
  clock.tick(15000);
  await settle();
  fetches[5].respond(200, { status: 'ok' });
  assert.deepEqual(await now(slow), { ok: false, state: 'timeout', offline: false });
  const gone = analyze(TEXT);
  await settle();
  clock.tick(15000);
  await settle();
  fetches[7].fail();
  assert.deepEqual(await now(gone), { ok: false, state: 'offline', offline: true });
});

test('an error from the service comes back with its status, code and message', async () => {
  const { fetches, analyze } = setup();
  const tooLong = analyze(TEXT);
  await settle();
  fetches[0].respond(413, { error: { code: 'too_long', message: 'at most 20000 characters' } });
  assert.deepEqual(await now(tooLong), { ok: false, status: 413, code: 'too_long', message: 'at most 20000 characters' });

  const broken = analyze(TEXT);
  await settle();
  fetches[1].respond(502, 'not json at all');
  assert.deepEqual(await now(broken), { ok: false, status: 502, code: '', message: '' });
});

test('"Options" on the chip opens the options page; other messages get no reply', async () => {
  const { send, optionsOpened, fetches } = setup();
  assert.equal(await send({ type: 'open-options' }), undefined);
  assert.equal(optionsOpened(), 1);
  assert.equal(await send({ type: 'something else' }), undefined);
  assert.equal(await send(null), undefined);
  assert.equal(fetches.length, 0);
});

test('the email text is never logged', async () => {
  const { fetches, analyze, logged } = setup({ token: 't' });
  const replies = [analyze(TEXT)];
  await settle();
  replies.push(analyze(`${TEXT} Thanks.`));
  await settle();
  fetches[1].respond(500, { error: { code: 'internal', message: 'x' } });
  replies.push(analyze(`${TEXT} Bye.`));
  await settle();
  fetches[2].fail();
  for (const r of replies) assert.notEqual(await now(r), 'pending');
  assert.deepEqual(logged, []);
});
