const test = require('node:test');
const assert = require('node:assert/strict');
const Settings = require('../../extension/settings.js');

test('defaults: the local service on port 8765, no token, nothing disabled', () => {
  const s = Settings.withDefaults({});
  assert.equal(s.serviceUrl, 'http://127.0.0.1:8765');
  assert.equal(s.token, '');
  assert.deepEqual(Settings.disabledList(s), []);
});

test('stored values win; blanks and junk fall back to safe values', () => {
  const s = Settings.withDefaults({ serviceUrl: '  http://localhost:9000/gf  ', token: ' t ', disabledRules: 'x' });
  assert.equal(s.serviceUrl, 'http://localhost:9000/gf');
  assert.equal(s.token, 't');
  assert.deepEqual(s.disabledRules, []);
  assert.equal(Settings.withDefaults({ serviceUrl: '' }).serviceUrl, 'http://127.0.0.1:8765');
});

test('the request\'s "disabled" list joins categories and rules once each', () => {
  const s = Settings.withDefaults({ disabledCategories: ['weak-phrasing'], disabledRules: ['undermining.effort', 'weak-phrasing'] });
  assert.deepEqual(Settings.disabledList(s), ['weak-phrasing', 'undermining.effort']);
});

test('endpoints keep a base path, with or without a trailing slash', () => {
  assert.equal(Settings.endpoint(Settings.withDefaults({}), 'v1/analyze'), 'http://127.0.0.1:8765/v1/analyze');
  assert.equal(Settings.endpoint({ serviceUrl: 'http://localhost:9000/gf' }, 'healthz'), 'http://localhost:9000/gf/healthz');
  assert.equal(Settings.endpoint({ serviceUrl: 'http://localhost:9000/gf/' }, 'v1/analyze'), 'http://localhost:9000/gf/v1/analyze');
});

test('only loopback http URLs are reachable with the manifest\'s host permissions', () => {
  assert.ok(Settings.isLoopback('http://127.0.0.1:8765'));
  assert.ok(Settings.isLoopback('http://localhost:1234/x'));
  assert.ok(!Settings.isLoopback('https://127.0.0.1:8765'));
  assert.ok(!Settings.isLoopback('http://192.168.1.5:8765'));
  assert.ok(!Settings.isLoopback('not a url'));
});
