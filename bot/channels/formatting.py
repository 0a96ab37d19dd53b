"""Every channel-specific formatting rule, in both directions, in one place.

Out: a Rasa bot message (``text``, ``buttons``/``quick_replies``, ``image``, ``attachment``,
``elements``, ``custom``) becomes

* Slack: ``chat.postMessage`` arguments — fallback ``text`` plus Block Kit ``blocks`` (mrkdwn
  sections, an ``actions`` block of buttons, image blocks);
* Microsoft Teams: the content of a Bot Framework ``message`` activity — plain ``text`` and Hero
  cards that carry the buttons and images;
* the web widget: one socket.io ``bot_uttered`` event — plain ``text``, ``buttons``,
  ``quick_replies``, ``image`` and card ``elements``, only web addresses kept as links and images.

The assistant writes plain text (lines, "•" bullets, blank lines between paragraphs) and may echo
what a student typed, so nothing in a reply is trusted as markup:

* Slack: the three control characters ``&``, ``<`` and ``>`` are written as ``&amp;``, ``&lt;``
  and ``&gt;`` (Slack decodes only these three), so no text can become a link, a user or channel
  mention or an ``@here``; sections are ``verbatim`` (Slack does not auto-link names or mentions);
  web addresses in the text become plain ``<url>`` links built here. Button labels are
  ``plain_text``.
* Teams: message text is sent with ``textFormat: plain`` ("raw text with no formatting applied at
  all", Microsoft's Teams documentation). Cards carry buttons, images, titles and subtitles only,
  never the ``text`` property, the one part of a Hero card where Teams applies formatting; titles,
  subtitles and button labels are shown as written.

* Web widget: everything is plain text; the widget (``widget/src/render.ts``) builds the page with
  text nodes only and turns ``http(s)`` addresses into links itself.

In: what a student typed on each platform becomes the plain text Rasa understands
(:func:`slack_incoming_text`, :func:`teams_incoming_text`).

``custom`` payloads may carry a channel's own format, which is passed on as written by the bot's
authors: ``{"slack": {"blocks": [...]}}`` and ``{"teams": {"attachments": [...]}}``; a ``custom``
payload with a ``text`` is shown as text; anything else is not shown on these channels.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

# ------------------------------------------------------------------------------------ limits

#: Slack Block Kit limits (section text, button label/value, blocks per message, buttons per block).
SLACK_SECTION_MAX = 3000
SLACK_BUTTON_TEXT_MAX = 75
SLACK_BUTTON_VALUE_MAX = 2000
SLACK_MAX_BLOCKS = 50
SLACK_ACTIONS_PER_BLOCK = 25
SLACK_FALLBACK_MAX = 3000
#: Teams shows at most six buttons on a Hero card; more go on further cards.
TEAMS_BUTTONS_PER_CARD = 6
HERO_CARD = "application/vnd.microsoft.card.hero"
#: Prefix of every Slack button's action_id (the interactivity endpoint accepts only these).
SLACK_ACTION_PREFIX = "rasa-button-"

# Raw lines longer than this are cut before escaping, so an escaped piece stays within a section.
_PIECE = 500
_URL = re.compile(r"https?://[^\s<>\"'|]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}"


@dataclass(frozen=True)
class SlackMessage:
    """Arguments for one ``chat.postMessage``: fallback text and Block Kit blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Button:
    """A bot button: what it says, and the payload sent back (or a web address to open)."""

    title: str
    payload: str | None = None
    url: str | None = None


# ------------------------------------------------------------------------------- shared bits


def _paragraphs(text: str | None) -> list[str]:
    """The non-empty paragraphs of a bot text (separated by blank lines)."""
    if not text:
        return []
    parts = re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").strip())
    return [p.strip("\n") for p in parts if p.strip()]


