// The summary chip at the bottom right of each compose body: counts by category, reading grade, words and
// questions, or why there is nothing to show (service starting, offline, warming up, slow, token needed, paused). Clicking
// it opens the findings as a menu (role=menu, arrow keys), ending with "Pause for this email".
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

  // handlers: {onOpenFinding(uid), onOpenOptions(), onPause()}
  function create(layer, handlers) {
    const chip = el('div', 'gf-chip');
    chip.hidden = true;
    const main = el('button', 'gf-chip-main');
    main.type = 'button';
    main.setAttribute('aria-haspopup', 'menu');
    main.setAttribute('aria-expanded', 'false');
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
    const ledger = view.ledger ? `; ${view.ledger}` : '';
    return `Give First: ${counts.length ? counts.join(', ') : 'no findings'}${metrics}${ledger}. Show the list.`;
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
    if (view.ledger) parts.push(el('span', 'gf-ledger', view.ledger));
    return parts;
  }

  function quietButton(className, label, onClick) {
    const b = el('button', `gf-quiet ${className}`, label);
    b.type = 'button';
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', (e) => {
      e.stopPropagation();
      onClick();
    });
    return b;
  }

  const WAITING = {
    warming: 'Give First: the service is starting (loading its language model)\u2026',
    timeout: 'Give First: the service is slow to answer, trying again\u2026',
  };

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

  // view: {status: 'pending'|'starting'|'ok'|'offline'|'warming'|'timeout'|'error'|'paused', counts, metrics,
  //   findings, error, noHost, seconds, dark, ledger}. ledger: the give/ask line for a recipient (opt-in), or null. 'starting': the native host is starting the service (seconds: the
  //   model's last load time); 'offline' with noHost: no host installed, so the one command that fixes it.
  function render(state, view) {
    state.view = view;
    const { chip, main } = state;
    chip.hidden = view.status === 'idle';
    chip.classList.toggle('gf-offline', view.status === 'offline' || view.status === 'error');
    chip.classList.toggle('gf-dark', Boolean(view.dark));
    chip.dataset.status = view.status;
    chip.querySelectorAll('.gf-options, .gf-resume').forEach((b) => b.remove());
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
    if (view.status === 'paused') {
      main.append(el('strong', '', 'Give First'), el('span', 'gf-metrics', 'paused for this email'));
      chip.append(quietButton('gf-resume', 'Resume', () => state.handlers.onPause()));
      closeList(state);
      return;
    }
    main.append(el('strong', '', 'Give First'));
    if (view.status === 'starting') {
      const about = typeof view.seconds === 'number' ? ` (the model loads in about ${Math.ceil(view.seconds)} s)` : '';
      main.append(el('span', 'gf-metrics', `starting the service\u2026${about}`));
      main.setAttribute('aria-label', `Give First: starting the service${about}`);
    } else if (WAITING[view.status]) {
      main.replaceChildren(el('span', 'gf-metrics', WAITING[view.status]));
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

  function menuItem(className, onClick) {
    const item = el('button', className);
    item.type = 'button';
    item.setAttribute('role', 'menuitem');
    item.tabIndex = -1;
    item.addEventListener('click', onClick);
    return item;
  }

  function fillList(state) {
    const { list, view } = state;
    list.replaceChildren();
    const findings = view.findings || [];
    if (!findings.length) {
      const none = el('div', 'gf-list-item gf-list-empty', 'Nothing to improve in this draft.');
      none.setAttribute('role', 'presentation');
      list.append(none);
    }
    for (const f of findings) {
      const item = menuItem('gf-list-item', () => {
        closeList(state);
        state.handlers.onOpenFinding(f.uid);
      });
      item.dataset.category = f.category;
      const dot = el('span', 'gf-dot');
      dot.style.background = GiveFirstCategories.get(f.category).color;
      const text = el('span', '', f.message || GiveFirstCategories.get(f.category).label);
      item.append(dot, text);
      if (f.text && GiveFirstCategories.get(f.category).underline) {
        item.append(el('span', 'gf-list-words', `\u201c${f.text.length > 40 ? f.text.slice(0, 40) + '\u2026' : f.text}\u201d`));
      }
      list.append(item);
    }
    const separator = el('div', 'gf-separator');
    separator.setAttribute('role', 'separator');
    const pause = menuItem('gf-list-action gf-pause', () => {
      closeList(state);
      state.handlers.onPause();
    });
    pause.textContent = view.status === 'paused' ? 'Resume checking this email' : 'Pause for this email';
    list.append(separator, pause);
  }

  // Arrow keys move between the menu's items (wrapping), Home and End to the ends, Escape closes it.
  function onMenuKey(state, e) {
    const items = [...state.list.querySelectorAll('[role="menuitem"]')];
    const at = items.indexOf(state.list.getRootNode().activeElement);
    let to = null;
    if (e.key === 'ArrowDown') to = (at + 1) % items.length;
    else if (e.key === 'ArrowUp') to = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = items.length - 1;
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      closeList(state);
      state.main.focus({ preventScroll: true });
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    items[to].focus({ preventScroll: true });
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
    state.list.setAttribute('aria-label', 'Give First findings');
    state.list.addEventListener('mousedown', (e) => e.preventDefault());
    state.list.addEventListener('keydown', (e) => onMenuKey(state, e));
    state.layer.append(state.list);
    state.main.setAttribute('aria-expanded', 'true');
    fillList(state);
    placeList(state);
    const first = state.list.querySelector('[role="menuitem"]');
    if (first && fromKeyboard) first.focus({ preventScroll: true });
  }

  function closeList(state) {
    if (state.list) state.list.remove();
    state.list = null;
    state.main.setAttribute('aria-expanded', 'false');
  }

  return { create, render, place, closeList };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstChip;
