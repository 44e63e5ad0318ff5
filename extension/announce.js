// A polite live region (inside the overlay's shadow root) that tells screen readers about new findings,
// without moving the focus. Only counts and category names are spoken, never the email's words.
const GiveFirstAnnounce = (() => {
  let region = null;

  function say(text) {
    if (!region || !region.isConnected) {
      region = document.createElement('div');
      region.className = 'gf-live';
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      GiveFirstOverlay.shadowRoot().append(region);
    }
    region.textContent = text;
  }

  // What to say about findings that were not there before (by uid), or '' when none are new.
  function newFindings(findings) {
    if (!findings.length) return '';
    const names = [...new Set(findings.map((f) => GiveFirstCategories.get(f.category).label.toLowerCase()))];
    const n = findings.length;
    return `Give First: ${n} new finding${n === 1 ? '' : 's'} (${names.join(', ')}).`;
  }

  return { say, newFindings };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstAnnounce;
