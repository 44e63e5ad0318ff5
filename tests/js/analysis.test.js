// The tab's answer cache and the retry backoff (extension/analysis.js), and dark mode's colour test (theme.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const Analysis = require('../../extension/analysis.js');
const Theme = require('../../extension/theme.js');

test('answers are cached by text, settings and context; the disabled list in any order', () => {
  Analysis.clear();
  const key = Analysis.key('Oh, no big deal!', ['b', 'a'], 'Thanks!', ['http://127.0.0.1:8765', '']);
  Analysis.put(key, { findings: [1] });
  assert.deepEqual(Analysis.get(Analysis.key('Oh, no big deal!', ['a', 'b'], 'Thanks!', ['http://127.0.0.1:8765', ''])), { findings: [1] });
  assert.equal(Analysis.get(Analysis.key('Oh, no big deal!', ['a'], 'Thanks!', ['http://127.0.0.1:8765', ''])), null);
  assert.equal(Analysis.get(Analysis.key('Oh, no big deal!', ['a', 'b'], null, ['http://127.0.0.1:8765', ''])), null);
  assert.equal(Analysis.get(Analysis.key('Oh, no big deal!', ['a', 'b'], 'Thanks!', ['http://127.0.0.1:9000', ''])), null);
});

test('the cache keeps the 200 most recently used answers', () => {
  Analysis.clear();
  for (let i = 0; i < 200; i++) Analysis.put(Analysis.key(`t${i}`), i);
  assert.equal(Analysis.get(Analysis.key('t0')), 0); // used: now the newest
  Analysis.put(Analysis.key('t200'), 200);
  assert.equal(Analysis.get(Analysis.key('t1')), null, 'the least recently used went');
  assert.equal(Analysis.get(Analysis.key('t0')), 0);
});

test('retries: warming soon, offline and slow with backoff up to 30 s, errors never', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 9].map((n) => Analysis.retryDelay('offline', n)), [2000, 4000, 8000, 16000, 30000, 30000]);
  assert.equal(Analysis.retryDelay('timeout', 0), 2000);
  assert.equal(Analysis.retryDelay('warming', 5), 1000);
  assert.equal(Analysis.retryDelay('error', 0), null);
});

test("dark mode: a dark opaque background is dark, Gmail's light one is not", () => {
  assert.ok(Theme.luminance(Theme.parse('rgb(45, 46, 48)')) < 0.2);
  assert.ok(Theme.luminance(Theme.parse('rgb(255, 255, 255)')) > 0.2);
  assert.deepEqual(Theme.parse('rgba(0, 0, 0, 0)'), { r: 0, g: 0, b: 0, a: 0 });
});
