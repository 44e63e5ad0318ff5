// What the writer does with a compose body's findings, as methods of GiveFirstDraft (draft.js keeps the
// analysis and the painting): clicks and caret moves that open a card, the next-finding shortcut, the card taking
// the focus and Escape giving it back with the caret where it was, rewrites, ignore, turn a rule off.
(() => {
  const underlined = GiveFirstDraft.underlined;
  const anchorOf = GiveFirstDraft.anchorOf;
  const TYPING_QUIET_MS = GiveFirstDraft.TYPING_QUIET_MS;

  Object.assign(GiveFirstDraft.prototype, {
    // A click on underlined words opens their card (rects are computed here, for this click only).
    onClick(e) {
      this.syncTo(this.currentMap().text);
      const hit = this.shownFindings().filter(underlined).find((f) => this.rectsOf(f).some((r) =>
        e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom + 3));
      if (hit) this.openCard(hit.uid);
    },

    caretOffset() {
      const sel = getSelection();
      if (!sel.rangeCount || !this.box.contains(sel.focusNode)) return null;
      return GiveFirstTextMap.offsetAt(this.currentMap(), sel.focusNode, sel.focusOffset);
    },

    // The caret moved inside the body (not by typing): open the card of the finding around it, or close.
    onCaret() {
      if (performance.now() - this.lastInputAt < TYPING_QUIET_MS) return;
      // Only while the body has the focus: moving the focus into a card may move the selection too.
      const active = document.activeElement;
      if (active && active !== this.box && !this.box.contains(active) && active !== document.body) return;
      const sel = getSelection();
      if (!sel.rangeCount || !sel.isCollapsed) return;
      this.syncTo(this.currentMap().text);
      const offset = this.caretOffset();
      if (offset !== null && offset === this.dismissedAt) return;
      this.dismissedAt = null;
      const f = offset === null ? null : GiveFirstFindings.atOffset(this.shownFindings(), offset, underlined);
      const open = GiveFirstCard.shown();
      if (f && !(open && open.uid === f.uid)) this.openCard(f.uid);
      else if (!f && open && open.owner === this) this.closeCard();
    },

    onKeydown(e) {
      const open = GiveFirstCard.shown();
      if (!open || open.owner !== this) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.dismissedAt = this.caretOffset();
        this.closeCard();
      }
    },

    // The shortcut: the first underlined finding after the open card's words, or after the caret (wrapping
    // round), scrolled into view with its card open and focused.
    nextFinding() {
      this.syncTo(this.currentMap().text);
      const lined = this.shownFindings().filter(underlined).sort((a, b) => a.start - b.start || a.end - b.end);
      if (!lined.length) return false;
      const open = GiveFirstCard.shown();
      const current = open && open.owner === this ? this.findingByUid(open.uid) : null;
      const from = current ? current.start + 1 : this.caretOffset() ?? 0;
      const next = lined.find((f) => f.start >= from && f !== current) || lined[0];
      this.openCard(next.uid, { focus: true });
      return true;
    },

    // Opens the card of a finding, first scrolled into view inside its own scrolling container; with focus, the
    // card takes the keyboard (without scrolling anything) and Escape puts the caret back.
    openCard(uid, { focus = false } = {}) {
      const finding = this.findingByUid(uid);
      if (!finding) return;
      this.draw();
      let rects = underlined(finding) ? this.rectsOf(finding) : [];
      if (rects.length && !this.inView(rects)) {
        GiveFirstPlacement.scrollIntoView(this.box, { top: rects[0].top, bottom: rects[rects.length - 1].bottom });
        this.draw();
        rects = this.rectsOf(finding);
      }
      const anchor = rects.length ? anchorOf(rects) : this.chip.chip.getBoundingClientRect();
      const previous = GiveFirstCard.shown();
      if (previous && previous.owner !== this) previous.owner.scheduleDraw(); // un-highlight its words
      if (focus) this.saveCaret();
      GiveFirstCard.open({
        owner: this,
        finding,
        anchor,
        dark: this.dark,
        shortcut: this.env.settings().nextFindingShortcut,
        note: finding.category === 'value-first' ? this.ledgerNote() : null,
        actions: {
          onRewrite: (i) => this.applyRewrite(uid, i),
          onIgnore: () => this.ignore(uid),
          onDisableRule: () => this.disableRule(uid),
        },
      });
      if (focus) GiveFirstCard.focusFirst();
      this.draw();
    },

    saveCaret() {
      const sel = getSelection();
      const inBody = sel.rangeCount && this.box.contains(sel.getRangeAt(0).startContainer);
      if (inBody) this.savedCaret = sel.getRangeAt(0).cloneRange();
      else if (!GiveFirstCard.shown()) this.savedCaret = null;
    },

    closeCard() {
      GiveFirstCard.close();
      this.scheduleDraw();
    },

    // The focus back in the body, with the caret where it was before a card took the focus (no scrolling).
    focusBody() {
      this.box.focus({ preventScroll: true });
      const saved = this.savedCaret;
      this.savedCaret = null;
      if (saved && this.box.contains(saved.startContainer)) {
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(saved);
        this.dismissedAt = this.caretOffset();
      }
    },

    // Selects the rewrite's words and types the replacement with execCommand, so the mail client's undo and draft
    // saving see an ordinary edit; the caret ends after the inserted text.
    applyRewrite(uid, index) {
      const map = this.currentMap();
      this.syncTo(map.text);
      const finding = this.findingByUid(uid);
      const rewrite = finding && finding.rewrites[index];
      this.savedCaret = null;
      this.closeCard();
      const range = rewrite && GiveFirstTextMap.rangeFor(map, rewrite.start, rewrite.end);
      if (!range) return;
      this.box.focus({ preventScroll: true });
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (rewrite.replacement) document.execCommand('insertText', false, rewrite.replacement);
      else document.execCommand('delete');
    },

    ignore(uid) {
      const finding = this.findingByUid(uid);
      this.closeCard();
      this.focusBody();
      if (finding && this.env.ignore) this.env.ignore(finding);
    },

    disableRule(uid) {
      const finding = this.findingByUid(uid);
      this.closeCard();
      this.focusBody();
      if (finding) this.env.disableRule(finding.rule);
    },
  });
})();
