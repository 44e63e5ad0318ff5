// Finds every Gmail compose body (new message, reply, pop-out, several at once) and notices when one goes away.
// Gmail's body is a contenteditable textbox labelled "Message Body" (the label is localised, so g_editable too).
const GiveFirstCompose = (() => {
  const SELECTOR = [
    'div[contenteditable="true"][role="textbox"][aria-label="Message Body"]',
    'div[contenteditable="true"][role="textbox"][g_editable="true"]',
  ].join(', ');
  const SCAN_DELAY_MS = 100;

  // Calls onAdded(box) and onRemoved(box) as bodies come and go; onMutated() after each scan (layout may move).
  function watch({ onAdded, onRemoved, onMutated }) {
    const known = new Set();
    let scheduled = null;

    function scan() {
      scheduled = null;
      for (const box of document.querySelectorAll(SELECTOR)) {
        if (!known.has(box)) {
          known.add(box);
          onAdded(box);
        }
      }
      for (const box of known) {
        if (!box.isConnected || !box.matches(SELECTOR)) {
          known.delete(box);
          onRemoved(box);
        }
      }
      onMutated();
    }

    const observer = new MutationObserver(() => {
      if (!scheduled) scheduled = setTimeout(scan, SCAN_DELAY_MS);
    });
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['contenteditable', 'role', 'aria-label', 'g_editable'],
    });
    scan();
    return observer;
  }

  return { watch };
})();
