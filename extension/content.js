// Wires the content scripts together on a Gmail or Outlook page: the client's adapter, one Draft per compose
// body, settings and ignores applied live, and the page-wide events (caret moves, clicks elsewhere, the
// next-finding shortcut) routed to the drafts they concern.
(() => {
  const adapter = GiveFirstAdapters.forHost(location.hostname);
  let settings = GiveFirstSettings.withDefaults({});
  let ignored = new Set();
  const drafts = new Map(); // compose body -> GiveFirstDraft
  const env = {
    adapter,
    settings: () => settings,
    ignored: () => ignored,
    // "Turn off this rule": hidden in every draft on this page at once, then saved for all tabs.
    disableRule(rule) {
      if (settings.disabledRules.includes(rule)) return;
      settings = { ...settings, disabledRules: [...settings.disabledRules, rule] };
      redrawAll();
      GiveFirstService.disableRule(rule);
    },
    // "Ignore": this rule on these words, in every draft from now on (kept on this device).
    ignore(finding) {
      ignored = new Set([...ignored, GiveFirstIgnores.keyOf(finding.rule, finding.text)]);
      redrawAll();
      GiveFirstIgnores.add(finding.rule, finding.text);
    },
  };

  function redrawAll() {
    for (const draft of drafts.values()) draft.scheduleDraw();
  }

  GiveFirstService.loadSettings().then((s) => {
    settings = s;
    redrawAll();
  });
  GiveFirstService.onSettingsChanged(async () => {
    settings = await GiveFirstService.loadSettings();
    for (const draft of drafts.values()) draft.settingsChanged();
  });
  GiveFirstIgnores.load().then((list) => {
    ignored = GiveFirstIgnores.toSet(list);
    redrawAll();
  });
  GiveFirstIgnores.onChanged((list) => {
    ignored = GiveFirstIgnores.toSet(list);
    redrawAll();
  });

  GiveFirstCompose.watch(adapter.bodySelector, {
    onAdded: (box) => drafts.set(box, new GiveFirstDraft(box, env)),
    onRemoved: (box) => {
      drafts.get(box).destroy();
      drafts.delete(box);
    },
    onMutated: redrawAll,
  });

  function draftOf(node) {
    for (const [box, draft] of drafts) if (node && box.contains(node)) return draft;
    return null;
  }

  document.addEventListener('selectionchange', () => {
    const draft = draftOf(getSelection().focusNode);
    if (draft) draft.onCaret();
  });

  // The next-finding shortcut, from the compose body or from an open card.
  document.addEventListener('keydown', (e) => {
    if (!GiveFirstKeyboard.matches(e, settings.nextFindingShortcut)) return;
    const open = GiveFirstCard.shown();
    const draft = GiveFirstOverlay.isOverlayEvent(e) && open ? open.owner : draftOf(e.target);
    if (draft && draft.nextFinding()) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);

  // A press outside the overlay closes the chip lists, and the card unless it is in the card's own body.
  document.addEventListener('mousedown', (e) => {
    if (GiveFirstOverlay.isOverlayEvent(e)) return;
    for (const draft of drafts.values()) GiveFirstChip.closeList(draft.chip);
    const open = GiveFirstCard.shown();
    if (open && !open.owner.box.contains(e.target)) open.owner.closeCard();
  }, true);
})();
