// What differs between mail clients, in one place: how a compose body is found, what in it is not the writer's
// text (quotes, forwards, signature), and which message a reply answers. Everything else is the same code.
// Gmail: the body is div.Am.editable[g_editable][role=textbox] (aria-label "Message Body", localised).
// Outlook on the web: div[role=textbox][aria-label="Message body"] (localised, so also the multi-line textbox);
// the quote runs from #divRplyFwdMsg or #appendonsend to the end, the signature is #Signature.
const GiveFirstAdapters = (() => {
  const REPLY_SUBJECT = /^\s*(re|aw|sv|vs|antw|r|rif|tr|wg|fw|fwd)\s*:/i;

  function clean(text, max = 5000) {
    const t = (text || '').trim();
    return t ? t.slice(0, max) : null;
  }

  // The last of the elements matching selector that come before box in the document (and do not hold it).
  function lastBefore(scope, selector, box) {
    let last = null;
    for (const el of scope.querySelectorAll(selector)) {
      if (el.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING && !el.contains(box)) last = el;
    }
    return last;
  }

  // The recipient fields (To, Cc, Bcc) of the compose window holding box: the elements matching selector in the
  // window's root, never the body itself nor anything in it (a people chip typed into the text is no recipient).
  function fieldsIn(root, selector, box) {
    if (!root) return [];
    return [...root.querySelectorAll(selector)].filter((el) => !box.contains(el) && !el.contains(box));
  }

  function lastOutside(selector, box) {
    const all = [...document.querySelectorAll(selector)]
      .filter((el) => !el.contains(box) && !el.closest('[role="dialog"]'));
    return all[all.length - 1] || null;
  }

  // Gmail's compose window: a pop-out or a new message is a role=dialog; its subject says whether it is a reply.
  function gmailSubject(dialog) {
    const input = dialog.querySelector('input[name="subjectbox"], input[name="subject"]');
    const heading = dialog.querySelector('h2');
    return (input && input.value) || (heading && heading.textContent) || dialog.getAttribute('aria-label') || '';
  }

  const gmail = {
    name: 'gmail',
    bodySelector: [
      'div[contenteditable="true"][role="textbox"][aria-label="Message Body"]',
      'div[contenteditable="true"][role="textbox"][g_editable="true"]',
    ].join(', '),
    text: GiveFirstTextMap.GMAIL,
    // The first-level blockquote of the quote is the message answered; quotes nested in it are older ones.
    // Without a quote (trimmed, or a pop-out), the last message of the open thread; a new message answers nothing.
    replyingTo(box) {
      const quote = box.querySelector('.gmail_quote');
      if (quote) {
        const answered = quote.querySelector('blockquote') || quote;
        const text = clean(GiveFirstTextMap.build(answered, gmail.text).text);
        if (text) return text;
      }
      const dialog = box.closest('[role="dialog"]');
      let message = null;
      if (!dialog) message = lastBefore(document, '.a3s', box);
      else if (!(message = lastBefore(dialog, '.a3s', box)) && REPLY_SUBJECT.test(gmailSubject(dialog))) {
        message = lastOutside('.a3s', box);
      }
      return message ? clean(GiveFirstTextMap.build(message, gmail.text).text) : null;
    },
    // The recipient rows of the compose window (a new message or pop-out is a dialog; an inline reply sits in
    // its .M9/.ip form): the collapsed "To" line (.aoD.hl) or the expanded rows (.GS); their chips carry the
    // address in `email` or `data-hovercard-id` (ledger.js reads them). The thread's senders are never read.
    recipientFields(box) {
      return fieldsIn(box.closest('[role="dialog"]') || box.closest('.M9, .ip'), '.aoD.hl, .GS', box);
    },
  };

  const OUTLOOK_RULES = GiveFirstTextMap.rules({ ids: ['Signature'], stopIds: ['divRplyFwdMsg', 'appendonsend'] });
  const OUTLOOK_MESSAGE = '[aria-label="Message body"]:not([contenteditable="true"]), div[id^="UniqueMessageBody"]';

  const outlook = {
    name: 'outlook',
    bodySelector: [
      'div[contenteditable="true"][role="textbox"][aria-label="Message body"]',
      'div[contenteditable="true"][role="textbox"][aria-multiline="true"]',
    ].join(', '),
    text: OUTLOOK_RULES,
    // The quoted message follows the From/Sent/To header block (#divRplyFwdMsg); otherwise the reading pane's
    // last message above an inline reply (a new message, outside the reading pane, answers nothing).
    replyingTo(box) {
      const header = box.querySelector('[id$="divRplyFwdMsg"]');
      if (header) {
        let text = '';
        const next = (el) => el.nextElementSibling;
        for (let el = next(header); el && !/divRplyFwdMsg$/.test(el.id || ''); el = next(el)) {
          text += `${GiveFirstTextMap.build(el, GiveFirstTextMap.rules()).text}\n`;
        }
        if (clean(text)) return clean(text);
      }
      const pane = box.closest('#ReadingPaneContainerId, [role="main"]');
      const message = pane && lastBefore(pane, OUTLOOK_MESSAGE, box);
      return message ? clean(GiveFirstTextMap.build(message, GiveFirstTextMap.rules()).text) : null;
    },
    // The To/Cc/Bcc wells of the compose form (aria-label "To", "Cc", "Bcc"; English labels only for now), whose
    // recipients carry their address in `data-email`. The reading pane's messages above are never read.
    recipientFields(box) {
      const root = box.closest('[role="dialog"], #ReadingPaneContainerId, [role="main"]') || document.body;
      return fieldsIn(root, '[aria-label="To"], [aria-label="Cc"], [aria-label="Bcc"]', box);
    },
  };

  const HOSTS = {
    'mail.google.com': gmail,
    'outlook.office.com': outlook,
    'outlook.office365.com': outlook,
    'outlook.live.com': outlook,
  };

  function forHost(hostname) {
    return HOSTS[hostname] || gmail;
  }

  return { gmail, outlook, forHost };
})();

if (typeof module !== 'undefined') module.exports = GiveFirstAdapters;