def _is_web_url(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and len(value) <= 3000 and re.fullmatch(r"https?://\S+", value, re.I) is not None


def message_buttons(message: Mapping[str, Any]) -> list[Button]:
    """The buttons (or quick replies) of a bot message, dropping ones with neither payload nor URL."""
    raw = message.get("buttons") or message.get("quick_replies") or []
    return _buttons(raw)


def _buttons(raw: Iterable[Any]) -> list[Button]:
    out: list[Button] = []
    for item in raw or []:
        if not isinstance(item, Mapping):
            continue
        title = str(item.get("title") or "").strip()
        payload = item.get("payload")
        url = item.get("url")
        if _is_web_url(url):
            out.append(Button(title or url, url=url))
        elif payload not in (None, ""):
            out.append(Button(title or str(payload), payload=str(payload)))
    return out


def _custom_text(custom: Any) -> str | None:
    if isinstance(custom, Mapping) and isinstance(custom.get("text"), str):
        return custom["text"]
    return None


# -------------------------------------------------------------------------------------- Slack


def slack_escape(text: str) -> str:
    """Escape Slack's control characters (``&``, ``<``, ``>``): the text can no longer form links,
    mentions (``<@U…>``, ``<!here>``) or channel references."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str) -> str:
    # Inside <...> the "|" would start a label: percent-encode it (the URL regex excludes it anyway).
    return "<" + slack_escape(url).replace("|", "%7C") + ">"


def slack_mrkdwn(text: str) -> str:
    """Plain bot text as Slack mrkdwn: control characters escaped, web addresses as ``<url>`` links."""
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        end = match.start() + len(url)
        out.append(slack_escape(text[pos : match.start()]))
        out.append(_slack_link(url))
        pos = end
    out.append(slack_escape(text[pos:]))
    return "".join(out)


def _slack_chunks(paragraph: str) -> list[str]:
    """Split one paragraph into mrkdwn pieces that each fit a section block."""
    pieces: list[str] = []
    for line in paragraph.split("\n"):
        pieces.extend(line[i : i + _PIECE] for i in range(0, max(len(line), 1), _PIECE))
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        rendered = slack_mrkdwn(piece)
        candidate = f"{current}\n{rendered}" if current else rendered
        if len(candidate) > SLACK_SECTION_MAX and current:
            chunks.append(current)
            candidate = rendered
        current = candidate
    if current.strip():
        chunks.append(current)
    return chunks


def _slack_section(mrkdwn: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn, "verbatim": True}}


def _slack_button(button: Button, index: int) -> dict[str, Any] | None:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": button.title[:SLACK_BUTTON_TEXT_MAX], "emoji": True},
        "action_id": f"{SLACK_ACTION_PREFIX}{index}",
    }
    if button.url:
        element["url"] = button.url
    elif button.payload and len(button.payload) <= SLACK_BUTTON_VALUE_MAX:
        element["value"] = button.payload
    else:
        return None  # a payload Slack cannot carry: better no button than a broken one
    return element


def slack_button_blocks(buttons: list[Button], start: int = 0) -> list[dict[str, Any]]:
    """``actions`` blocks for the buttons (25 per block); ``action_id`` numbers start at ``start``."""
    elements = [e for i, b in enumerate(buttons) if (e := _slack_button(b, start + i)) is not None]
    return [
        {"type": "actions", "elements": elements[i : i + SLACK_ACTIONS_PER_BLOCK]}
        for i in range(0, len(elements), SLACK_ACTIONS_PER_BLOCK)
    ]


def _slack_image(url: Any, alt: str = "image") -> dict[str, Any] | None:
    if not _is_web_url(url):
        return None
    return {"type": "image", "image_url": url, "alt_text": alt[:200] or "image"}


def _slack_elements(elements: Any, start: int) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for element in elements if isinstance(elements, list) else []:
        if not isinstance(element, Mapping):
            continue
        title, subtitle = str(element.get("title") or ""), str(element.get("subtitle") or "")
        text = "\n".join(p for p in (title, subtitle) if p)
        if text:
            blocks.extend(_slack_section(c) for c in _slack_chunks(text))
        image = _slack_image(element.get("image_url"), title or "image")
        if image:
            blocks.append(image)
        buttons = _buttons(element.get("buttons") or [])
        blocks.extend(slack_button_blocks(buttons, start))
        start += len(buttons)
    return blocks


def to_slack(message: Mapping[str, Any]) -> SlackMessage | None:
    """One Rasa bot message as ``chat.postMessage`` arguments, or None when there is nothing to show."""
    paragraphs = _paragraphs(message.get("text"))
    custom = message.get("custom")
    extra_text = _custom_text(custom)
    if extra_text:
        paragraphs += _paragraphs(extra_text)
    blocks: list[dict[str, Any]] = []
    for paragraph in paragraphs:
        blocks.extend(_slack_section(chunk) for chunk in _slack_chunks(paragraph))
    buttons = message_buttons(message)
    blocks.extend(slack_button_blocks(buttons))
    image = _slack_image(message.get("image"))
    if image:
        blocks.append(image)
    attachment = message.get("attachment")
    if isinstance(attachment, str) and attachment.strip():
        blocks.append(_slack_section(slack_mrkdwn(attachment.strip()[:_PIECE])))
    blocks.extend(_slack_elements(message.get("elements"), len(buttons)))
    if isinstance(custom, Mapping) and isinstance(custom.get("slack"), Mapping):
        own = custom["slack"].get("blocks")
        if isinstance(own, list):
            blocks.extend(dict(b) for b in own if isinstance(b, Mapping))
    if not blocks:
        return None
    if len(blocks) > SLACK_MAX_BLOCKS:
        blocks = blocks[: SLACK_MAX_BLOCKS - 1] + [_slack_section("(The rest of this answer was too long for Slack.)")]
    fallback = slack_mrkdwn("\n\n".join(paragraphs))[:SLACK_FALLBACK_MAX] or "(a message from the career assistant)"
    return SlackMessage(text=fallback, blocks=blocks)


_SLACK_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_SLACK_SPECIAL = re.compile(r"<!([^>|]+)(?:\|([^>]*))?>")
_SLACK_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto|tel):[^>|]*)(?:\|([^>]*))?>", re.I)


def slack_incoming_text(text: str | None, bot_user_id: str | None = None) -> str:
    """What a student typed in Slack as plain text: mentions dropped, links as their label (or
    address), channel references as ``#name``, Slack's ``&amp;``/``&lt;``/``&gt;`` decoded."""
    if not text:
        return ""

    def mention(match: re.Match) -> str:
        # the bot's own mention is how a student addresses it; other people are "someone"
        return "" if bot_user_id is None or match.group(1) == bot_user_id else "someone"

    out = _SLACK_MENTION.sub(mention, text)
    out = _SLACK_SPECIAL.sub("", out)
    out = _SLACK_CHANNEL.sub(lambda m: f"#{m.group(1)}" if m.group(1) else "", out)
    out = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), out)
    out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", out).strip()


