// Pure operations on the service's findings: keeping them in place while the writer types (rebase), choosing
// which ones to show, counting them for the chip, and finding the one under the caret.
const GiveFirstFindings = (() => {
  // The single edited region between two texts: old [start, oldEnd) became new [start, newEnd).
  function editBetween(oldText, newText) {
    const max = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let tail = 0;
    while (
      tail < max - start &&
      oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)
    ) {
      tail++;
    }
    return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
  }

  // A span moved across an edit, or null when the edit changes its words. An edit right next to a span (a
  // full stop typed after the flagged words) leaves it in place: its words are unchanged.
  function shiftSpan(span, edit) {
    if (span.end <= edit.start) return span;
    if (span.start >= edit.oldEnd) {
      const delta = edit.newEnd - edit.oldEnd;
      return { ...span, start: span.start + delta, end: span.end + delta };
    }
    return null;
  }

  // Whether the span's words run on into letters next to them ("deal" typed on into "deals"): changed words.
  function joined(text, span) {
    const word = /[\p{L}\p{N}_']/u;
    return (span.start > 0 && word.test(text[span.start - 1]) && word.test(text[span.start])) ||
      (span.end < text.length && word.test(text[span.end]) && word.test(text[span.end - 1]));
  }

  // Findings (with their rewrites) re-pointed from oldText to newText; findings whose words the edit changed are
  // dropped, so a finding is never drawn over words other than those the service flagged.
  function rebase(findings, oldText, newText) {
    if (oldText === newText) return findings;
    const edit = editBetween(oldText, newText);
    const out = [];
    for (const f of findings) {
      const moved = shiftSpan(f, edit);
      if (!moved || newText.slice(moved.start, moved.end) !== oldText.slice(f.start, f.end) || joined(newText, moved)) continue;
      moved.rewrites = (f.rewrites || []).map((r) => shiftSpan(r, edit)).filter(Boolean);
      out.push(moved);
    }
    return out;
  }

  // New findings take the uid of the previous finding of the same rule on the same words (the previous ones
  // re-pointed to the new text first), so an open card survives a fresh analysis; the rest get fresh uids.
  function keepIdentity(previous, previousText, next, nextText, newUid) {
    const same = new Map();
    for (const f of rebase(previous, previousText, nextText)) same.set(`${f.rule}|${f.start}|${f.end}`, f.uid);
    return next.map((f) => ({ ...f, uid: same.get(`${f.rule}|${f.start}|${f.end}`) ?? newUid() }));
  }

  // "Ignore" hides a finding for one draft: the same rule on the same words stays ignored after re-analysis.
  function ignoreKey(f) {
    return `${f.rule}\u0000${f.text}`;
  }

  function isShown(f, { ignored, disabledCategories = [], disabledRules = [] }) {
    return !(
      (ignored && ignored.has(ignoreKey(f))) ||
      disabledCategories.includes(f.category) ||
      disabledRules.includes(f.rule)
    );
  }

  function countByCategory(findings) {
    const counts = {};
    for (const f of findings) counts[f.category] = (counts[f.category] || 0) + 1;
    return counts;
  }

  // The shortest finding whose words contain offset strictly (a caret at either edge is outside).
  function atOffset(findings, offset, eligible = () => true) {
    let best = null;
    for (const f of findings) {
      if (f.start < offset && offset < f.end && eligible(f) && (!best || f.end - f.start < best.end - best.start)) {
        best = f;
      }
    }
    return best;
  }

  return { editBetween, rebase, keepIdentity, ignoreKey, isShown, countByCategory, atOffset };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstFindings;
