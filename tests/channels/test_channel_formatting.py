"""Channel formatting and escaping (bot/channels/formatting.py): Rasa bot messages to Block Kit and
Teams Hero cards, and what students type back to plain text."""

from __future__ import annotations

from bot.channels.formatting import (
    slack_escape,
    slack_incoming_text,
    slack_mrkdwn,
    teams_incoming_text,
    to_slack,
    to_teams,
    to_widget,
)

INJECTION = 'Ask <!channel> and <@U0ADMIN1> about <https://evil.example|your grades> & "<img src=x onerror=alert(1)>"'


# ------------------------------------------------------------------------------------- Slack


def test_slack_escape_writes_the_three_control_characters_as_entities():
    assert slack_escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert slack_escape("&amp;") == "&amp;amp;"  # text that looks escaped is shown as typed


def test_slack_text_cannot_form_mentions_links_or_markup():
    (section,) = to_slack({"text": INJECTION}).blocks
    # no mention, no channel ping, no labelled link: the address is linked showing itself, the
    # would-be label stays visible text
    assert section == {
        "type": "section",
        "text": {
            "type": "mrkdwn",
            "verbatim": True,
            "text": (
                "Ask &lt;!channel&gt; and &lt;@U0ADMIN1&gt; about &lt;<https://evil.example>|your grades&gt; "
                '&amp; "&lt;img src=x onerror=alert(1)&gt;"'
            ),
        },
    }


def test_web_addresses_become_plain_links_without_labels():
    assert (
        slack_mrkdwn("See https://www.bls.gov/ooh/a.htm?x=1&y=2.") == "See <https://www.bls.gov/ooh/a.htm?x=1&amp;y=2>."
    )
    assert slack_mrkdwn("(https://example.org/path)") == "(<https://example.org/path>)"


def test_paragraphs_become_sections_and_lines_stay_together():
    msg = to_slack({"text": "Nurses care for patients.\n• Pay: $93,600\n• Outlook: 6%\n\nSource: BLS, May 2025"})
    assert [b["text"]["text"] for b in msg.blocks] == [
        "Nurses care for patients.\n• Pay: $93,600\n• Outlook: 6%",
        "Source: BLS, May 2025",
    ]
    assert msg.text == "Nurses care for patients.\n• Pay: $93,600\n• Outlook: 6%\n\nSource: BLS, May 2025"


def test_buttons_become_an_actions_block_with_payload_values():
    msg = to_slack(
        {
            "text": "Which grade?",
            "buttons": [
                {"title": "9th", "payload": '/inform{"grade": "9"}'},
                {"title": "Web site", "url": "https://school.example.org"},
                {"title": "", "payload": "/deny"},
                {"title": "no payload"},
            ],
        }
    )
    assert msg.blocks[1] == {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "9th", "emoji": True},
                "action_id": "rasa-button-0",
                "value": '/inform{"grade": "9"}',
            },
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "Web site", "emoji": True},
                "action_id": "rasa-button-1",
                "url": "https://school.example.org",
            },
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "/deny", "emoji": True},
                "action_id": "rasa-button-2",
                "value": "/deny",
            },
        ],
    }


def test_quick_replies_are_buttons_too():
    msg = to_slack({"text": "OK?", "quick_replies": [{"title": "Yes", "payload": "/affirm"}]})
    assert msg.blocks[1]["elements"][0]["value"] == "/affirm"


def test_button_limits_are_respected():
    many = [{"title": f"Option {i} " + "x" * 80, "payload": f"/choose{i}"} for i in range(30)]
    msg = to_slack({"text": "Pick", "buttons": many + [{"title": "huge", "payload": "/x" + "y" * 2000}]})
    actions = [b for b in msg.blocks if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 5]  # 25 per block; the 2,002-character payload dropped
    assert len(actions[0]["elements"][0]["text"]["text"]) == 75


def test_images_and_custom_slack_blocks():
    msg = to_slack({"image": "https://example.org/a.png", "custom": {"slack": {"blocks": [{"type": "divider"}]}}})
    assert msg.blocks == [
        {"type": "image", "image_url": "https://example.org/a.png", "alt_text": "image"},
        {"type": "divider"},
    ]
    assert to_slack({"image": "javascript:alert(1)"}) is None


def test_long_text_is_split_into_sections_within_slacks_limit():
    text = "\n".join(f"• line {i} " + "z" * 90 for i in range(80))
    msg = to_slack({"text": text})
    assert len(msg.blocks) >= 3
    assert all(len(b["text"]["text"]) <= 3000 for b in msg.blocks)
    assert "\n".join(b["text"]["text"] for b in msg.blocks) == text


def test_an_empty_message_sends_nothing():
    assert to_slack({"text": "  ", "buttons": []}) is None
    assert to_teams({"text": None}) is None


