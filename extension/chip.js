// The summary chip at the bottom right of each compose body: counts by category, reading grade, words and
// questions, or why there is nothing to show (service offline, token needed). Clicking it lists the findings.
const GiveFirstChip = (() => {
  const INSET = 6;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  // handlers: {onOpenFinding(uid), onOpenOptions()}
  function create(layer, handlers) {
    const chip = el('div', 'gf-chip');
    chip.hidden = true;
    const main = el('button', 'gf-chip-main');
    main.type = 'button';
    main.addEventListener('mousedown', (e) => e.preventDefault());
    main.addEventListener('click', (e) => toggleList(state, e.detail === 0));
    chip.append(main);
    layer.append(chip);
    const state = { chip, main, list: null, layer, handlers, view: null };
    return state;
  }

  function metricsText(m) {
    const grade = typeof m.reading_grade === 'number' && m.reading_grade >= 1 ? `grade ${m.reading_grade.toFixed(1)} \u00b7 ` : '';
    return `${grade}${plural(m.words, 'word')} \u00b7 ${plural(m.questions, 'question')}`;
  }

  // What the chip says, in words (its accessible name).
  function spoken(view) {
    const counts = GiveFirstCategories.LIST.filter((c) => view.counts[c.id]).map((c) => `${view.counts[c.id]} ${c.short}`);
    const metrics = view.metrics ? `; ${metricsText(view.metrics)}` : '';
    return `Give First: ${counts.length ? counts.join(', ') : 'no findings'}${metrics}. Show the list.`;
  }

  function summary(view) {
    const parts = [];
    for (const c of GiveFirstCategories.LIST) {
      const n = view.counts[c.id] || 0;
      if (!n) continue;
      const count = el('span', 'gf-count');
      count.title = `${n} ${c.label}`;
      count.dataset.category = c.id;
      const dot = el('span', 'gf-dot');
      dot.style.background = c.color;
      count.append(dot, document.createTextNode(String(n)));
      parts.push(count);
    }
    if (!parts.length) parts.push(el('span', 'gf-count', '\u2713 no findings'));
    if (view.metrics) parts.push(el('span', 'gf-metrics', metricsText(view.metrics)));
    return parts;
  }

  function problem(state, text, hint) {
    const parts = [el('span', '', text)];
    if (hint) {
      parts.push(document.createTextNode(' '), el('code', '', hint));
    }
    const options = el('button', 'gf-quiet gf-options', 'Options');
    options.type = 'button';
    options.addEventListener('click', (e) => {
      e.stopPropagation();
      state.handlers.onOpenOptions();
    });
    return { parts, options };
  }

  // view: {status: 'pending'|'starting'|'ok'|'offline'|'error', counts, metrics, findings, error, noHost, seconds}
  function render(state, view) {
    state.view = view;
    const { chip, main } = state;
    chip.hidden = view.status === 'idle';
    chip.classList.toggle('gf-offline', view.status === 'offline' || view.status === 'error');
    chip.dataset.status = view.status;
    chip.querySelectorAll('.gf-options').forEach((b) => b.remove());
    main.replaceChildren();
    main.removeAttribute('aria-label');
    if (view.status === 'offline' || view.status === 'error') {
      const { parts, options } = view.status === 'error' ? problem(state, `Give First: ${view.error}`)
        : view.noHost ? problem(state, 'Give First: service offline. Set it up once with', 'givefirst install')
          : problem(state, 'Give First: service offline. Start it with', 'make run');
      main.append(...parts);
      chip.append(options);
      closeList(state);
      return;
    }
    main.append(el('strong', '', 'Give First'));
    if (view.status === 'starting') {
      const about = typeof view.seconds === 'number' ? ` (the model loads in about ${Math.ceil(view.seconds)} s)` : '';
      main.append(el('span', 'gf-metrics', `starting the service\u2026${about}`));
      main.setAttribute('aria-label', `Give First: starting the service${about}`);
    } else if (view.status === 'pending') {
      main.append(el('span', 'gf-metrics', 'checking\u2026'));
      main.setAttribute('aria-label', 'Give First: checking the draft');
    } else {
      main.append(...summary(view));
      main.setAttribute('aria-label', spoken(view));
    }
    if (state.list) fillList(state);
  }

  // Bottom right of the visible compose body; hidden when the body is not visible.
  function place(state, visible) {
    const { chip } = state;
    if (!visible || state.view?.status === 'idle') {
      chip.hidden = true;
      closeList(state);
      return;
    }
    chip.hidden = false;
    const { width, height } = chip.getBoundingClientRect();
    chip.style.left = `${Math.max(visible.left + INSET, visible.right - width - INSET)}px`;
    chip.style.top = `${visible.bottom - height - INSET}px`;
    if (state.list) placeList(state);
  }

  function fillList(state) {
    const { list, view } = state;
    list.replaceChildren();
    const findings = view.findings || [];
    if (!findings.length) list.append(el('div', 'gf-list-item', 'Nothing to improve in this draft.'));
    for (const f of findings) {
      const item = el('button', 'gf-list-item');
      item.type = 'button';
      item.dataset.category = f.category;
      const dot = el('span', 'gf-dot');
      dot.style.background = GiveFirstCategories.get(f.category).color;
      const text = el('span', '', f.message || GiveFirstCategories.get(f.category).label);
      item.append(dot, text);
      if (f.text && GiveFirstCategories.get(f.category).underline) {
        item.append(el('span', 'gf-list-words', `\u201c${f.text.length > 40 ? f.text.slice(0, 40) + '\u2026' : f.text}\u201d`));
      }
      item.addEventListener('click', () => {
        closeList(state);
        state.handlers.onOpenFinding(f.uid);
      });
      list.append(item);
    }
  }

  function placeList(state) {
    const chipRect = state.chip.getBoundingClientRect();
    const { width, height } = state.list.getBoundingClientRect();
    state.list.style.left = `${Math.max(INSET, chipRect.right - width)}px`;
    state.list.style.top = `${Math.max(INSET, chipRect.top - height - INSET)}px`;
  }

  // fromKeyboard: a click with detail 0 came from Enter or Space, so the list takes the focus.
  function toggleList(state, fromKeyboard) {
    if (state.list) {
      closeList(state);
      return;
    }
    state.list = el('div', 'gf-list');
    state.list.setAttribute('role', 'menu');
    state.list.addEventListener('mousedown', (e) => e.preventDefault());
    state.layer.append(state.list);
    fillList(state);
    placeList(state);
    const first = state.list.querySelector('button');
    if (first && fromKeyboard) first.focus();
  }

  function closeList(state) {
    if (state.list) state.list.remove();
    state.list = null;
  }

  return { create, render, place, closeList };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstChip;
