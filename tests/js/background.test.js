// The service worker (extension/background.js): the request it sends for a draft, what the content script gets
// back in each case, and that a newer draft from the same compose box cancels the older request.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadScripts, fakeClock, settle, now } = require('./harness.js');

// A native messaging host the test plays: host.ports are the connections the worker opened ({sent, reply(message),
// exit(error)}); with installed=false, connecting fails as Chrome does when no host manifest is found.
function fakeHost(chrome, installed) {
  const host = { ports: [], installed };
  chrome.runtime.connectNative = (name) => {
    host.name = name;
    const messageListeners = [];
    const disconnectListeners = [];
    const port = {
      sent: [], disconnected: false,
      onMessage: { addListener: (fn) => messageListeners.push(fn) },
      onDisconnect: { addListener: (fn) => disconnectListeners.push(fn) },
      postMessage(m) {
        port.sent.push(m);
        if (!host.installed) setImmediate(() => port.exit('Specified native messaging host not found.'));
      },
      disconnect() { port.disconnected = true; },
      reply(m) { for (const fn of messageListeners) fn(m); },
      exit(error) {
        chrome.runtime.lastError = error ? { message: error } : undefined;
        for (const fn of disconnectListeners) fn(port);
        chrome.runtime.lastError = undefined;
      },
    };
    host.ports.push(port);
    return port;
  };
  return host;
}

