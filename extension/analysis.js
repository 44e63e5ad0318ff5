// What a page remembers about analyses: answers cached by text + settings + context (in memory only, for this
// tab: never stored), so undo, redo and a category switched off and on again answer at once without a request;
// and how long to wait before asking again after a failure, by the service's state.
const GiveFirstAnalysis = (() => {
  const MAX_ENTRIES = 200;
  const cache = new Map(); // key -> result, oldest first
  // Retry delays by state: the model loading is asked again soon (the request waits in the service's queue);
  // offline and slow answers back off (2 s, 4 s, 8 s ... up to 30 s).
  const STEPS = [2000, 4000, 8000, 16000, 30000];
  const BACKOFF = { warming: [1000], offline: STEPS, timeout: STEPS, busy: STEPS };

  function key(text, disabled, context, service = []) {
    return JSON.stringify([text, [...(disabled || [])].sort(), context || null, service]);
  }

  function get(k) {
    if (!cache.has(k)) return null;
    const value = cache.get(k);
    cache.delete(k); // most recently used goes last
    cache.set(k, value);
    return value;
  }

  function put(k, value) {
    cache.delete(k);
    cache.set(k, value);
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value);
  }

  // The wait before retry number attempt (0-based) in state, or null when that state is not retried.
  function retryDelay(state, attempt) {
    const steps = BACKOFF[state];
    return steps ? steps[Math.min(attempt, steps.length - 1)] : null;
  }

  function clear() {
    cache.clear();
  }

  return { key, get, put, retryDelay, clear };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstAnalysis;
