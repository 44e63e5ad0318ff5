// The overlay outside the email's DOM (a shadow root for cards and chips), and, where the CSS Custom Highlight API
// is missing, the fallback that draws underlines over the words of each finding in it (highlights.js otherwise).
// Rects come from Range.getClientRects() on the text-node pieces of a span (one range per node, so the boxes
// of wrapping elements such as <b> or a whole line's <div> are never drawn), merged per line and clipped to
// the part of the compose body that is visible. The overlay never takes clicks meant for the text.
const GiveFirstOverlay = (() => {
  let host = null;
  let root = null;

  // The shadow root all layers, cards and chips live in; re-attached if the page dropped it.
  function shadowRoot() {
    if (root && host.isConnected) return root;
    if (!host) {
      host = document.createElement('div');
      host.id = 'givefirst-overlay';
      host.style.cssText = 'position:fixed;left:0;top:0;width:0;height:0;z-index:2147483646;pointer-events:none;';
      root = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = GiveFirstStyles;
      root.append(style);
    }
    document.documentElement.append(host);
    return root;
  }

  function createLayer() {
    const layer = document.createElement('div');
    layer.className = 'gf-layer';
    shadowRoot().append(layer);
    return layer;
  }

  function removeLayer(layer) {
    layer.remove();
  }

  // Rects on one line that touch become one rect, so a span across formatting draws one unbroken line.
  function mergeLineRects(rects) {
    const out = [];
    for (const r of rects) {
      if (r.width <= 0 || r.height <= 0) continue;
      const prev = out[out.length - 1];
      const sameLine = prev && Math.abs(prev.top + prev.bottom - r.top - r.bottom) / 2 < Math.min(prev.height, r.height) / 2;
      if (sameLine && r.left <= prev.right + 1 && r.right >= prev.left - 1) {
        prev.left = Math.min(prev.left, r.left);
        prev.right = Math.max(prev.right, r.right);
        prev.top = Math.min(prev.top, r.top);
        prev.bottom = Math.max(prev.bottom, r.bottom);
        prev.width = prev.right - prev.left;
        prev.height = prev.bottom - prev.top;
      } else {
        out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height });
      }
    }
    return out;
  }

  // Viewport rects of the words in [start, end) of a text map.
  function spanRects(map, start, end) {
    const rects = [];
    const range = document.createRange();
    for (const p of GiveFirstTextMap.pieces(map, start, end)) {
      range.setStart(p.node, p.from);
      range.setEnd(p.node, p.to);
      rects.push(...range.getClientRects());
    }
    return mergeLineRects(rects);
  }

  function place(el, left, top, width, height) {
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
    el.style.width = `${width}px`;
    if (height !== undefined) el.style.height = `${height}px`;
  }

  // Replaces layer's underlines. items: [{finding, rects, active}]; only the parts inside clip are drawn.
  function drawUnderlines(layer, items, clip) {
    const lines = document.createDocumentFragment();
    for (const { finding, rects, active } of items) {
      const color = GiveFirstCategories.get(finding.category).color;
      for (const r of rects) {
        const seen = clip && GiveFirstPlacement.intersect(r, clip);
        if (!seen || r.bottom > clip.bottom + 1) continue;
        const line = document.createElement('div');
        line.className = finding.severity === 'info' ? 'gf-line gf-info' : 'gf-line';
        line.dataset.category = finding.category;
        line.dataset.rule = finding.rule;
        line.style.background = color;
        line.style.borderColor = color;
        place(line, seen.left, r.bottom - 1, seen.right - seen.left);
        lines.append(line);
        if (active) {
          const mark = document.createElement('div');
          mark.className = 'gf-mark';
          mark.style.background = color;
          place(mark, seen.left, seen.top, seen.right - seen.left, seen.bottom - seen.top);
          lines.append(mark);
        }
      }
    }
    layer.querySelectorAll('.gf-line, .gf-mark').forEach((el) => el.remove());
    layer.prepend(lines);
  }

  // Whether an event happened on the overlay's own controls (cards, chips, lists).
  function isOverlayEvent(event) {
    return Boolean(host) && event.composedPath().includes(host);
  }

  return { shadowRoot, createLayer, removeLayer, spanRects, mergeLineRects, drawUnderlines, isOverlayEvent };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstOverlay;