def test_incoming_slack_text_is_plain():
    assert (
        slack_incoming_text("<@U0BOT> what does a &lt;nurse&gt; do &amp; earn?", "U0BOT")
        == "what does a <nurse> do & earn?"
    )
    assert slack_incoming_text("ask <@U0FRIEND> about <https://x.org|this> in <#C012|careers> <!here>", "U0BOT") == (
        "ask someone about this in #careers"
    )
    assert slack_incoming_text("<mailto:a@b.org>") == "mailto:a@b.org"


# ------------------------------------------------------------------------------------- Teams


def test_teams_text_is_plain_and_kept_as_written():
    content = to_teams({"text": INJECTION})
    assert content == {"type": "message", "textFormat": "plain", "text": INJECTION}


def test_teams_buttons_are_hero_cards_of_at_most_six():
    buttons = [{"title": f"{g}th", "payload": f'/inform{{"grade": "{g}"}}'} for g in range(6, 13)]
    content = to_teams({"text": "What grade are you in?", "buttons": buttons})
    assert content["text"] == "What grade are you in?" and content["attachmentLayout"] == "list"
    cards = content["attachments"]
    assert [c["contentType"] for c in cards] == ["application/vnd.microsoft.card.hero"] * 2
    assert [len(c["content"]["buttons"]) for c in cards] == [6, 1]
    assert cards[1]["content"]["buttons"][0] == {
        "type": "messageBack",
        "title": "12th",
        "displayText": "12th",
        "text": '/inform{"grade": "12"}',
        "value": {"rasa_payload": '/inform{"grade": "12"}'},
    }
    assert "text" not in cards[0]["content"]  # the one card field Teams formats is never used


def test_teams_url_buttons_images_and_elements():
    content = to_teams(
        {
            "buttons": [{"title": "Apply", "url": "https://jobs.example.org"}],
            "image": "https://example.org/a.png",
            "elements": [
                {
                    "title": "Welding <b>I</b>",
                    "subtitle": "Grades 10-12",
                    "buttons": [{"title": "More", "payload": "/more"}],
                }
            ],
        }
    )
    assert content["text"] == ""
    assert content["attachments"] == [
        {
            "contentType": "application/vnd.microsoft.card.hero",
            "content": {"buttons": [{"type": "openUrl", "title": "Apply", "value": "https://jobs.example.org"}]},
        },
        {
            "contentType": "application/vnd.microsoft.card.hero",
            "content": {"images": [{"url": "https://example.org/a.png"}]},
        },
        {
            "contentType": "application/vnd.microsoft.card.hero",
            "content": {
                "title": "Welding <b>I</b>",
                "subtitle": "Grades 10-12",
                "buttons": [
                    {
                        "type": "messageBack",
                        "title": "More",
                        "displayText": "More",
                        "text": "/more",
                        "value": {"rasa_payload": "/more"},
                    }
                ],
            },
        },
    ]


def test_incoming_teams_text_drops_mentions_and_prefers_the_button_payload():
    assert teams_incoming_text({"text": "<at>Career helper</at> what do nurses &amp; vets earn?"}) == (
        "what do nurses & vets earn?"
    )
    assert teams_incoming_text({"text": "12th", "value": {"rasa_payload": '/inform{"grade": "12"}'}}) == (
        '/inform{"grade": "12"}'
    )
    assert teams_incoming_text({"value": {"something": "else"}}) == ""


def test_widget_events_carry_plain_text_buttons_images_and_cards():
    message = {
        "text": "Line one\n\n• a <b>bold</b> claim https://example.org/x",
        "buttons": [
            {"title": "Help", "payload": "/help"},
            {"title": "Site", "url": "https://example.org"},
            {"title": "Script", "url": "javascript:alert(1)"},
        ],
        "image": "https://example.org/a.png",
        "elements": [
            {
                "title": "Nurse",
                "subtitle": "Cares",
                "image_url": "data:x",
                "buttons": [{"title": "More", "payload": "/m"}],
            }
        ],
    }
    assert to_widget(message) == {
        "text": "Line one\n\n• a <b>bold</b> claim https://example.org/x",  # plain: the widget never parses markup
        "buttons": [{"title": "Help", "payload": "/help"}, {"title": "Site", "url": "https://example.org"}],
        "image": "https://example.org/a.png",
        "elements": [{"title": "Nurse", "subtitle": "Cares", "buttons": [{"title": "More", "payload": "/m"}]}],
    }


def test_widget_quick_replies_stay_quick_replies_and_empty_messages_send_nothing():
    assert to_widget({"quick_replies": [{"title": "Yes", "payload": "/affirm"}]}) == {
        "quick_replies": [{"title": "Yes", "payload": "/affirm"}]
    }
    assert to_widget({"text": "  ", "image": "ftp://example.org/a.png"}) is None
