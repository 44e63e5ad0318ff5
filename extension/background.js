// The service worker: the only place that talks to the Give First service. It adds the settings (URL, token,
// disabled categories and rules) to each request, and cancels a compose box's previous request when a newer
// one arrives. When the default local service does not answer, it asks the native host to start it
// (native.js): the content script hears {starting, seconds} and asks again with afterStart, which waits for the
// service to answer. Email text is never logged.
importScripts('settings.js', 'native.js');

const TIMEOUT_MS = 15000;
const inflight = new Map(); // "tabId:key" -> AbortController

async function analyze(message, sender) {
  const id = `${sender.tab ? sender.tab.id : 'x'}:${message.key}`;
  if (inflight.has(id)) inflight.get(id).abort('superseded');
  const controller = new AbortController();
  inflight.set(id, controller);
  let timer = null;
  try {
    if (message.afterStart) {
      const started = await GiveFirstNative.whenStarted();
      if (controller.signal.aborted) return { ok: false, aborted: true };
      if (!started.ok) return { ok: false, offline: true, ...(started.noHost ? { noHost: true } : {}) };
    }
    const settings = await GiveFirstNative.settings();
    timer = setTimeout(() => controller.abort('timeout'), TIMEOUT_MS);
    const body = { text: message.text, offsets: 'utf16' };
    if (message.context) body.context = message.context;
    const disabled = GiveFirstSettings.disabledList(settings);
    if (disabled.length) body.disabled = disabled;
    const headers = { 'Content-Type': 'application/json' };
    if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
    let response;
    try {
      response = await fetch(GiveFirstSettings.endpoint(settings, 'v1/analyze'), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch (e) {
      if (controller.signal.aborted && controller.signal.reason === 'superseded') return { ok: false, aborted: true };
      return settings.managed && !message.afterStart ? startService() : { ok: false, offline: true };
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (data && data.error) || {};
      return { ok: false, status: response.status, code: error.code || '', message: error.message || '' };
    }
    return { ok: true, result: data };
  } catch (e) {
    if (controller.signal.aborted && controller.signal.reason === 'superseded') return { ok: false, aborted: true };
    return { ok: false, offline: true };
  } finally {
    clearTimeout(timer);
    if (inflight.get(id) === controller) inflight.delete(id);
  }
}

// The service is down: start it through the native host (one start for every tab). The content script shows
// "starting" and asks again with afterStart; with no host installed, the chip names the command that fixes it.
async function startService() {
  const first = await GiveFirstNative.start().first;
  if (first.state === 'starting' || first.state === 'running') {
    return { ok: false, starting: true, seconds: typeof first.load_seconds === 'number' ? first.load_seconds : null };
  }
  return first.state === 'no-host' ? { ok: false, offline: true, noHost: true } : { ok: false, offline: true };
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
