// Settings shared by the service worker and the options page: defaults, loading, and the request's "disabled" list.
const GiveFirstSettings = (() => {
  const DEFAULTS = Object.freeze({
    serviceUrl: 'http://127.0.0.1:8765',
    token: '',
    disabledCategories: [],
    disabledRules: [],
    // The key that jumps to the next finding (keyboard.js); set in the options page.
    nextFindingShortcut: 'Alt+Shift+J',
    // How long the worker waits for an analysis before asking why (background.js failureState); not in the
    // options page: tests shorten it.
    requestTimeoutMs: 15000,
    // Show the give/ask ledger (givefirst import) for the compose window's recipients: off unless turned on.
    ledger: false,
  });

  function withDefaults(stored) {
    const s = { ...DEFAULTS, ...(stored || {}) };
    s.serviceUrl = String(s.serviceUrl || DEFAULTS.serviceUrl).trim();
    s.token = String(s.token || '').trim();
    s.disabledCategories = Array.isArray(s.disabledCategories) ? s.disabledCategories : [];
    s.disabledRules = Array.isArray(s.disabledRules) ? s.disabledRules : [];
    s.nextFindingShortcut = String(s.nextFindingShortcut || DEFAULTS.nextFindingShortcut);
    s.requestTimeoutMs = Number(s.requestTimeoutMs) > 0 ? Number(s.requestTimeoutMs) : DEFAULTS.requestTimeoutMs;
    s.ledger = s.ledger === true;
    return s;
  }

  function load() {
    return chrome.storage.sync.get(Object.keys(DEFAULTS)).then(withDefaults);
  }

  // Categories and rule ids the service should skip, without duplicates.
  function disabledList(s) {
    return [...new Set([...s.disabledCategories, ...s.disabledRules])];
  }

  // An endpoint ("v1/analyze", "healthz") under the configured base URL; a base with a path prefix keeps it.
  function endpoint(s, path) {
    const base = s.serviceUrl.endsWith('/') ? s.serviceUrl : s.serviceUrl + '/';
    return new URL(path, base).href;
  }

  // Only loopback services are reachable: the manifest grants host permission for nothing else.
  function isLoopback(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(u.hostname);
    } catch (e) {
      return false;
    }
  }

  return { DEFAULTS, withDefaults, load, disabledList, endpoint, isLoopback };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstSettings;
