// Dark mode from the compose window itself: Gmail's theme (and Outlook's) is independent of the system setting,
// so the first opaque background behind the compose body decides.
const GiveFirstTheme = (() => {
  function parse(color) {
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?/.exec(color || '');
    return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
  }

  // Relative luminance (0 black .. 1 white) of an sRGB colour.
  function luminance({ r, g, b }) {
    const lin = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  // Whether the compose body sits on a dark background.
  function isDark(box) {
    for (let el = box; el && el.nodeType === 1; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c && c.a >= 0.5) return luminance(c) < 0.2;
    }
    return false;
  }

  return { isDark, luminance, parse };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstTheme;
