// The service worker: the only place that talks to the Give First service. It adds the settings (URL, token,
// disabled categories and rules) to each request, cancels a compose box's previous request when a newer one
// arrives, and says why a request failed (failureState). When the default local service is offline, it asks the
// native host to start it (native.js): the content script hears {state: 'starting', seconds} and asks again with
// afterStart, which waits for that start. With the ledger option on, it also asks GET /v1/ledger for a compose
// window's recipients (same settings and token). Email text is never logged.
importScripts('settings.js', 'native.js', 'ledger.js');

const TIMEOUT_MS = 15000;
const LEDGER_TIMEOUT_MS = 5000;
const PROBE_MS = 2000;
const inflight = new Map(); // "tabId:key" -> AbortController
// What is known about each service (by URL): ready once it has answered an analysis. A service that has not yet
// answered one may be loading its language model (a first request can take longer than the timeout).
const ready = new Set();

// Whether anything listens at the service's address: a refused connection rejects at once; a service busy
// loading its model accepts the connection and answers later (or not within PROBE_MS), which counts as listening.
async function listening(settings) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_MS);
  try {
    await fetch(GiveFirstSettings.endpoint(settings, 'healthz'), { signal: controller.signal, credentials: 'omit' });
    return true;
  } catch (e) {
    return controller.signal.aborted;
  } finally {
    clearTimeout(timer);
  }
}

// Why a request failed, as the state the chip shows (and the content script retries by):
// 'offline' (nothing listens: not started, or stopped), 'warming' (it listens but has not answered an analysis
// yet: the model is loading), 'timeout' (it answered before and is slow now). The one place that decides it.
async function failureState(settings, reason) {
  if (reason !== 'timeout' || !(await listening(settings))) {
    ready.delete(settings.serviceUrl); // when it comes back it loads its model again
    return 'offline';
  }
  return ready.has(settings.serviceUrl) ? 'timeout' : 'warming';
}

async function analyze(message, sender) {
  const id = `${sender.tab ? sender.tab.id : 'x'}:${message.key}`;
  if (inflight.has(id)) inflight.get(id).abort('superseded');
  const controller = new AbortController();
  inflight.set(id, controller);
  let timer = null;
  let settings = null;
  try {
    if (message.afterStart) {
      // Sent again after a start through the host: wait for it (not counted in the timeout).
      const started = await GiveFirstNative.whenStarted();
      if (controller.signal.aborted) return { ok: false, aborted: true };
      if (!started.ok) return offline(started.noHost);
    }
    settings = await GiveFirstNative.settings();
    timer = setTimeout(() => controller.abort('timeout'), settings.requestTimeoutMs || TIMEOUT_MS);
    const body = { text: message.text, offsets: 'utf16' };
    if (message.context) body.context = message.context;
    const disabled = GiveFirstSettings.disabledList(settings);
    if (disabled.length) body.disabled = disabled;
    const headers = { 'Content-Type': 'application/json' };
    if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
    const response = await fetch(GiveFirstSettings.endpoint(settings, 'v1/analyze'), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: 'omit',
    });
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (data && data.error) || {};
      return { ok: false, status: response.status, code: error.code || '', message: error.message || '' };
    }
    ready.add(settings.serviceUrl);
    return { ok: true, result: data };
  } catch (e) {
    const reason = controller.signal.aborted ? controller.signal.reason : 'network';
    if (reason === 'superseded') return { ok: false, aborted: true };
    if (!settings) return offline();
    return failed(settings, reason, Boolean(message.afterStart));
  } finally {
    clearTimeout(timer);
    if (inflight.get(id) === controller) inflight.delete(id);
  }
}

function offline(noHost = false) {
  return { ok: false, state: 'offline', offline: true, ...(noHost ? { noHost: true } : {}) };
}

// A request that got no answer: failureState says why. Only 'offline' (nothing listens) of the default local
// service (settings.managed) starts it through the native host, and only once per request: a request already sent
// after a start (afterStart) that still finds nothing is offline, and the content script's backoff asks again.
// 'warming' and 'timeout' mean something listens: nothing to start, the content script retries with backoff.
async function failed(settings, reason, afterStart) {
  const state = await failureState(settings, reason);
  if (state === 'offline' && settings.managed && !afterStart) return startService();
  return { ok: false, state, offline: state === 'offline' };
}

// The give/ask balance of a compose window's recipients: {ok: true, entries: {address: entry}}, empty when the
// option is off, nothing is known, or the service does not answer (the ledger never starts the service: the
// analysis does). Only the addresses go to the service, with the analysis's URL and token.
async function ledger(message) {
  const settings = await GiveFirstNative.settings();
  const to = Array.isArray(message.to) ? message.to.filter((a) => typeof a === 'string') : [];
  if (!settings.ledger || !to.length) return { ok: true, entries: {} };
  const get = (url, options) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), LEDGER_TIMEOUT_MS);
    return fetch(url, { ...options, signal: controller.signal, credentials: 'omit' }).finally(() => clearTimeout(timer));
  };
  const entries = await GiveFirstLedger.fetchBalance(get, GiveFirstSettings.endpoint(settings, 'v1/ledger'), settings.token, to);
  return { ok: true, entries };
}

// The service is down: start it through the native host (one start for every tab). The content script shows
// "starting" and asks again with afterStart; with no host installed, the chip names the command that fixes it.
async function startService() {
  const first = await GiveFirstNative.start().first;
  if (first.state === 'starting' || first.state === 'running') {
    const seconds = typeof first.load_seconds === 'number' ? first.load_seconds : null;
    return { ok: false, state: 'starting', starting: true, seconds };
  }
  return offline(first.state === 'no-host');
}

// The options page's service block: the host's view of the service, and Restart.
async function serviceStatus() {
  const s = await GiveFirstNative.settings();
  return { ...(await GiveFirstNative.status()), managed: s.managed };
}

async function restartService() {
  const result = await GiveFirstNative.start('restart').done;
  const status = await serviceStatus();
  return result.ok ? status : { ...status, error: result.error };
}

// A message from one of the extension's own pages (the options), not from a content script on a web page.
function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === 'analyze') {
    analyze(message, sender).then(sendResponse);
    return true; // the reply is asynchronous
  }
  if (message && message.type === 'ledger') {
    ledger(message).then(sendResponse);
    return true;
  }
  if (message && message.type === 'open-options') chrome.runtime.openOptionsPage();
  if (message && message.type === 'service-status' && fromExtensionPage(sender)) {
    serviceStatus().then(sendResponse);
    return true;
  }
  if (message && message.type === 'service-restart' && fromExtensionPage(sender)) {
    restartService().then(sendResponse);
    return true;
  }
  return false;
});