# -------------------------------------------------------------------------------------- Teams


def _teams_button(button: Button) -> dict[str, Any]:
    if button.url:
        return {"type": "openUrl", "title": button.title, "value": button.url}
    # messageBack: Teams shows the title as the student's message and sends the payload to the bot
    return {
        "type": "messageBack",
        "title": button.title,
        "displayText": button.title,
        "text": button.payload,
        "value": {"rasa_payload": button.payload},
    }


def teams_button_cards(buttons: list[Button]) -> list[dict[str, Any]]:
    """Hero cards holding the buttons, six per card (what Teams shows on one card)."""
    return [
        {
            "contentType": HERO_CARD,
            "content": {"buttons": [_teams_button(b) for b in buttons[i : i + TEAMS_BUTTONS_PER_CARD]]},
        }
        for i in range(0, len(buttons), TEAMS_BUTTONS_PER_CARD)
    ]


def _teams_elements(elements: Any) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = []
    for element in elements if isinstance(elements, list) else []:
        if not isinstance(element, Mapping):
            continue
        content: dict[str, Any] = {}
        if element.get("title"):
            content["title"] = str(element["title"])
        if element.get("subtitle"):
            content["subtitle"] = str(element["subtitle"])
        if _is_web_url(element.get("image_url")):
            content["images"] = [{"url": element["image_url"]}]
        buttons = _buttons(element.get("buttons") or [])
        if buttons:
            content["buttons"] = [_teams_button(b) for b in buttons[:TEAMS_BUTTONS_PER_CARD]]
        if content:
            cards.append({"contentType": HERO_CARD, "content": content})
    return cards


