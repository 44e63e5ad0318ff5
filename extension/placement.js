// Where a compose body is on screen, for the chip and the card (underlines are painted with the text and need
// none of this): whether it shows at all (checkVisibility), the part of it its scrolling ancestors and the
// viewport leave visible, a watch that calls back when any of those ancestors scrolls or the body moves or is
// hidden (a slow poll catches compose windows that animate open), and scrolling one range into view in its own container only.
const GiveFirstPlacement = (() => {
  const POLL_MS = 400;

  function intersect(a, b) {
    const r = {
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    };
    return r.right > r.left && r.bottom > r.top ? r : null;
  }

  function clips(style) {
    return style.overflowX !== 'visible' || style.overflowY !== 'visible';
  }

  // The elements from box up that scroll or clip their content (box itself included when it does).
  function scrollingAncestors(box) {
    const out = [];
    for (let el = box; el && el.nodeType === 1; el = el.parentElement) {
      if (clips(getComputedStyle(el))) out.push(el);
    }
    return out;
  }

  // The visible part of box (a viewport rect), or null when it does not show.
  function visible(box) {
    if (!shows(box)) return null;
    const b = box.getBoundingClientRect();
    let clip = { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    for (let el = box.parentElement; el && clip; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.display === 'none') return null;
      if (clips(style)) clip = intersect(clip, el.getBoundingClientRect());
    }
    const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
    return clip && intersect(clip, view);
  }

  function shows(box) {
    return typeof box.checkVisibility !== 'function' || box.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  }

  function sameRect(a, b) {
    return a && b && a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height &&
      a.shows === b.shows;
  }

  // Calls onMove() when box's scrolling ancestors scroll, the window resizes, or box moves (polled); returns stop().
  function watch(box, onMove) {
    let targets = [];
    let last = null;
    let timer = null;
    let stopped = false;
    const listen = () => {
      for (const t of targets) t.removeEventListener('scroll', onMove);
      targets = [...scrollingAncestors(box), window];
      for (const t of targets) t.addEventListener('scroll', onMove, { passive: true });
    };
    const poll = () => {
      if (stopped) return;
      if (box.isConnected) {
        const b = box.getBoundingClientRect();
        const r = { left: b.left, top: b.top, width: b.width, height: b.height, shows: shows(box) };
        if (!sameRect(r, last)) {
          if (last) listen(); // it moved: the window may have been re-parented or restyled
          last = r;
          onMove();
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    listen();
    addEventListener('resize', onMove, { passive: true });
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const t of targets) t.removeEventListener('scroll', onMove);
      removeEventListener('resize', onMove);
    };
  }

  // Scrolls the nearest container that scrolls (box, or the first ancestor with overflow to scroll) just enough
  // for rect to show, with a margin; never the page or the thread around it when box itself can show it.
  function scrollIntoView(box, rect, margin = 24) {
    for (let el = box; el && el.nodeType === 1; el = el.parentElement) {
      const style = getComputedStyle(el);
      const scrolls = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
      if (!scrolls) continue;
      const c = el.getBoundingClientRect();
      if (rect.top < c.top + margin) el.scrollTop -= c.top + margin - rect.top;
      else if (rect.bottom > c.bottom - margin) el.scrollTop += rect.bottom - (c.bottom - margin);
      return el;
    }
    return null;
  }

  return { visible, watch, scrollIntoView, scrollingAncestors, intersect };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstPlacement;
