// The shortcut that jumps to the next finding and opens its card. Stored as text ("Alt+Shift+J"), matched on the
// physical key (event.code), so Option on a Mac (which changes the character typed) still matches. Not
// Alt+ArrowDown: that is Option+Down on a Mac, which moves the caret to the end of the paragraph.
const GiveFirstKeyboard = (() => {
  const DEFAULT = 'Alt+Shift+J';
  const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'];

  // {ctrl, alt, shift, meta, key} from "Ctrl+Alt+K"; null when there is no key or no modifier.
  function parse(text) {
    const parts = String(text || '').split('+').map((p) => p.trim()).filter(Boolean);
    const combo = { ctrl: false, alt: false, shift: false, meta: false, key: '' };
    for (const p of parts) {
      const mod = MODIFIERS.find((m) => m.toLowerCase() === p.toLowerCase());
      if (mod) combo[mod.toLowerCase()] = true;
      else combo.key = p.length === 1 ? p.toUpperCase() : p;
    }
    return combo.key && (combo.ctrl || combo.alt || combo.meta) ? combo : null;
  }

  // The key's name from an event: letters and digits by physical key, others by their key value.
  function keyName(e) {
    if (/^Key[A-Z]$/.test(e.code || '')) return e.code.slice(3);
    if (/^Digit[0-9]$/.test(e.code || '')) return e.code.slice(5);
    return e.key && e.key.length === 1 ? e.key.toUpperCase() : e.key;
  }

  function matches(e, text) {
    const c = parse(text) || parse(DEFAULT);
    return e.ctrlKey === c.ctrl && e.altKey === c.alt && e.shiftKey === c.shift && e.metaKey === c.meta &&
      keyName(e) === c.key;
  }

  // The text for a key press (the options page records a shortcut by pressing it), or null for a lone modifier.
  function fromEvent(e) {
    if (['Control', 'Alt', 'Shift', 'Meta'].includes(e.key)) return null;
    const mods = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta'].filter(Boolean);
    const text = [...mods, keyName(e)].join('+');
    return parse(text) ? text : null;
  }

  return { DEFAULT, parse, matches, fromEvent };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstKeyboard;
