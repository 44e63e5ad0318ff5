// "Ignore" on a card, kept: a rule and the phrase it flagged (lower-cased), in chrome.storage.local (this device
// only, never synced). That phrase is the only email text the extension stores, because the writer asked it to;
// the options page lists every ignore and clears them. Shared by content scripts and the options page.
const GiveFirstIgnores = (() => {
  const KEY = 'ignores';

  function normalise(phrase) {
    return String(phrase || '').replace(/\s+/g, ' ').trim().toLowerCase();
  }

  function keyOf(rule, phrase) {
    return `${rule}\u0000${normalise(phrase)}`;
  }

  // [{rule, phrase, at}] as stored.
  function load() {
    return chrome.storage.local.get(KEY).then((s) => (Array.isArray(s[KEY]) ? s[KEY] : []));
  }

  function save(list) {
    return chrome.storage.local.set({ [KEY]: list });
  }

  async function add(rule, phrase) {
    const list = await load();
    if (!list.some((i) => keyOf(i.rule, i.phrase) === keyOf(rule, phrase))) {
      list.push({ rule, phrase: normalise(phrase), at: Date.now() });
      await save(list);
    }
    return list;
  }

  async function remove(rule, phrase) {
    const list = (await load()).filter((i) => keyOf(i.rule, i.phrase) !== keyOf(rule, phrase));
    await save(list);
    return list;
  }

  function clear() {
    return save([]);
  }

  // A Set of keys for quick checks: has(set, finding).
  function toSet(list) {
    return new Set(list.map((i) => keyOf(i.rule, i.phrase)));
  }

  function has(set, finding) {
    return set.has(keyOf(finding.rule, finding.text));
  }

  function onChanged(callback) {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes[KEY]) callback(Array.isArray(changes[KEY].newValue) ? changes[KEY].newValue : []);
    });
  }

  return { KEY, load, add, remove, clear, toSet, has, keyOf, normalise, onChanged };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstIgnores;
