"""``bot.runtime_credentials.write_runtime_credentials``: chat channels whose ``${VAR}`` placeholders are unset are
left out of the credentials file Rasa gets (Rasa refuses to start on an unset one)."""

from __future__ import annotations

import pytest
import yaml

from bot import run
from bot.runtime_credentials import write_runtime_credentials
from career_kb import settings
from career_kb.settings import REPO_ROOT


def test_the_shipped_file_without_variables_keeps_rest_and_the_widget_only(tmp_path):
    values = settings.from_env({}).chat_channel_values()
    out, skipped = write_runtime_credentials(REPO_ROOT / "credentials.yml", tmp_path / "var", values)
    assert skipped == {
        "bot.channels.slack.SlackInput": ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
        "bot.channels.teams.TeamsInput": ["TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"],
    }
    data = yaml.safe_load(out.read_text())
    assert "bot.channels.outbox.OutboxRestInput" in data  # REST, with the counselors' replies
    assert "bot.channels.socketio.WidgetInput" in data
    assert "rest" not in data and "socketio" not in data  # Rasa's own channels would claim the same URLs
    assert "bot.channels.slack.SlackInput" not in data and "bot.channels.teams.TeamsInput" not in data


def test_a_channel_with_all_variables_set_is_kept_with_its_placeholders(tmp_path):
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret", "TEAMS_APP_ID": "a"}
    values = settings.from_env(env).chat_channel_values()
    out, skipped = write_runtime_credentials(REPO_ROOT / "credentials.yml", tmp_path / "var", values)
    assert skipped == {"bot.channels.teams.TeamsInput": ["TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"]}
    text = out.read_text()
    assert "bot_token: ${SLACK_BOT_TOKEN}" in text and "signing_secret: ${SLACK_SIGNING_SECRET}" in text
    assert "xoxb-1" not in text and "s3cret" not in text  # secrets never written to disk
    assert "TeamsInput" not in text


def test_blank_variables_count_as_unset(tmp_path):
    values = settings.from_env({"SLACK_BOT_TOKEN": "  ", "SLACK_SIGNING_SECRET": "s3cret"}).chat_channel_values()
    _, skipped = write_runtime_credentials(REPO_ROOT / "credentials.yml", tmp_path / "var", values)
    assert skipped["bot.channels.slack.SlackInput"] == ["SLACK_BOT_TOKEN"]


def test_quoted_placeholders_are_left_alone_like_rasa_does(tmp_path):
    creds = tmp_path / "credentials.yml"
    creds.write_text('rest:\nchan.A:\n  key: "${UNSET_A}"\nchan.B:\n  key: ${UNSET_B}\n  other:\n    - ${UNSET_C}\n')
    out, skipped = write_runtime_credentials(creds, tmp_path / "var", {"UNSET_B": "", "UNSET_C": ""})
    assert skipped == {"chan.B": ["UNSET_B", "UNSET_C"]}
    assert yaml.safe_load(out.read_text()) == {"rest": None, "chan.A": {"key": "${UNSET_A}"}}


def test_a_placeholder_the_settings_module_does_not_read_is_an_error(tmp_path):
    creds = tmp_path / "credentials.yml"
    creds.write_text("rest:\nchan.A:\n  key: ${SLACK_BOT_TOKEN}\n  other: ${MY_OWN_SECRET}\n")
    with pytest.raises(settings.SettingsError, match=r"MY_OWN_SECRET, which career_kb/settings\.py does not read"):
        write_runtime_credentials(creds, tmp_path / "var")


def test_banner_says_which_variables_turn_a_channel_on():
    text = run.banner(run.Settings(auth_token="t"), 1.0, {"bot.channels.teams.TeamsInput": ["TEAMS_APP_ID"]})
    assert "Slack:          http://localhost:5005/webhooks/slack/events (+ /interactive)" in text
    assert "Teams:          off (set TEAMS_APP_ID; docs/channels.md)" in text
    assert "Web widget:     http://localhost:5005/webhooks/widget/demo/" in text
    assert '<script src="http://localhost:5005/webhooks/widget/widget.js" defer></script>' in text
