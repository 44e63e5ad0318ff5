// Runs the extension's classic scripts under node the way the manifest loads them (in order, sharing one scope),
// with the browser's globals replaced by fakes the test controls: a fake DOM (fake-dom.js), a fake clock for
// timers and animation frames, and whatever chrome/fetch/service stand-ins the test passes.
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');

// Evaluates files (relative to extension/) as one script with `globals` in scope; returns the bindings `names`.
function loadScripts(files, globals, names) {
  const source = files.map((f) => `// ---- ${f}\n${fs.readFileSync(path.join(EXTENSION, f), 'utf8')}`).join('\n;\n');
  const params = Object.keys(globals);
  // eslint-disable-next-line no-new-func
  const run = new Function(...params, 'module', `${source}\n;return { ${names.join(', ')} };`);
  return run(...params.map((p) => globals[p]), undefined);
}

// setTimeout, requestAnimationFrame and performance.now on a clock that moves only when the test says.
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  const frames = new Map();
  const clock = {
    now: () => now,
    performance: { now: () => now },
    setTimeout(fn, ms = 0) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms || 0), fn });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
    requestAnimationFrame(fn) {
      const id = nextId++;
      frames.set(id, fn);
      return id;
    },
    cancelAnimationFrame(id) {
      frames.delete(id);
    },
    // Moves time on by ms, running each timer that falls due in order.
    tick(ms) {
      const end = now + ms;
      for (;;) {
        let next = null;
        for (const [id, t] of timers) if (t.at <= end && (!next || t.at < next[1].at)) next = [id, t];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    // Runs the animation frames requested so far (a frame being painted).
    frame() {
      const due = [...frames.values()];
      frames.clear();
      for (const fn of due) fn(now);
    },
    get timers() {
      return timers.size;
    },
  };
  return clock;
}

// Lets pending promise callbacks run (replies resolving, async functions going on).
function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

// What a promise has settled to by now, or 'pending' (so a test of a reply that never comes fails, not hangs).
async function now(promise) {
  const pending = Symbol('pending');
  const value = await Promise.race([promise, settle().then(() => pending)]);
  return value === pending ? 'pending' : value;
}

// Values made inside the loaded scripts compared as plain data.
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

module.exports = { EXTENSION, loadScripts, fakeClock, settle, now, plain };
