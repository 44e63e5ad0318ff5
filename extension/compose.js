// Finds every compose body (new message, reply, pop-out, several at once) and notices when one goes away. What a
// compose body looks like is the mail client's adapter's (adapters.js): its bodySelector.
const GiveFirstCompose = (() => {
  const SCAN_DELAY_MS = 100;

  // Calls onAdded(box) and onRemoved(box) as bodies come and go; onMutated() after each scan (layout may move).
  function watch(selector, { onAdded, onRemoved, onMutated }) {
    const known = new Set();
    let scheduled = null;

    function scan() {
      scheduled = null;
      for (const box of document.querySelectorAll(selector)) {
        if (!known.has(box)) {
          known.add(box);
          onAdded(box);
        }
      }
      for (const box of known) {
        if (!box.isConnected || !box.matches(selector)) {
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
      attributeFilter: ['contenteditable', 'role', 'aria-label', 'aria-multiline', 'g_editable'],
    });
    scan();
    return observer;
  }

  return { watch };
})();
