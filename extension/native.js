// Starting the Give First service through its native messaging host (registered by `givefirst install`), for the
// service worker: when the default local service does not answer, ask the host to start it, share that one start
// between every compose box and tab, and remember the port the host reports (chrome.storage.local: this device).
// The host takes exactly {command: 'status' | 'start' | 'restart' | 'stop'}; nothing else is ever sent to it.
const GiveFirstNative = (() => {
  const HOST = 'com.givefirst.host';
  const START_TIMEOUT_MS = 200000; // the launcher gives up after 180 s; this only guards against a hung host
  const RETRY_AFTER_FAILURE_MS = 30000; // a service that failed to start is not started again at every keystroke
  let starting = null; // the start under way: {first: Promise<reply>, done: Promise<result>}
  let last = null; // the result of the last start: {ok, port} or {ok: false, noHost, error, at}

  // Sends one command; resolves to {error, replies} when the host has said `enough(reply)` or has gone. error is
  // null, 'no-host' (not installed), 'unsupported' (no native messaging here) or the browser's message.
  function run(command, enough, onReply = () => {}) {
    return new Promise((resolve) => {
      const replies = [];
      let port;
      try {
        port = chrome.runtime.connectNative(HOST);
      } catch (e) {
        resolve({ error: 'unsupported', replies });
        return;
      }
      const timer = setTimeout(() => {
        port.disconnect();
        resolve({ error: 'the helper did not answer', replies });
      }, START_TIMEOUT_MS);
      port.onMessage.addListener((reply) => {
        replies.push(reply);
        onReply(reply);
        if (enough(reply)) {
          clearTimeout(timer);
          port.disconnect();
          resolve({ error: null, replies });
        }
      });
      port.onDisconnect.addListener(() => {
        clearTimeout(timer);
        const message = (chrome.runtime.lastError && chrome.runtime.lastError.message) || 'the helper exited';
        resolve({ error: /not found/i.test(message) ? 'no-host' : message, replies });
      });
      port.postMessage({ command });
    });
  }

  function available() {
    return Boolean(chrome.runtime && chrome.runtime.connectNative);
  }

  // The settings with the service URL to use: the port the host reported when the options keep the default URL.
  // `managed` says whether this extension may start the service (only the default local one).
  async function settings() {
    const s = await GiveFirstSettings.load();
    if (s.serviceUrl !== GiveFirstSettings.DEFAULTS.serviceUrl) return { ...s, managed: false };
    const { servicePort } = await chrome.storage.local.get('servicePort');
    const port = Number.isInteger(servicePort) && servicePort > 0 && servicePort < 65536 ? servicePort : null;
    return { ...s, serviceUrl: port ? `http://127.0.0.1:${port}` : s.serviceUrl, managed: true };
  }

  // Starts (or restarts) the service unless a start is under way. first: the host's first reply ('starting' with
  // the last model load time, 'running', or {state: 'no-host' | 'failed'}); done: {ok, port} once it answers.
  function start(command = 'start') {
    if (starting) return starting;
    if (command === 'start' && last && !last.ok && !last.noHost && Date.now() - last.at < RETRY_AFTER_FAILURE_MS) {
      return { first: Promise.resolve({ state: 'failed', error: last.error }), done: Promise.resolve(last) };
    }
    if (!available()) {
      return { first: Promise.resolve({ state: 'failed', error: 'unsupported' }), done: Promise.resolve({ ok: false, error: 'unsupported' }) };
    }
    let sayFirst;
    const first = new Promise((resolve) => { sayFirst = resolve; });
    const done = run(command, (reply) => reply.state !== 'starting', (reply) => sayFirst(reply)).then(async ({ error, replies }) => {
      const reply = replies[replies.length - 1];
      let result;
      if (!error && reply && reply.state === 'running' && Number.isInteger(reply.port)) {
        await chrome.storage.local.set({ servicePort: reply.port });
        result = { ok: true, port: reply.port };
      } else {
        result = { ok: false, noHost: error === 'no-host', error: error || (reply && reply.error) || 'not started', at: Date.now() };
      }
      sayFirst(error === 'no-host' ? { state: 'no-host' } : { state: 'failed', error: result.error });
      last = result;
      starting = null;
      return result;
    });
    starting = { first, done };
    return starting;
  }

  // The start under way, or the last one's result.
  function whenStarted() {
    return starting ? starting.done : Promise.resolve(last || { ok: true });
  }

  // The host's view of the service (options page): its reply, or {state: 'no-host' | 'unsupported' | 'error'}.
  async function status() {
    if (!available()) return { state: 'unsupported' };
    const { error, replies } = await run('status', () => true);
    if (error === 'no-host') return { state: 'no-host' };
    return replies[0] || { state: 'error', error };
  }

  return { HOST, settings, start, whenStarted, status, available };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstNative;
