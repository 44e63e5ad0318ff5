// The service worker: the only place that talks to the Give First service. It adds the settings (URL, token,
// disabled categories and rules) to each request, cancels a compose box's previous request when a newer one
// arrives, and says why a request failed (failureState). Email text is never logged.
importScripts('settings.js');

const TIMEOUT_MS = 15000;
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
  const settings = await GiveFirstSettings.load();
  const id = `${sender.tab ? sender.tab.id : 'x'}:${message.key}`;
  if (inflight.has(id)) inflight.get(id).abort('superseded');
  const controller = new AbortController();
  inflight.set(id, controller);
  const timer = setTimeout(() => controller.abort('timeout'), settings.requestTimeoutMs || TIMEOUT_MS);

  const body = { text: message.text, offsets: 'utf16' };
  if (message.context) body.context = message.context;
  const disabled = GiveFirstSettings.disabledList(settings);
  if (disabled.length) body.disabled = disabled;
  const headers = { 'Content-Type': 'application/json' };
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;

  try {
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
    const state = await failureState(settings, reason);
    return { ok: false, state, offline: state === 'offline' };
  } finally {
    clearTimeout(timer);
    if (inflight.get(id) === controller) inflight.delete(id);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === 'analyze') {
    analyze(message, sender).then(sendResponse);
    return true; // the reply is asynchronous
  }
  if (message && message.type === 'open-options') chrome.runtime.openOptionsPage();
  return false;
});
