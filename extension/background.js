// The service worker: the only place that talks to the Give First service. It adds the settings (URL, token,
// disabled categories and rules) to each request, and cancels a compose box's previous request when a newer
// one arrives. Email text is never logged.
importScripts('settings.js');

const TIMEOUT_MS = 15000;
const inflight = new Map(); // "tabId:key" -> AbortController

async function analyze(message, sender) {
  const settings = await GiveFirstSettings.load();
  const id = `${sender.tab ? sender.tab.id : 'x'}:${message.key}`;
  if (inflight.has(id)) inflight.get(id).abort('superseded');
  const controller = new AbortController();
  inflight.set(id, controller);
  const timer = setTimeout(() => controller.abort('timeout'), TIMEOUT_MS);

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
    return { ok: true, result: data };
  } catch (e) {
    if (controller.signal.aborted && controller.signal.reason === 'superseded') return { ok: false, aborted: true };
    return { ok: false, offline: true };
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
