// One compose body's analysis: requests when its text changes (debounced, cached), the findings for the text
// they were computed on, painting them, pause; what the writer does with them (cards, rewrites, ignore) is in
// draft-actions.js. Findings are always re-pointed to the current text before they are painted, so they follow
// typing and never land on other words. Painting is highlights.js (overlay.js where the Highlight API is missing).
const GiveFirstDraft = (() => {
  const DEBOUNCE_MS = 400;
  const MAX_CHARS = 20000;
  const TYPING_QUIET_MS = 120; // a caret move this soon after input is typing, not the writer looking
  let nextKey = 1;
  let nextUid = 1;

  const PROBLEMS = {
    0: 'extension reloaded: reload the page to reconnect',
    401: 'the service needs a token: set it in Options',
    403: 'the service does not allow this extension (see GIVEFIRST_ORIGINS)',
    413: 'this draft is too long to check',
    429: 'the service is busy, trying again',
  };

  function anchorOf(rects) {
    const first = rects[0];
    const last = rects[rects.length - 1];
    return { left: first.left, top: first.top, bottom: last.bottom };
  }

  const underlined = (f) => GiveFirstCategories.get(f.category).underline;

  class Draft {
    // env: {settings(), disableRule(rule), adapter, ignored(): Set, ignore(finding)}: shared by the page's drafts.
    constructor(box, env) {
      this.box = box;
      this.env = env;
      this.adapter = env.adapter || GiveFirstAdapters.gmail;
      this.key = `draft-${nextKey++}`;
      this.typed = false;
      this.paused = false;
      this.state = { text: '', findings: [], metrics: null, fresh: false };
      this.status = 'idle';
      this.error = '';
      this.seq = 0;
      this.timer = null;
      this.retries = 0;
      this.inflight = 0;
      this.frame = 0;
      this.map = null;
      this.dirty = true;
      this.context = undefined; // the message a reply answers, read at the first request
      this.ledger = null; // {entries, names} for the recipients, when the ledger option is on and knows them
      this.ledgerKey = '';
      this.lastInputAt = -Infinity;
      this.rects = new Map(); // uid -> viewport rects, computed on demand (clicks, the card) until the next draw
      this.visible = null; // the visible part of the body at the last draw
      this.dismissedAt = null; // the caret offset where Escape closed a card: it stays closed until the caret moves
      this.savedCaret = null; // the caret before a card took the focus, put back by Escape
      this.chipSignature = '';
      this.layer = GiveFirstOverlay.createLayer();
      this.chip = GiveFirstChip.create(this.layer, {
        onOpenFinding: (uid) => this.openCard(uid, { focus: true }),
        onOpenOptions: () => GiveFirstService.openOptions(),
        onPause: () => this.setPaused(!this.paused),
      });
      this.listeners = [
        ['input', () => this.onInput()],
        ['click', (e) => this.onClick(e)],
        ['keydown', (e) => this.onKeydown(e)],
      ];
      for (const [type, fn] of this.listeners) box.addEventListener(type, fn, true);
      this.resizeObserver = new ResizeObserver(() => this.scheduleDraw());
      this.resizeObserver.observe(box);
      // Every change of the text, not only typing: Smart Compose, templates, undo, the quote expanded.
      if (typeof MutationObserver === 'function') {
        this.observer = new MutationObserver(() => this.onTextChange());
        this.observer.observe(box, { childList: true, subtree: true, characterData: true, attributes: true });
      }
      this.lastText = GiveFirstTextMap.build(box, this.adapter.text).text; // what the box held when found
      this.stopWatching = typeof GiveFirstPlacement.watch === 'function' && typeof window !== 'undefined'
        ? GiveFirstPlacement.watch(box, () => this.scheduleDraw()) : () => {};
    }

    // The text map of the body now (rebuilt only after the body changed, when a MutationObserver tells).
    currentMap() {
      if (!this.map || this.dirty || !this.observer) {
        this.map = GiveFirstTextMap.build(this.box, this.adapter.text);
        this.dirty = false;
      }
      return this.map;
    }

    onInput() {
      this.typed = true;
      this.lastInputAt = performance.now();
      if (!this.observer) this.onTextChange();
    }

    // The body changed: analyse its text if it is the writer's and differs. A change in a box the writer is not
    // in (Gmail filling a saved draft) does not make it "touched".
    onTextChange() {
      this.dirty = true;
      const active = document.activeElement;
      if (!this.typed && active && (active === this.box || this.box.contains(active))) this.typed = true;
      if (!this.typed) return;
      this.scheduleDraw(); // formatting alone moves words too (the card follows them)
      const text = this.currentMap().text;
      if (text === this.lastText) return;
      this.lastText = text;
      this.retries = 0;
      if (this.paused) return;
      if (!this.answerFromCache(text)) this.scheduleAnalysis(DEBOUNCE_MS);
    }

    // An answer depends on the text, the context and the settings the request carries (kept in memory only).
    cacheKey(text) {
      const s = this.env.settings();
      return GiveFirstAnalysis.key(text, GiveFirstSettings.disabledList(s), this.context, [s.serviceUrl, s.token]);
    }

    // Undo, redo and settings switched back answer at once from the page's cache.
    answerFromCache(text) {
      if (this.context === undefined) return false;
      const cached = GiveFirstAnalysis.get(this.cacheKey(text));
      if (!cached) return false;
      clearTimeout(this.timer);
      this.timer = null;
      this.seq++; // a request in flight for older text is now stale
      this.accept(text, cached);
      this.markPending();
      return true;
    }

    // retry: a failed request asked again later (the draft is settled meanwhile: nothing new to check).
    scheduleAnalysis(delay, retry = false) {
      clearTimeout(this.timer);
      this.retrying = retry;
      this.timer = setTimeout(() => this.analyze(), delay);
      this.markPending();
    }

    // data-pending on the layer: an analysis is scheduled (not a retry) or in flight (the tests wait on it).
    markPending() {
      this.layer.dataset.pending = String((Boolean(this.timer) && !this.retrying) || this.inflight > 0);
    }

    // Sends the current text unless it was never typed in or is already analysed; drops superseded replies.
    async analyze({ force = false } = {}) {
      clearTimeout(this.timer);
      this.timer = null;
      this.inflight++;
      try {
        await this.request(force);
      } finally {
        this.inflight--;
        this.markPending();
      }
    }

    async request(force) {
      if (!this.typed || this.destroyed || this.paused) return;
      const text = this.currentMap().text;
      if (!force && this.status === 'ok' && this.state.fresh && text === this.state.text) return;
      const seq = ++this.seq;
      if (!text.trim()) {
        this.state = { text, findings: [], metrics: null, fresh: true };
        this.status = 'idle';
        this.scheduleDraw();
        return;
      }
      if (text.length > MAX_CHARS) {
        this.showProblem({ ok: false, status: 413 }, text);
        return;
      }
      this.context = this.adapter.replyingTo(this.box);
      this.updateLedger();
      const key = this.cacheKey(text);
      const cached = GiveFirstAnalysis.get(key);
      if (cached) {
        this.accept(text, cached);
        return;
      }
      if (key === this.asking) {
        this.seq--; // the same question is in flight (settings saved twice): its answer will do
        return;
      }
      if (this.status !== 'ok') this.status = 'pending';
      this.scheduleDraw();
      this.asking = key;
      const reply = await GiveFirstService.analyze(this.key, text, this.context, (seconds) => this.showStarting(seq, seconds));
      if (this.asking === key) this.asking = null;
      if (seq !== this.seq || this.destroyed || reply.aborted || this.paused) return;
      if (!reply.ok) {
        this.showProblem(reply, text);
        return;
      }
      GiveFirstAnalysis.put(key, reply.result);
      this.accept(text, reply.result);
    }

    // The service worker is starting the service (native host): the chip says so until the answer comes.
    showStarting(seq, seconds) {
      if (seq !== this.seq || this.destroyed || this.paused) return;
      this.status = 'starting';
      this.startSeconds = seconds;
      this.scheduleDraw();
    }

    // Shows an analysis of text (fresh from the service or from the cache) and announces what is new.
    accept(text, result) {
      const { findings: previous, text: previousText } = this.state;
      const findings = GiveFirstFindings.keepIdentity(previous, previousText, result.findings || [], text, () => nextUid++);
      const known = new Set(previous.map((f) => f.uid));
      this.state = { text, findings, metrics: result.metrics || null, fresh: true };
      this.status = 'ok';
      this.retries = 0;
      this.draw();
      const fresh = this.shownFindings().filter((f) => !known.has(f.uid));
      const message = GiveFirstAnnounce.newFindings(fresh);
      if (message) GiveFirstAnnounce.say(message);
    }

    // A failed request: the state says why (background.js failureState); offline (noHost: no native host to start
    // the service), warming up, slow and busy are asked again with backoff.
    showProblem(reply, text) {
      const state = reply.state || (reply.offline ? 'offline' : reply.status === 429 ? 'busy' : 'error');
      this.state = { text, findings: [], metrics: null, fresh: false };
      this.status = ['offline', 'warming', 'timeout'].includes(state) ? state : 'error';
      this.noHost = Boolean(reply.noHost);
      this.error = PROBLEMS[reply.status] || `service error (${reply.code || reply.status})`;
      const delay = GiveFirstAnalysis.retryDelay(state, this.retries);
      if (delay !== null) {
        this.retries++;
        this.scheduleAnalysis(delay, true);
      }
      this.scheduleDraw();
    }

    // The give/ask ledger for the compose window's recipients (opt-in): asked again only when the recipients, the
    // option, the service or the token changed; the chip and a value-first card show what it knows.
    updateLedger() {
      const s = this.env.settings();
      const fields = s.ledger && typeof this.adapter.recipientFields === 'function' ? this.adapter.recipientFields(this.box) : [];
      const people = s.ledger ? GiveFirstLedger.people(fields) : [];
      const key = JSON.stringify([people.map((p) => p.address), s.serviceUrl, s.token]);
      if (key === this.ledgerKey) return;
      this.ledgerKey = key;
      if (!people.length) {
        this.ledger = null;
        this.scheduleDraw();
        return;
      }
      const names = Object.fromEntries(people.map((p) => [p.address, GiveFirstLedger.displayName(p.address, p.label)]));
      GiveFirstService.ledger(people.map((p) => p.address)).then((entries) => {
        if (this.destroyed || this.ledgerKey !== key) return;
        this.ledger = Object.keys(entries).length ? { entries, names } : null;
        this.scheduleDraw();
      });
    }

    // The ledger's sentence for a value-first card, or null.
    ledgerNote() {
      return this.ledger && this.env.settings().ledger ? GiveFirstLedger.cardNote(this.ledger.entries, this.ledger.names) : null;
    }

    settingsChanged() {
      this.scheduleDraw();
      if (this.typed && !this.paused) this.updateLedger();
      if (!this.typed || this.paused) return;
      if (!this.answerFromCache(this.currentMap().text)) this.analyze({ force: true });
    }

    setPaused(paused) {
      this.paused = paused;
      clearTimeout(this.timer);
      this.timer = null;
      this.markPending();
      if (paused) {
        this.seq++;
        this.closeCard();
      } else if (this.typed) {
        this.lastText = undefined;
        this.onTextChange();
      }
      this.draw();
    }

    // Re-points the findings to text when the compose body changed since they were computed.
    syncTo(text) {
      if (text === this.state.text) return;
      const findings = GiveFirstFindings.rebase(this.state.findings, this.state.text, text);
      this.state = { ...this.state, text, findings, fresh: false };
    }

    shownFindings() {
      if (this.paused) return [];
      const s = this.env.settings();
      const ignored = this.env.ignored ? this.env.ignored() : null;
      return this.state.findings.filter((f) => !(ignored && GiveFirstIgnores.has(ignored, f)) && GiveFirstFindings.isShown(f, {
        disabledCategories: s.disabledCategories,
        disabledRules: s.disabledRules,
      }));
    }

    findingByUid(uid) {
      return this.shownFindings().find((f) => f.uid === uid) || null;
    }

    scheduleDraw() {
      if (!this.frame && !this.destroyed) this.frame = requestAnimationFrame(() => this.draw());
    }

    // Viewport rects of a finding's words (only for hit-testing clicks and placing the card).
    rectsOf(f) {
      if (!this.rects.has(f.uid)) this.rects.set(f.uid, GiveFirstOverlay.spanRects(this.currentMap(), f.start, f.end));
      return this.rects.get(f.uid);
    }

    draw() {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      if (this.destroyed) return;
      const map = this.currentMap();
      this.syncTo(map.text);
      this.rects = new Map();
      const visible = GiveFirstPlacement.visible(this.box);
      this.visible = visible;
      const shown = this.shownFindings();
      const open = GiveFirstCard.shown();
      const cardUid = open && open.owner === this ? open.uid : null;
      const lined = shown.filter(underlined);
      if (GiveFirstHighlights.supported()) {
        this.paintHighlights(map, lined, cardUid);
      } else {
        const items = (visible ? lined : []).map((f) => ({ finding: f, rects: this.rectsOf(f), active: f.uid === cardUid }));
        GiveFirstOverlay.drawUnderlines(this.layer, items, visible);
      }
      this.dark = typeof window !== 'undefined' && GiveFirstTheme.isDark(this.box);
      this.layer.classList.toggle('gf-dark', Boolean(this.dark));
      if (cardUid !== null) this.followCard(cardUid, shown);
      this.renderChip(shown, visible);
      this.layer.dataset.status = this.paused ? 'paused' : this.status;
    }

    // Highlights for the underlined findings. A live range already painted for a finding still on the same words
    // (ranges follow edits) is kept, and the registry is only touched when something changed: typing elsewhere
    // costs no repaint of the underlines.
    paintHighlights(map, lined, cardUid) {
      const before = this.painted || new Map();
      const painted = new Map();
      let changed = false;
      for (const f of lined) {
        const name = GiveFirstHighlights.nameFor(f);
        const active = f.uid === cardUid;
        const old = before.get(f.uid);
        const words = map.text.slice(f.start, f.end);
        let range = old && old.name === name && old.range.toString().replace(/[\u00a0\n\r\t]/g, ' ') === words ? old.range : null;
        if (!range) range = GiveFirstTextMap.rangeFor(map, f.start, f.end);
        if (!range) continue;
        if (!old || old.range !== range || old.active !== active) changed = true;
        painted.set(f.uid, { name, range, active });
      }
      if (!changed && painted.size === before.size) return;
      this.painted = painted;
      const items = [];
      for (const [uid, { name, range, active }] of painted) {
        items.push({ name, range });
        if (active) items.push({ name: GiveFirstHighlights.nameFor(this.findingByUid(uid), 'a'), range });
      }
      GiveFirstHighlights.paint(this, items);
    }

    // Whether any of rects shows inside the visible part of the compose body (as of the last draw).
    inView(rects) {
      const v = this.visible;
      return Boolean(v) && rects.some((r) => r.bottom > v.top && r.top < v.bottom && r.right > v.left && r.left < v.right);
    }

    // The open card moves with its words; it closes when they are gone or scrolled out of view. A card for an
    // email-level finding (no underline) stays by the chip.
    followCard(uid, shown) {
      const finding = shown.find((f) => f.uid === uid);
      if (!finding || !this.visible) {
        GiveFirstCard.close();
        return;
      }
      if (!underlined(finding)) return;
      const rects = this.rectsOf(finding);
      if (rects.length && this.inView(rects)) GiveFirstCard.move(anchorOf(rects));
      else GiveFirstCard.close();
    }

    renderChip(shown, visible) {
      const view = {
        status: this.paused ? 'paused' : this.typed ? this.status : 'idle',
        counts: GiveFirstFindings.countByCategory(shown),
        metrics: this.state.metrics,
        findings: shown,
        error: this.error,
        noHost: Boolean(this.noHost),
        seconds: this.startSeconds,
        dark: this.dark,
        ledger: this.ledger && this.env.settings().ledger ? GiveFirstLedger.chipLine(this.ledger.entries, this.ledger.names) : null,
      };
      const signature = JSON.stringify([view.status, view.counts, view.metrics, view.error, view.noHost, view.seconds,
        view.dark, view.ledger, shown.map((f) => f.uid)]);
      if (signature !== this.chipSignature) {
        this.chipSignature = signature;
        GiveFirstChip.render(this.chip, view);
      }
      GiveFirstChip.place(this.chip, visible);
    }

    destroy() {
      this.destroyed = true;
      clearTimeout(this.timer);
      cancelAnimationFrame(this.frame);
      for (const [type, fn] of this.listeners) this.box.removeEventListener(type, fn, true);
      this.resizeObserver.disconnect();
      if (this.observer) this.observer.disconnect();
      this.stopWatching();
      const open = GiveFirstCard.shown();
      if (open && open.owner === this) GiveFirstCard.close();
      if (GiveFirstHighlights.supported()) GiveFirstHighlights.clear(this);
      GiveFirstOverlay.removeLayer(this.layer);
    }
  }

  Draft.underlined = underlined;
  Draft.anchorOf = anchorOf;
  Draft.TYPING_QUIET_MS = TYPING_QUIET_MS;
  return Draft;
})();
