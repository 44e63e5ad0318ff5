// Content-side messaging: every call to the service goes through the service worker, because a content script
// on a public page (Gmail) may not fetch a loopback address (Chrome's Local Network Access rules).
const GiveFirstService = (() => {
  async function send(message) {
    try {
      const reply = await chrome.runtime.sendMessage(message);
      return reply || { ok: false, offline: true, state: 'offline' };
    } catch (e) {
      // The extension was reloaded or updated under this page: its worker is gone until the page reloads.
      return { ok: false, status: 0 };
    }
  }

  // Resolves to {ok: true, result} or {ok: false, offline (noHost) | aborted | status, code, message}; never
  // rejects. When the service worker is starting the service (native host), onStarting(seconds) is called
  // (seconds: the model's last load time, or null) and the request is sent again once the service answers.
  async function analyze(key, text, replyingTo, onStarting) {
    const message = { type: 'analyze', key, text };
    if (replyingTo) message.context = { replying_to: replyingTo };
    const reply = await send(message);
    if (!reply.starting) return reply;
    if (onStarting) onStarting(reply.seconds);
    return send({ ...message, afterStart: true });
  }

  // The ledger's entries for these addresses ({address: entry}); {} when off, unknown or unreachable.
  async function ledger(addresses) {
    const reply = await send({ type: 'ledger', to: addresses });
    return (reply && reply.ok && reply.entries) || {};
  }

  function openOptions() {
    chrome.runtime.sendMessage({ type: 'open-options' }).catch(() => {});
  }

  function loadSettings() {
    return GiveFirstSettings.load();
  }

  function onSettingsChanged(callback) {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync') callback();
    });
  }

  // Adds a rule to the stored list (read, then write: the list may have changed in another tab).
  function disableRule(rule) {
    return loadSettings().then((s) => {
      if (!s.disabledRules.includes(rule)) return chrome.storage.sync.set({ disabledRules: [...s.disabledRules, rule] });
    });
  }

  return { analyze, ledger, openOptions, loadSettings, onSettingsChanged, disableRule };
})();
