"""The Slack app manifest, the Teams manifest template and credentials.yml agree with the channels."""

from __future__ import annotations

import importlib
import json

import yaml

from career_kb.settings import REPO_ROOT


def test_slack_manifest_points_at_the_channel_routes_with_minimal_scopes():
    manifest = yaml.safe_load((REPO_ROOT / "docs" / "slack-app-manifest.yml").read_text())
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["request_url"] == "https://career.example.org/webhooks/slack/events"
    assert settings["interactivity"] == {
        "is_enabled": True,
        "request_url": "https://career.example.org/webhooks/slack/interactive",
    }
    # DMs and mentions only: subscribing to channel messages too would answer a mention twice
    assert sorted(settings["event_subscriptions"]["bot_events"]) == ["app_mention", "message.im"]
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == ["app_mentions:read", "chat:write", "im:history"]
    assert settings["socket_mode_enabled"] is False


def test_teams_manifest_template_is_json_with_the_bot_and_placeholders():
    manifest = json.loads((REPO_ROOT / "docs" / "teams-manifest.json").read_text())
    assert manifest["id"] == "{{TEAMS_APP_ID}}"
    (bot,) = manifest["bots"]
    assert bot["botId"] == "{{TEAMS_APP_ID}}" and bot["scopes"] == ["personal", "team"]
    assert manifest["validDomains"] == ["{{PUBLIC_HOST}}"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_credentials_name_the_channel_classes_and_take_secrets_from_the_environment():
    text = (REPO_ROOT / "credentials.yml").read_text()
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert data["bot.channels.slack.SlackInput"] == {
        "bot_token": "${SLACK_BOT_TOKEN}",
        "signing_secret": "${SLACK_SIGNING_SECRET}",
    }
    assert data["bot.channels.teams.TeamsInput"] == {
        "app_id": "${TEAMS_APP_ID}",
        "app_password": "${TEAMS_APP_PASSWORD}",
        "tenant_id": "${TEAMS_TENANT_ID}",
    }
    assert "bot_token: ${SLACK_BOT_TOKEN}" in text  # unquoted: Rasa expands only plain scalars
    for path in ("bot.channels.slack.SlackInput", "bot.channels.teams.TeamsInput"):
        module, _, name = path.rpartition(".")
        assert getattr(importlib.import_module(module), name).name() in ("slack", "teams")
