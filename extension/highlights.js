// Paints underlines with the text itself through the CSS Custom Highlight API: one Highlight per kind and category
// (gf-u-<category> a solid underline, gf-i-<category> a dotted note, gf-a-<category> the open card's words),
// styled by ::highlight() rules in a <style> element the extension owns. The email's DOM is never touched, and
// whatever the page draws above the text (Gmail's menus, other windows) covers an underline as it covers the words.
// Ranges are live: they follow edits until the next paint replaces them. Where the API is missing, overlay.js draws.
const GiveFirstHighlights = (() => {
  const STYLE_ID = 'givefirst-highlight-style';
  const owned = new Map(); // owner -> [[name, range]]

  function supported() {
    return typeof CSS !== 'undefined' && Boolean(CSS.highlights) && typeof Highlight === 'function';
  }

  function categoryId(id) {
    return GiveFirstCategories.LIST.some((c) => c.id === id) ? id : 'other';
  }

  // The highlight's name for a finding: kind 'u' (warning), 'i' (info, dotted) or 'a' (active: the card's words).
  function nameFor(finding, kind) {
    const k = kind || (finding.severity === 'info' ? 'i' : 'u');
    return `gf-${k}-${categoryId(finding.category)}`;
  }

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }

  function css() {
    const all = [...GiveFirstCategories.LIST, GiveFirstCategories.get('other')];
    const line = 'text-underline-offset: 3px; text-decoration-skip-ink: none;';
    return all.map((c) => `
::highlight(gf-u-${c.id}) { text-decoration: underline solid 2px ${c.color}; ${line} }
::highlight(gf-i-${c.id}) { text-decoration: underline dotted 2px ${c.color}; ${line} }
::highlight(gf-a-${c.id}) { background-color: ${rgba(c.color, 0.16)}; }`).join('');
  }

  // The extension's own <style> (outside the email), put back if the page dropped it.
  function ensureStyle() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = css();
    (document.head || document.documentElement).append(style);
  }

  // Replaces owner's highlighted ranges with items: [{name, range}].
  function paint(owner, items) {
    ensureStyle();
    for (const [name, range] of owned.get(owner) || []) {
      const h = CSS.highlights.get(name);
      if (h) h.delete(range);
    }
    for (const { name, range } of items) {
      let h = CSS.highlights.get(name);
      if (!h) {
        h = new Highlight();
        CSS.highlights.set(name, h);
      }
      h.add(range);
    }
    owned.set(owner, items.map((i) => [i.name, i.range]));
  }

  function clear(owner) {
    if (!owned.has(owner)) return;
    paint(owner, []);
    owned.delete(owner);
  }

  return { supported, nameFor, paint, clear, css };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstHighlights;
