// Generated from models/categories.json by `make categories`: edit that file, not this one.
// The finding categories the service reports: label, colour and whether a finding is drawn as an underline.
// Readability findings are about the whole email, so they appear in the chip's list, not under words.
const GiveFirstCategories = (() => {
  const LIST = [
    {"id": "undermining", "label": "Undermining a favour", "short": "undermining", "color": "#d93025", "underline": true},
    {"id": "value-first", "label": "Give value first", "short": "value first", "color": "#1a73e8", "underline": true},
    {"id": "door-in-the-face", "label": "Door in the face", "short": "door in the face", "color": "#9334e6", "underline": true},
    {"id": "weak-phrasing", "label": "Weak phrasing", "short": "weak phrasing", "color": "#e37400", "underline": true},
    {"id": "readability", "label": "Readability", "short": "readability", "color": "#188038", "underline": false},
  ];
  const FALLBACK = {"label": "Other", "short": "other", "color": "#5f6368", "underline": true};
  const byId = new Map(LIST.map((c) => [c.id, c]));

  function get(id) {
    return byId.get(id) || { ...FALLBACK, id };
  }

  return { LIST, get };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstCategories;
