// One compose body's analysis: debounced requests, the findings for the text they were computed on, and what
// the writer does with them (open a card, apply a rewrite, ignore, turn a rule off). Findings are always
// re-pointed to the current text before they are drawn, so they follow typing and never land on other words.
const GiveFirstDraft = (() => {
  const DEBOUNCE_MS = 400;
  const MAX_CHARS = 20000;
  const TYPING_QUIET_MS = 120; // a caret move this soon after input is typing, not the writer looking
  const RETRY_BUSY_MS = 2000;
  let nextKey = 1;
  let nextUid = 1;

  const PROBLEMS = {
    0: 'extension reloaded: reload Gmail to reconnect',
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

  class Draft {
    // env: {settings(), disableRule(rule)}: the page's settings, shared by all its drafts.
    constructor(box, env) {
      this.box = box;
      this.env = env;
      this.key = `draft-${nextKey++}`;
      this.typed = false;
      this.state = { text: '', findings: [], metrics: null, fresh: false };
      this.status = 'idle';
      this.error = '';
      this.seq = 0;
      this.timer = null;
      this.inflight = 0;
      this.frame = 0;
      this.ignored = new Set();
      this.lastInputAt = -Infinity;
      this.hits = []; // [{uid, rects}] drawn last, for clicks and card anchors
      this.visible = null; // the visible part of the body at the last draw
      this.chipSignature = '';
      this.layer = GiveFirstOverlay.createLayer();
      this.chip = GiveFirstChip.create(this.layer, {
        onOpenFinding: (uid) => this.openCard(uid, { focus: true }),
        onOpenOptions: () => GiveFirstService.openOptions(),
      });
      this.listeners = [
        ['input', () => this.onInput()],
        ['click', (e) => this.onClick(e)],
        ['keydown', (e) => this.onKeydown(e)],
      ];
      for (const [type, fn] of this.listeners) box.addEventListener(type, fn, true);
      this.resizeObserver = new ResizeObserver(() => this.scheduleDraw());
      this.resizeObserver.observe(box);
    }

    onInput() {
      this.typed = true;
      this.lastInputAt = performance.now();
      this.scheduleDraw();
      this.scheduleAnalysis(DEBOUNCE_MS);
    }

    scheduleAnalysis(delay) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.analyze(), delay);
      this.markPending();
    }

    // data-pending on the layer: an analysis is scheduled or in flight (the tests wait on it).
    markPending() {
      this.layer.dataset.pending = String(Boolean(this.timer) || this.inflight > 0);
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
      if (!this.typed || this.destroyed) return;
      const text = GiveFirstTextMap.build(this.box).text;
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
      if (this.status !== 'ok') this.status = 'pending';
      this.scheduleDraw();
      const reply = await GiveFirstService.analyze(this.key, text, GiveFirstThread.replyingTo(this.box),
        (seconds) => this.showStarting(seq, seconds));
      if (seq !== this.seq || this.destroyed || reply.aborted) return;
      if (!reply.ok) {
        this.showProblem(reply, text);
        return;
      }
      const { findings: previous, text: previousText } = this.state;
      const findings = GiveFirstFindings.keepIdentity(previous, previousText, reply.result.findings || [], text, () => nextUid++);
      this.state = { text, findings, metrics: reply.result.metrics || null, fresh: true };
      this.status = 'ok';
      this.draw();
    }

    // The service worker is starting the service (native host): the chip says so until the answer comes.
    showStarting(seq, seconds) {
      if (seq !== this.seq || this.destroyed) return;
      this.status = 'starting';
      this.startSeconds = seconds;
      this.scheduleDraw();
    }

    showProblem(reply, text) {
      this.state = { text, findings: [], metrics: null, fresh: false };
      this.status = reply.offline ? 'offline' : 'error';
      this.noHost = Boolean(reply.noHost);
      this.error = PROBLEMS[reply.status] || `service error (${reply.code || reply.status})`;
      if (reply.status === 429) this.scheduleAnalysis(RETRY_BUSY_MS);
      this.scheduleDraw();
    }

    settingsChanged() {
      this.scheduleDraw();
      if (this.typed) this.analyze({ force: true });
    }

    // Re-points the findings to text when the compose body changed since they were computed.
    syncTo(text) {
      if (text === this.state.text) return;
      const findings = GiveFirstFindings.rebase(this.state.findings, this.state.text, text);
      this.state = { ...this.state, text, findings, fresh: false };
    }

    shownFindings() {
      const s = this.env.settings();
      return this.state.findings.filter((f) => GiveFirstFindings.isShown(f, {
        ignored: this.ignored,
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

    draw() {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      if (this.destroyed) return;
      const map = GiveFirstTextMap.build(this.box);
      this.syncTo(map.text);
      const visible = GiveFirstOverlay.visibleRect(this.box);
      this.visible = visible;
      const shown = this.shownFindings();
      const open = GiveFirstCard.shown();
      const cardUid = open && open.owner === this ? open.uid : null;
      const items = [];
      this.hits = [];
      for (const f of visible ? shown : []) {
        if (!GiveFirstCategories.get(f.category).underline) continue;
        const rects = GiveFirstOverlay.spanRects(map, f.start, f.end);
        this.hits.push({ uid: f.uid, rects });
        items.push({ finding: f, rects, active: f.uid === cardUid });
      }
      GiveFirstOverlay.drawUnderlines(this.layer, items, visible);
      if (cardUid !== null) this.followCard(cardUid, shown);
      this.renderChip(shown, visible);
      this.layer.dataset.status = this.status;
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
      const hit = this.hits.find((h) => h.uid === uid);
      if (!finding || !this.visible) GiveFirstCard.close();
      else if (hit && this.inView(hit.rects)) GiveFirstCard.move(anchorOf(hit.rects));
      else if (GiveFirstCategories.get(finding.category).underline) GiveFirstCard.close();
    }

    renderChip(shown, visible) {
      const view = {
        status: this.typed ? this.status : 'idle',
        counts: GiveFirstFindings.countByCategory(shown),
        metrics: this.state.metrics,
        findings: shown,
        error: this.error,
        noHost: Boolean(this.noHost),
        seconds: this.startSeconds,
      };
      const signature = JSON.stringify([view.status, view.counts, view.metrics, view.error, view.noHost, view.seconds,
        shown.map((f) => f.uid)]);
      if (signature !== this.chipSignature) {
        this.chipSignature = signature;
        GiveFirstChip.render(this.chip, view);
      }
      GiveFirstChip.place(this.chip, visible);
    }

    // A click on underlined words opens their card (the overlay lets clicks through, so hit-test here).
    onClick(e) {
      const hit = this.hits.find(({ rects }) => rects.some((r) =>
        e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom + 3));
      if (hit) this.openCard(hit.uid);
    }

    // The caret moved inside the body (not by typing): open the card of the finding around it, or close.
    onCaret() {
      if (performance.now() - this.lastInputAt < TYPING_QUIET_MS) return;
      const sel = getSelection();
      if (!sel.rangeCount || !sel.isCollapsed) return;
      const map = GiveFirstTextMap.build(this.box);
      this.syncTo(map.text);
      const offset = GiveFirstTextMap.offsetAt(map, sel.focusNode, sel.focusOffset);
      const underlined = (f) => GiveFirstCategories.get(f.category).underline;
      const f = offset === null ? null : GiveFirstFindings.atOffset(this.shownFindings(), offset, underlined);
      const open = GiveFirstCard.shown();
      if (f && !(open && open.uid === f.uid)) this.openCard(f.uid);
      else if (!f && open && open.owner === this) this.closeCard();
    }

    onKeydown(e) {
      const open = GiveFirstCard.shown();
      if (!open || open.owner !== this) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.closeCard();
      } else if (e.altKey && e.key === 'ArrowDown') {
        e.preventDefault();
        GiveFirstCard.focusFirst();
      }
    }

    // Opens the card of a finding; one chosen from the chip's list is first scrolled into view.
    openCard(uid, { focus = false } = {}) {
      const finding = this.findingByUid(uid);
      if (!finding) return;
      let hit = this.hits.find((h) => h.uid === uid);
      if (hit && !this.inView(hit.rects)) {
        const range = GiveFirstTextMap.rangeFor(GiveFirstTextMap.build(this.box), finding.start, finding.end);
        if (range) range.startContainer.parentElement.scrollIntoView({ block: 'nearest' });
        this.draw();
        hit = this.hits.find((h) => h.uid === uid);
      }
      const anchor = hit && hit.rects.length ? anchorOf(hit.rects) : this.chip.chip.getBoundingClientRect();
      const previous = GiveFirstCard.shown();
      if (previous && previous.owner !== this) previous.owner.scheduleDraw(); // un-highlight its words
      GiveFirstCard.open({
        owner: this,
        finding,
        anchor,
        actions: {
          onRewrite: (i) => this.applyRewrite(uid, i),
          onIgnore: () => this.ignore(uid),
          onDisableRule: () => this.disableRule(uid),
        },
      });
      if (focus) GiveFirstCard.focusFirst();
      this.draw();
    }

    closeCard() {
      GiveFirstCard.close();
      this.scheduleDraw();
    }

    focusBody() {
      this.box.focus();
    }

    // Selects the rewrite's words and types the replacement with execCommand, so Gmail's undo and draft
    // saving see an ordinary edit; the caret ends after the inserted text.
    applyRewrite(uid, index) {
      const map = GiveFirstTextMap.build(this.box);
      this.syncTo(map.text);
      const finding = this.findingByUid(uid);
      const rewrite = finding && finding.rewrites[index];
      this.closeCard();
      const range = rewrite && GiveFirstTextMap.rangeFor(map, rewrite.start, rewrite.end);
      if (!range) return;
      this.box.focus();
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (rewrite.replacement) document.execCommand('insertText', false, rewrite.replacement);
      else document.execCommand('delete');
    }

    ignore(uid) {
      const finding = this.findingByUid(uid);
      if (finding) this.ignored.add(GiveFirstFindings.ignoreKey(finding));
      this.closeCard();
      this.focusBody();
    }

    disableRule(uid) {
      const finding = this.findingByUid(uid);
      this.closeCard();
      this.focusBody();
      if (finding) this.env.disableRule(finding.rule);
    }

    destroy() {
      this.destroyed = true;
      clearTimeout(this.timer);
      cancelAnimationFrame(this.frame);
      for (const [type, fn] of this.listeners) this.box.removeEventListener(type, fn, true);
      this.resizeObserver.disconnect();
      const open = GiveFirstCard.shown();
      if (open && open.owner === this) GiveFirstCard.close();
      GiveFirstOverlay.removeLayer(this.layer);
    }
  }

  return Draft;
})();