def to_teams(message: Mapping[str, Any]) -> dict[str, Any] | None:
    """One Rasa bot message as the content of a Bot Framework ``message`` activity (``text``,
    ``textFormat``, ``attachments``), or None when there is nothing to show."""
    paragraphs = _paragraphs(message.get("text"))
    custom = message.get("custom")
    if _custom_text(custom):
        paragraphs += _paragraphs(_custom_text(custom))
    attachment = message.get("attachment")
    if isinstance(attachment, str) and attachment.strip():
        paragraphs.append(attachment.strip())
    cards = teams_button_cards(message_buttons(message))
    if _is_web_url(message.get("image")):
        cards.append({"contentType": HERO_CARD, "content": {"images": [{"url": message["image"]}]}})
    cards.extend(_teams_elements(message.get("elements")))
    if isinstance(custom, Mapping) and isinstance(custom.get("teams"), Mapping):
        own = custom["teams"].get("attachments")
        if isinstance(own, list):
            cards.extend(dict(a) for a in own if isinstance(a, Mapping))
    if not paragraphs and not cards:
        return None
    activity: dict[str, Any] = {"type": "message", "text": "\n\n".join(paragraphs), "textFormat": "plain"}
    if cards:
        activity["attachments"] = cards
        activity["attachmentLayout"] = "list"
    return activity


_TEAMS_AT = re.compile(r"<at\b[^>]*>.*?</at>", re.I | re.S)


def teams_incoming_text(activity: Mapping[str, Any]) -> str:
    """What a student sent in Teams as plain text: a clicked button's payload, or the message text
    without ``<at>`` mentions, HTML entities decoded."""
    value = activity.get("value")
    if isinstance(value, Mapping) and isinstance(value.get("rasa_payload"), str):
        return value["rasa_payload"].strip()
    text = activity.get("text")
    if not isinstance(text, str):
        return ""
    text = html.unescape(_TEAMS_AT.sub("", text))
    return re.sub(r"[ \t]+", " ", text).strip()


# ------------------------------------------------------------------------------------ widget


def _widget_buttons(buttons: list[Button]) -> list[dict[str, str]]:
    return [
        {"title": b.title, "url": b.url} if b.url else {"title": b.title, "payload": b.payload or ""} for b in buttons
    ]


def _widget_elements(elements: Any) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = []
    for element in elements if isinstance(elements, list) else []:
        if not isinstance(element, Mapping):
            continue
        card: dict[str, Any] = {}
        for key in ("title", "subtitle"):
            if element.get(key):
                card[key] = str(element[key])
        if _is_web_url(element.get("image_url")):
            card["image_url"] = element["image_url"]
        buttons = _buttons(element.get("buttons") or [])
        if buttons:
            card["buttons"] = _widget_buttons(buttons)
        if card:
            cards.append(card)
    return cards


def to_widget(message: Mapping[str, Any]) -> dict[str, Any] | None:
    """One Rasa bot message as the web widget's ``bot_uttered`` event (plain values only: ``text``,
    ``buttons``, ``quick_replies``, ``image``, ``elements``), or None when there is nothing to show."""
    paragraphs = _paragraphs(message.get("text"))
    custom = message.get("custom")
    if _custom_text(custom):
        paragraphs += _paragraphs(_custom_text(custom))
    attachment = message.get("attachment")
    if isinstance(attachment, str) and attachment.strip():
        paragraphs.append(attachment.strip())
    event: dict[str, Any] = {}
    if paragraphs:
        event["text"] = "\n\n".join(paragraphs)
    key = "buttons" if message.get("buttons") else "quick_replies"
    buttons = message_buttons(message)
    if buttons:
        event[key] = _widget_buttons(buttons)
    if _is_web_url(message.get("image")):
        event["image"] = message["image"]
    cards = _widget_elements(message.get("elements"))
    if cards:
        event["elements"] = cards
    return event or None
