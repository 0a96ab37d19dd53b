"""The web widget in a real browser (Debian's chromium driven by Playwright; never a downloaded
browser) against the running assistant: keyboard only, a question, a button, a reload, a restart of
the Rasa server, an axe-core scan, and screenshots at 320 px and desktop width."""

from __future__ import annotations

from pathlib import Path

import pytest

from career_kb import settings
from career_kb.settings import REPO_ROOT

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO_ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "results" / "screenshots"
HOST = "[data-career-widget]"
#: Texts from domain.yml (utter_help, its button) and actions/wording/en.yml (the interests question).
HELP_FIRST_LINE = "Here's what I can help with:"
HELP_BUTTON = "Careers for what I like"
INTERESTS_QUESTION = "Let's find careers that fit you! What do you like?"
#: Texts of the widget (widget/src/config.ts) and of the demo page (widget/demo/index.html).
OFFLINE = "Can't reach the assistant right now."
ONLINE = "Connected again."
TITLE = "Career helper"

SHADOW = f"document.querySelector('{HOST}').shadowRoot"
#: The id (or else the text) of the element focused inside the widget.
ACTIVE = f"() => {{ const a = {SHADOW}.activeElement; return a ? (a.id || a.textContent) : null; }}"
#: Records every text the status line shows, in window.__statuses.
STATUS_LOG = f"""() => {{
  const status = {SHADOW}.querySelector('.cg-status');
  window.__statuses = [];
  new MutationObserver(() => window.__statuses.push(status.textContent))
    .observe(status, {{childList: true, characterData: true, subtree: true}});
}}"""


def _needed(path: Path, what: str) -> None:
    if not path.exists():
        if settings.get().ci:
            pytest.fail(f"{what} is missing ({path}); .ci/run installs it")
        pytest.skip(f"{what} is missing ({path}): apt-get install chromium / make widget")


@pytest.fixture(scope="module")
def browser():
    _needed(CHROMIUM, "Debian's chromium")
    _needed(AXE, "axe-core (widget/node_modules)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def tab_to(page, name: str, key: str = "Tab", limit: int = 30) -> None:
    """Press ``key`` until the widget's focused element is ``name`` (its id or text)."""
    for _ in range(limit):
        if page.evaluate(ACTIVE) == name:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{name!r} never got the focus with {key}; last: {page.evaluate(ACTIVE)!r}")


def open_with_keyboard(page) -> None:
    tab_to(page, TITLE)
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == "cg-input"  # focus moved into the panel


def ask(page, text: str) -> None:
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def bot_says(page, start: str, count: int = 1) -> None:
    page.locator(".cg-bot .cg-bubble", has_text=start).nth(count - 1).wait_for(timeout=60_000)


def axe_serious(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_widget_end_to_end_with_the_keyboard(channel_bot, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{channel_bot.url}/webhooks/widget/demo/")
    open_with_keyboard(page)
    dialog = page.get_by_role("dialog", name=TITLE)
    assert dialog.is_visible()
    ask(page, "what can you do?")
    bot_says(page, HELP_FIRST_LINE)
    tab_to(page, HELP_BUTTON, key="Shift+Tab")  # from the input back to the reply's buttons
    page.keyboard.press("Enter")
    bot_says(page, INTERESTS_QUESTION)
    assert page.get_by_role("log", name="Conversation").get_by_text(HELP_BUTTON).count() >= 2  # button + what "I" said

    page.keyboard.press("Escape")
    assert not dialog.is_visible() and page.evaluate(ACTIVE) == TITLE  # focus back on the launcher

    page.reload()
    open_with_keyboard(page)
    bot_says(page, HELP_FIRST_LINE)
    bot_says(page, INTERESTS_QUESTION)  # the conversation is still there

    page.evaluate(STATUS_LOG)
    channel_bot.restart()
    page.wait_for_function(f"() => window.__statuses.some(s => s === {ONLINE!r})", timeout=60_000)
    assert any(s.startswith(OFFLINE) for s in page.evaluate("() => window.__statuses"))
    ask(page, "what can you do?")
    bot_says(page, HELP_FIRST_LINE, count=2)  # the restarted server answers

    assert axe_serious(page) == []
    page.screenshot(path=str(SCREENSHOTS / "widget-desktop-1280.png"))
    context.close()


def test_the_widget_at_320_px_and_200_percent_zoom(channel_bot, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport, scale in (("widget-320", (320, 640), 1), ("widget-zoom-200", (640, 400), 2)):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale)
        page = context.new_page()
        page.goto(f"{channel_bot.url}/webhooks/widget/demo/")
        open_with_keyboard(page)
        ask(page, "what can you do?")
        bot_says(page, HELP_FIRST_LINE)
        page.get_by_role("button", name=HELP_BUTTON).first.scroll_into_view_if_needed()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport[0]  # no sideways scrolling
        for role, label in (("textbox", "Your message"), ("button", "Send"), ("button", "Close chat")):
            assert page.get_by_role(role, name=label).is_visible()
        assert axe_serious(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        context.close()


def test_reduced_motion_stops_the_typing_animation(channel_bot, browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{channel_bot.url}/webhooks/widget/demo/")
    page.locator(HOST).wait_for(state="attached")
    name = page.evaluate(f"() => getComputedStyle({SHADOW}.querySelector('.cg-typing span')).animationName")
    assert name == "none"
    context.close()
