// The card for one finding: message, explanation, one button per rewrite, "Ignore" and "Turn off this rule".
// One card is open at a time, in the top layer (Popover API, popover="manual"), so no window of the page covers
// it. Server strings go in with textContent only. Pressing a card button does not take the focus or the selection
// away from the compose body (mousedown is cancelled), so the caret stays put; focusFirst() never scrolls.
const GiveFirstCard = (() => {
  const GAP = 6;
  let card = null;
  let current = null; // {owner, uid}

  function button(className, label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = label;
    b.addEventListener('click', (e) => {
      e.stopPropagation();
      onClick();
    });
    return b;
  }

  function paragraph(className, text) {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    return p;
  }

  // Opens the card for finding below anchor (a viewport rect). actions: {onRewrite(i), onIgnore(), onDisableRule()}.
  // note: the ledger's sentence for a value-first card ("You have asked Dana for 3 favours ..."), or null.
  function open({ owner, finding, anchor, actions, dark = false, shortcut = '', note = null }) {
    close();
    const category = GiveFirstCategories.get(finding.category);
    card = document.createElement('div');
    card.className = dark ? 'gf-card gf-dark' : 'gf-card';
    if ('popover' in card) card.popover = 'manual';
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', `Give First: ${finding.message || category.label}`);
    card.style.borderTopColor = category.color;
    card.addEventListener('mousedown', (e) => e.preventDefault());
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        owner.closeCard();
        owner.focusBody();
      }
    });

    const label = paragraph('gf-card-category', category.label);
    label.style.color = category.color;
    card.append(label, paragraph('gf-card-message', finding.message || ''));
    if (finding.explanation) card.append(paragraph('gf-card-explanation', finding.explanation));
    if (note) card.append(paragraph('gf-card-ledger', note));

    const rewrites = document.createElement('div');
    rewrites.className = 'gf-card-rewrites';
    (finding.rewrites || []).forEach((r, i) => {
      const b = button('gf-rewrite', r.label || r.replacement || 'Delete', () => actions.onRewrite(i));
      b.title = r.replacement ? `Replace with "${r.replacement}"` : 'Delete these words';
      rewrites.append(b);
    });
    if (rewrites.childNodes.length) card.append(rewrites);

    const footer = document.createElement('div');
    footer.className = 'gf-card-actions';
    footer.append(
      button('gf-quiet gf-ignore', 'Ignore', actions.onIgnore),
      button('gf-quiet gf-disable-rule', 'Turn off this rule', actions.onDisableRule),
    );
    const next = shortcut ? `${shortcut}: next finding, ` : '';
    card.append(footer, paragraph('gf-card-hint', `${next}Tab to choose, Esc to close`));

    GiveFirstOverlay.shadowRoot().append(card);
    if (typeof card.showPopover === 'function') card.showPopover();
    current = { owner, uid: finding.uid };
    move(anchor);
  }

  // Places the card under anchor, or above it when there is no room below; always inside the viewport.
  function move(anchor) {
    if (!card) return;
    const { width, height } = card.getBoundingClientRect();
    let top = anchor.bottom + GAP;
    if (top + height > innerHeight - GAP && anchor.top - GAP - height >= GAP) top = anchor.top - GAP - height;
    const left = Math.max(GAP, Math.min(anchor.left, innerWidth - width - GAP));
    card.style.left = `${left}px`;
    card.style.top = `${Math.max(GAP, top)}px`;
  }

  function close() {
    if (card && typeof card.hidePopover === 'function' && card.matches(':popover-open')) card.hidePopover();
    if (card) card.remove();
    card = null;
    current = null;
  }

  // {owner, uid} of the open card, or null.
  function shown() {
    return current;
  }

  function focusFirst() {
    const first = card && card.querySelector('button');
    if (first) first.focus({ preventScroll: true });
  }

  return { open, move, close, shown, focusFirst };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstCard;
