"""The give/ask ledger in the compose window (opt-in), on Gmail's compose structure (fixtures/gmail_compose.html,
whose To line holds Sam Lee's chip) against a stand-in service that answers GET /v1/ledger: with the option on,
the chip says what Sam is owed and a "Give value first" card says it too; off (the default), the ledger is never
asked and nothing is shown."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_env import EXTENSION_ID, GMAIL_COMPOSE_URL, set_settings
from mock_service import flagging

pytestmark = pytest.mark.browser

BODY = "#compose-body"
ASK = ("Could you send me the export", "value-first", "value-first.ask-before-give")
SAM = {"address": "sam@example.com", "known": True, "emails": 6, "gives": 1, "favour_asks": 4, "routine_asks": 2,
       "undermining": 0, "first_email": "2026-01-05", "last_email": "2026-04-03", "last_give": "2026-03-02",
       "favour_asks_since_last_give": 3}
LINE = "Sam: 3 favours asked, none given since Mar 2"


def type_in(page, text: str) -> None:
    page.page.click(BODY)
    page.start_typing(BODY)
    page.type(text)


def test_with_the_option_on_the_chip_and_the_value_first_card_show_the_ledger(browser, mock_service, open_tab):
    _, worker = browser
    set_settings(worker, serviceUrl=mock_service.url, token="s3cret", ledger=True)
    mock_service.answer = flagging(ASK)
    mock_service.ledger = {"ledger": True, "recipients": [SAM]}
    compose = open_tab(GMAIL_COMPOSE_URL)
    type_in(compose, "Hi Sam,\n\nCould you send me the export by Friday?")
    compose.wait_settled()

    chip = compose.chip_in(BODY)
    expect(chip).to_contain_text(LINE)
    assert mock_service.ledger_requests == [{"to": ["sam@example.com"], "authorization": "Bearer s3cret"}], (
        "only the recipients' addresses, with the analysis's token, asked once")
    assert f"; {LINE}." in chip.locator(".gf-chip-main").get_attribute("aria-label")

    compose.click_words(BODY, "send me the export")
    expect(compose.card).to_be_visible()
    expect(compose.card.locator(".gf-card-ledger")).to_have_text(
        "You have asked Sam for 3 favours since you last gave (Mar 2): lead with something for them.")

    compose.type(" Thanks!")
    compose.wait_settled()
    assert len(mock_service.ledger_requests) == 1, "the same recipients are not asked again"


def test_the_option_is_off_by_default_and_the_options_page_turns_it_on(browser, mock_service, open_tab):
    context, worker = browser
    mock_service.answer = flagging(ASK)
    mock_service.ledger = {"ledger": True, "recipients": [SAM]}
    compose = open_tab(GMAIL_COMPOSE_URL)
    type_in(compose, "Hi Sam,\n\nCould you send me the export by Friday?")
    compose.wait_settled()
    expect(compose.chip_in(BODY)).to_contain_text("1")
    assert mock_service.ledger_requests == [], "off by default: the ledger is never asked"
    assert "favour" not in compose.chip_in(BODY).text_content()

    options = context.new_page()
    options.goto(f"chrome-extension://{EXTENSION_ID}/options.html")
    box = options.get_by_label("Show the give/ask ledger")
    expect(box).not_to_be_checked()
    box.check()
    expect(options.locator("#saved")).to_have_text("Saved")
    assert worker.evaluate("chrome.storage.sync.get('ledger')") == {"ledger": True}
    options.close()
    # The open compose window picks the setting up without a reload.
    expect(compose.chip_in(BODY)).to_contain_text(LINE)
    assert mock_service.ledger_requests[0]["to"] == ["sam@example.com"]


def test_outlook_recipients_come_from_the_to_well_not_from_the_messages_above(browser, mock_service, open_tab):
    from browser_env import OUTLOOK_URLS

    _, worker = browser
    set_settings(worker, serviceUrl=mock_service.url, ledger=True)
    mock_service.answer = flagging(ASK)
    dana = {**SAM, "address": "dana.kim@example.org", "last_give": None, "favour_asks": 2}
    mock_service.ledger = {"ledger": True, "recipients": [dana]}
    outlook = open_tab(OUTLOOK_URLS[0])
    # Outlook's To well above the reply (a recipient carries data-email); the message above names its sender too.
    outlook.page.evaluate("""() => {
      const well = document.createElement('div');
      well.setAttribute('aria-label', 'To');
      well.innerHTML = '<span data-email="Dana.Kim@example.org">Dana Kim</span>';
      document.querySelector('#editorParent_1').before(well);
      document.querySelector('.message b').setAttribute('data-email', 'sam@example.com');
    }""")
    outlook.page.click("#reply-body")
    outlook.start_typing("#reply-body")
    outlook.type("Could you send me the export by Friday?")
    outlook.wait_settled()
    expect(outlook.chip_in("#reply-body")).to_contain_text("Dana: 2 favours asked, none given yet")
    assert [r["to"] for r in mock_service.ledger_requests] == [["dana.kim@example.org"]]
