// Reads the message a draft answers, sent as context.replying_to (the service needs it to tell "no problem" as a
// reply to thanks from "no problem with the timeline"). A reply's quoted block holds it; otherwise it is the last
// message body (Gmail's ".a3s") above an inline reply. A compose window (role="dialog") without a quote is a
// new message, so the thread open behind it is not its context.
const GiveFirstThread = (() => {
  const MESSAGE_BODY = '.a3s';
  const MAX_CHARS = 5000;

  function clean(text) {
    const t = text.trim();
    return t ? t.slice(0, MAX_CHARS) : null;
  }

  function fromQuote(box) {
    const quote = box.querySelector('.gmail_quote');
    if (!quote) return null;
    // The first-level blockquote is the message answered; quotes nested in it are older messages.
    const answered = quote.querySelector('blockquote') || quote;
    return clean(GiveFirstTextMap.build(answered).text);
  }

  function fromThread(box) {
    const scope = box.closest('[role="dialog"]') || document.body;
    let last = null;
    for (const body of scope.querySelectorAll(MESSAGE_BODY)) {
      if (body.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING && !body.contains(box)) last = body;
    }
    return last ? clean(GiveFirstTextMap.build(last).text) : null;
  }

  function replyingTo(box) {
    return fromQuote(box) || fromThread(box);
  }

  return { replyingTo };
})();
