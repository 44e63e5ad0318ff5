// The give/ask ledger in the compose window (opt-in): which recipients the local ledger knows, and the
// words for the chip and the value-first card. Pure functions plus one fetch; no DOM changes here.
// Wired in: adapters.js finds a compose window's recipient fields, people() reads them; draft.js asks the service
// worker (background.js, fetchBalance) when they change; the chip shows chipLine(), a value-first card adds
// cardNote(). Only when the options page's "Show the give/ask ledger" is on (settings key `ledger`, default off).
const GiveFirstLedger = (() => {
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const ADDRESS = /^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,189}$/;
  const MAX = 50;

  // Addresses of the compose window's recipients: Gmail's chips carry them in `email` or
  // `data-hovercard-id`; Outlook's in `data-email`/`title`. Lower case, each once, at most MAX.
  function recipientsFrom(root) {
    const out = [];
    if (!root || typeof root.querySelectorAll !== 'function') return out;
    for (const el of root.querySelectorAll('[email], [data-hovercard-id], [data-email]')) {
      const value = (el.getAttribute('email') || el.getAttribute('data-email') || el.getAttribute('data-hovercard-id') || '').trim().toLowerCase();
      if (ADDRESS.test(value) && !out.includes(value)) out.push(value);
      if (out.length >= MAX) break;
    }
    return out;
  }

  // The recipients in some fields (adapters.js says which), each once: [{address, label}] with the chip's text
  // as the label ("Sam Lee"), for displayName().
  function people(fields) {
    const out = [];
    for (const field of fields || []) {
      for (const address of recipientsFrom(field)) {
        if (out.length >= MAX || out.some((p) => p.address === address)) continue;
        const chip = [...field.querySelectorAll('[email], [data-hovercard-id], [data-email]')].find((el) =>
          [el.getAttribute('email'), el.getAttribute('data-email'), el.getAttribute('data-hovercard-id')]
            .some((v) => (v || '').trim().toLowerCase() === address));
        out.push({ address, label: chip ? (chip.getAttribute('data-name') || chip.textContent || '').trim() : '' });
      }
    }
    return out;
  }

  function queryUrl(endpoint, addresses) {
    return endpoint + '?to=' + encodeURIComponent(addresses.slice(0, MAX).join(','));
  }

  // {address: entry} for the recipients the ledger knows; {} when there is no ledger, the service is
  // down or says no (the compose box works as before). `endpoint` is Settings.endpoint(s, 'v1/ledger').
  async function fetchBalance(fetchFn, endpoint, token, addresses) {
    if (!addresses.length) return {};
    try {
      const headers = token ? { Authorization: 'Bearer ' + token } : {};
      const r = await fetchFn(queryUrl(endpoint, addresses), { headers });
      if (!r.ok) return {};
      const body = await r.json();
      if (!body || body.ledger !== true || !Array.isArray(body.recipients)) return {};
      const out = {};
      for (const e of body.recipients) if (e && e.known) out[e.address] = e;
      return out;
    } catch (_) {
      return {};
    }
  }

  function day(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? MONTHS[Number(m[2]) - 1] + ' ' + Number(m[3]) : '';
  }

  // "Dana" from a chip's label ("Dana Kim"), else from the address ("dana.kim@x" -> "Dana").
  function displayName(address, label) {
    const first = String(label || '').trim().split(/\s+/)[0];
    if (first && !first.includes('@')) return first;
    const local = String(address || '').split('@')[0].split(/[._+-]/)[0];
    return local ? local[0].toUpperCase() + local.slice(1) : '';
  }

  function favours(n) {
    return n === 1 ? '1 favour asked' : n + ' favours asked';
  }

  // 'Dana: 3 favours asked, none given since Mar 2'; null when there is nothing worth saying.
  function chipText(entry, name) {
    if (!entry || !entry.known) return null;
    const since = entry.favour_asks_since_last_give;
    if (entry.last_give && since > 0) return `${name}: ${favours(since)}, none given since ${day(entry.last_give)}`;
    if (!entry.last_give && entry.favour_asks > 0) return `${name}: ${favours(entry.favour_asks)}, none given yet`;
    if (entry.last_give) return `${name}: you last gave on ${day(entry.last_give)}`;
    return null;
  }

  // How much is owed to a recipient: favours asked since the last give (or ever, with no give yet).
  function owedBy(e) {
    return e.last_give ? e.favour_asks_since_last_give : e.favour_asks;
  }

  // The chip's line: the recipient owed most, else the first one the ledger has something to say about.
  // entries: {address: entry} (fetchBalance), names: {address: 'Dana'}; null when nothing is worth saying.
  function chipLine(entries, names) {
    const known = Object.values(entries || {}).filter((e) => e && e.known);
    known.sort((a, b) => owedBy(b) - owedBy(a));
    for (const e of known) {
      const text = chipText(e, (names && names[e.address]) || displayName(e.address));
      if (text) return text;
    }
    return null;
  }

  // The value-first card's extra sentence, for the recipient owed most; null when no one is owed.
  function cardNote(entries, names) {
    const owed = Object.values(entries || {})
      .map((e) => ({ e, n: owedBy(e) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)[0];
    if (!owed) return null;
    const name = (names && names[owed.e.address]) || displayName(owed.e.address);
    const when = owed.e.last_give ? ` since you last gave (${day(owed.e.last_give)})` : ' and given nothing yet';
    return `You have asked ${name} for ${owed.n === 1 ? 'a favour' : owed.n + ' favours'}${when}: lead with something for them.`;
  }

  return { recipientsFrom, people, queryUrl, fetchBalance, chipText, chipLine, cardNote, displayName, day };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstLedger;
