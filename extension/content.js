// Wires the content scripts together on a Gmail page: one Draft per compose body, settings applied live, and
// the page-wide events (scroll, resize, caret moves, clicks elsewhere) routed to the drafts they concern.
(() => {
  let settings = GiveFirstSettings.withDefaults({});
  const drafts = new Map(); // compose body -> GiveFirstDraft
  const env = {
    settings: () => settings,
    // "Turn off this rule": hidden in every draft on this page at once, then saved for all tabs.
    disableRule(rule) {
      if (settings.disabledRules.includes(rule)) return;
      settings = { ...settings, disabledRules: [...settings.disabledRules, rule] };
      redrawAll();
      GiveFirstService.disableRule(rule);
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

  GiveFirstCompose.watch({
    onAdded: (box) => drafts.set(box, new GiveFirstDraft(box, env)),
    onRemoved: (box) => {
      drafts.get(box).destroy();
      drafts.delete(box);
    },
    onMutated: redrawAll,
  });

  addEventListener('scroll', redrawAll, { capture: true, passive: true });
  addEventListener('resize', redrawAll, { passive: true });

  document.addEventListener('selectionchange', () => {
    const node = getSelection().focusNode;
    if (!node) return;
    for (const [box, draft] of drafts) {
      if (box.contains(node)) {
        draft.onCaret();
        return;
      }
    }
  });

  // A press outside the overlay closes the chip lists, and the card unless it is in the card's own body.
  document.addEventListener('mousedown', (e) => {
    if (GiveFirstOverlay.isOverlayEvent(e)) return;
    for (const draft of drafts.values()) GiveFirstChip.closeList(draft.chip);
    const open = GiveFirstCard.shown();
    if (open && !open.owner.box.contains(e.target)) open.owner.closeCard();
  }, true);
})();