function setup(stored = {}, { native = null, local = {} } = {}) {
  const clock = fakeClock();
  const fetches = []; // {url, options, respond(status, body), fail()}
  const logged = [];
  const imported = [];
  let listener = null;
  let optionsOpened = 0;
  const chrome = {
    storage: {
      sync: { get: async (keys) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])) },
      local: {
        get: async (key) => (key in local ? { [key]: local[key] } : {}),
        set: async (items) => Object.assign(local, items),
      },
    },
    runtime: {
      onMessage: { addListener: (fn) => { listener = fn; } },
      openOptionsPage: () => { optionsOpened++; },
      getURL: (path) => `chrome-extension://gf/${path}`,
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
  const host = native === null ? null : fakeHost(chrome, native);
  loadScripts(['settings.js', 'native.js', 'ledger.js', 'background.js'], {
    chrome, fetch, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout,
    importScripts: (...files) => imported.push(...files), // settings.js is loaded above, as importScripts would
    console: { log: spy('log'), info: spy('info'), warn: spy('warn'), error: spy('error'), debug: spy('debug') },
  }, []);
  assert.deepEqual(imported, ['settings.js', 'native.js', 'ledger.js']);
  // Sends a message as a content script in tab `tab` would; resolves to the reply.
  function send(message, tab = 7) { // tab null: from the options page (an extension page, in a tab of its own)
    return new Promise((resolve) => {
      const sender = tab === null ? { url: 'chrome-extension://gf/options.html', tab: { id: 3 } } : { url: 'https://mail.google.com/mail/u/0/', tab: { id: tab } };
      const async = listener(message, sender, resolve);
      if (!async) resolve(undefined);
    });
  }
  const analyze = (text, extra = {}, tab = 7) => send({ type: 'analyze', key: 'draft-1', text, ...extra }, tab);
  return { clock, fetches, logged, send, analyze, optionsOpened: () => optionsOpened, host, local };
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

// ---------------------------------------------------------------- starting the service through the native host

test('a default local service that is down is started through the host: starting, then the retry reaches it', async () => {
  const { fetches, analyze, host, local } = setup({}, { native: true });
  const first = analyze(TEXT);
  await settle();
  fetches[0].fail();
  await settle();
  assert.equal(host.name, 'com.givefirst.host');
  assert.deepEqual(host.ports[0].sent, [{ command: 'start' }], 'only a fixed command goes to the host');
  host.ports[0].reply({ ok: true, state: 'starting', port: 40123, load_seconds: 6.5 });
  assert.deepEqual(await now(first), { ok: false, state: 'starting', starting: true, seconds: 6.5 });

  const retry = analyze(TEXT, { afterStart: true });
  await settle();
  assert.equal(fetches.length, 1, 'the retry waits for the service to answer');
  host.ports[0].reply({ ok: true, state: 'running', port: 40123, health: { status: 'ok' } });
  await settle();
  assert.equal(host.ports[0].disconnected, true);
  assert.deepEqual(local, { servicePort: 40123 }, 'the port is kept on this device');
  assert.equal(fetches[1].url, 'http://127.0.0.1:40123/v1/analyze');
  fetches[1].respond(200, { findings: [] });
  assert.deepEqual(await now(retry), { ok: true, result: { findings: [] } });

  analyze(TEXT);
  await settle();
  assert.equal(fetches[2].url, 'http://127.0.0.1:40123/v1/analyze', 'and used from now on');
  assert.equal(host.ports.length, 1);
});

test('tabs that find the service down at once share one start', async () => {
  const { fetches, analyze, host } = setup({}, { native: true });
  const replies = [analyze(TEXT, {}, 1), analyze(TEXT, {}, 2), analyze(TEXT, { key: 'draft-2' }, 1)];
  await settle();
  for (const f of fetches) f.fail();
  await settle();
  assert.equal(host.ports.length, 1);
  host.ports[0].reply({ ok: true, state: 'starting', port: 40123, load_seconds: null });
  for (const r of replies) assert.deepEqual(await now(r), { ok: false, state: 'starting', starting: true, seconds: null });
});

test('with no host installed the reply says so; a custom service URL is never started', async () => {
  const { fetches, analyze, host } = setup({}, { native: false });
  const down = analyze(TEXT);
  await settle();
  fetches[0].fail();
  await settle();
  await settle();
  assert.deepEqual(await now(down), { ok: false, state: 'offline', offline: true, noHost: true });
  const retry = analyze(TEXT, { afterStart: true });
  assert.deepEqual(await now(retry), { ok: false, state: 'offline', offline: true, noHost: true });

  const custom = setup({ serviceUrl: 'http://127.0.0.1:9000' }, { native: true });
  const reply = custom.analyze(TEXT);
  await settle();
  custom.fetches[0].fail();
  assert.deepEqual(await now(reply), { ok: false, state: 'offline', offline: true });
  assert.equal(custom.host.ports.length, 0, 'the options name another service: not ours to start');
});

test('a service that fails to start reads as offline and is not started again at every keystroke', async () => {
  const { fetches, analyze, host } = setup({}, { native: true });
  const first = analyze(TEXT);
  await settle();
  fetches[0].fail();
  await settle();
  host.ports[0].reply({ ok: true, state: 'starting', port: 40123 });
  await now(first);
  const retry = analyze(TEXT, { afterStart: true });
  host.ports[0].reply({ ok: false, state: 'failed', error: 'the service exited; see service.log' });
  assert.deepEqual(await now(retry), { ok: false, state: 'offline', offline: true });
  const again = analyze(TEXT);
  await settle();
  fetches[1].fail();
  assert.deepEqual(await now(again), { ok: false, state: 'offline', offline: true });
  assert.equal(host.ports.length, 1);
});

test('the options page asks the host for the status and restarts; a page in a tab cannot', async () => {
  const { send, host } = setup({}, { native: true });
  const status = send({ type: 'service-status' }, null);
  await settle();
  assert.deepEqual(host.ports[0].sent, [{ command: 'status' }]);
  host.ports[0].reply({ ok: true, state: 'running', port: 8765, version: '0.1.0', pid: 42 });
  assert.deepEqual(await now(status), { ok: true, state: 'running', port: 8765, version: '0.1.0', pid: 42, managed: true });

  const restart = send({ type: 'service-restart' }, null);
  await settle();
  assert.deepEqual(host.ports[1].sent, [{ command: 'restart' }]);
  host.ports[1].reply({ ok: true, state: 'starting', port: 8765 });
  host.ports[1].reply({ ok: true, state: 'running', port: 8765 });
  await settle();
  host.ports[2].reply({ ok: true, state: 'running', port: 8765, pid: 43 });
  assert.equal((await now(restart)).pid, 43);

  assert.equal(await send({ type: 'service-restart' }, 7), undefined, 'not from a content script');
  assert.equal(host.ports.length, 3);
});

test('only offline starts the service: a loading or slow service is retried, never started; a start is tried once per request', async () => {
  const { fetches, analyze, host, clock } = setup({}, { native: true });
  // Listening but silent (the model is loading, started by hand): warming, and nothing is started.
  const hung = analyze(TEXT);
  await settle();
  clock.tick(15000);
  await settle();
  assert.match(fetches[1].url, /\/healthz$/);
  clock.tick(2000);
  assert.deepEqual(await now(hung), { ok: false, state: 'warming', offline: false });
  assert.equal(host.ports.length, 0, 'warming is not a reason to start anything');

  // It answers, then is slow: timeout, nothing started either.
  const answered = analyze(TEXT);
  await settle();
  fetches[2].respond(200, { findings: [] });
  assert.equal((await now(answered)).ok, true);
  const slow = analyze(TEXT);
  await settle();
  clock.tick(15000);
  await settle();
  fetches[4].respond(200, { status: 'ok' });
  assert.deepEqual(await now(slow), { ok: false, state: 'timeout', offline: false });
  assert.equal(host.ports.length, 0);

  // It goes away: offline, so the host starts it; the request sent after the start finds it loading its model
  // (its first analysis takes longer than the timeout): warming, not offline, and not started a second time.
  const gone = analyze(TEXT);
  await settle();
  fetches[5].fail();
  await settle();
  assert.deepEqual(host.ports[0].sent, [{ command: 'start' }]);
  host.ports[0].reply({ ok: true, state: 'starting', port: 40123, load_seconds: 3 });
  assert.deepEqual(await now(gone), { ok: false, state: 'starting', starting: true, seconds: 3 });
  const retry = analyze(TEXT, { afterStart: true });
  host.ports[0].reply({ ok: true, state: 'running', port: 40123 });
  await settle();
  assert.equal(fetches[6].url, 'http://127.0.0.1:40123/v1/analyze');
  clock.tick(15000);
  await settle();
  assert.equal(fetches[7].url, 'http://127.0.0.1:40123/healthz');
  fetches[7].respond(200, { status: 'ok' });
  assert.deepEqual(await now(retry), { ok: false, state: 'warming', offline: false });

  // A request sent after a start that finds nothing listening is offline: the content script's backoff asks again.
  const after = analyze(TEXT, { afterStart: true });
  await settle();
  fetches[8].fail();
  assert.deepEqual(await now(after), { ok: false, state: 'offline', offline: true });
  assert.equal(host.ports.length, 1, 'one start');
});

// ---------------------------------------------------------------- the give/ask ledger (opt-in)

test('the ledger is asked only with the option on, for the addresses alone, with the token; a failure is empty', async () => {
  const off = setup({}, { native: true });
  assert.deepEqual(await off.send({ type: 'ledger', to: ['dana@x.com'] }), { ok: true, entries: {} });
  assert.equal(off.fetches.length, 0, 'off by default: nothing is asked');

  const { fetches, send, host } = setup({ ledger: true, token: 's3cret' }, { native: true });
  const reply = send({ type: 'ledger', to: ['dana@x.com', 'sam@y.org'] });
  await settle();
  assert.equal(fetches[0].url, 'http://127.0.0.1:8765/v1/ledger?to=dana%40x.com%2Csam%40y.org');
  assert.equal(fetches[0].options.headers.Authorization, 'Bearer s3cret');
  assert.equal(fetches[0].options.credentials, 'omit');
  const dana = { address: 'dana@x.com', known: true, favour_asks: 4, last_give: '2024-03-02', favour_asks_since_last_give: 3 };
  fetches[0].respond(200, { ledger: true, recipients: [dana, { address: 'sam@y.org', known: false }] });
  assert.deepEqual(await now(reply), { ok: true, entries: { 'dana@x.com': dana } });

  const down = send({ type: 'ledger', to: ['dana@x.com'] });
  await settle();
  fetches[1].fail();
  assert.deepEqual(await now(down), { ok: true, entries: {} });
  assert.equal(host.ports.length, 0, 'the ledger never starts the service');
  assert.deepEqual(await send({ type: 'ledger', to: [] }), { ok: true, entries: {} });
});
