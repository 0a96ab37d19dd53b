"""The runtime: train-if-changed fingerprints, runtime endpoints, and (marked ``rasa``) real servers."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

from bot import run, train
from career_kb.settings import REPO_ROOT


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the files training reads (config, domain, data/) in a temporary directory."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("config.yml", "domain.yml"):
        shutil.copy(REPO_ROOT / name, root / name)
    shutil.copytree(REPO_ROOT / "data", root / "data")
    return root


def test_training_files_cover_config_domain_and_all_data(project: Path):
    files = [p.relative_to(project).as_posix() for p in train.training_files(project)]
    assert files[0] == "config.yml" and "domain.yml" in files
    expected = sorted(p.relative_to(project).as_posix() for p in (project / "data").rglob("*") if p.is_file())
    assert [f for f in files if f.startswith("data/")] == expected
    assert "data/nlu/faq.yml" in files and "data/responses.yml" in files


def test_fingerprint_is_stable_when_nothing_changes(project: Path):
    assert train.compute_fingerprint(project, "abc") == train.compute_fingerprint(project, "abc")


def test_fingerprint_changes_with_a_data_file(project: Path):
    before = train.compute_fingerprint(project, "abc")
    faq = project / "data" / "nlu" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8") + "    - how do i write a cover letter\n", encoding="utf-8")
    assert train.compute_fingerprint(project, "abc") != before


def test_fingerprint_changes_with_a_new_data_file_config_or_spacy_hash(project: Path):
    base = train.compute_fingerprint(project, "abc")
    assert train.compute_fingerprint(project, "abd") != base  # the KB's patterns changed
    (project / "data" / "extra.yml").write_text('version: "3.1"\n', encoding="utf-8")
    with_new_file = train.compute_fingerprint(project, "abc")
    assert with_new_file != base
    cfg = project / "config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n# tuned\n", encoding="utf-8")
    assert train.compute_fingerprint(project, "abc") != with_new_file


def test_hidden_files_under_data_are_ignored(project: Path):
    base = train.compute_fingerprint(project, "abc")
    (project / "data" / ".notes.swp").write_text("editor swap file", encoding="utf-8")
    assert train.compute_fingerprint(project, "abc") == base


def test_model_is_current_only_with_model_and_matching_fingerprint(tmp_path: Path):
    models = tmp_path / "models"
    assert not train.model_is_current("f1", models)
    train.write_fingerprint("f1", 12.3, models)
    assert not train.model_is_current("f1", models)  # fingerprint but no model
    train.model_path(models).write_bytes(b"model")
    assert train.model_is_current("f1", models)
    assert not train.model_is_current("f2", models)
    record = json.loads(train.fingerprint_path(models).read_text())
    assert record["fingerprint"] == "f1" and record["model"] == "career-guide.tar.gz"


def test_unchanged_inputs_do_not_retrain(project: Path, tmp_path: Path, monkeypatch):
    """train() calls `rasa train` only when the fingerprint changed (rasa train itself replaced)."""
    models = tmp_path / "models"
    calls: list[Path] = []

    def fake_rasa_train(root: Path, directory: Path) -> None:
        calls.append(root)
        train.model_path(directory).write_bytes(b"model")

    monkeypatch.setattr(train, "run_rasa_train", fake_rasa_train)
    first = train.train(root=project, directory=models, with_kb=False)
    assert first.trained and len(calls) == 1
    second = train.train(root=project, directory=models, with_kb=False)
    assert not second.trained and len(calls) == 1
    assert second.fingerprint == first.fingerprint
    forced = train.train(force=True, root=project, directory=models, with_kb=False)
    assert forced.trained and len(calls) == 2
    domain = project / "domain.yml"
    domain.write_text(domain.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = train.train(root=project, directory=models, with_kb=False)
    assert changed.trained and len(calls) == 3


def test_failed_training_keeps_the_old_fingerprint(project: Path, tmp_path: Path, monkeypatch):
    models = tmp_path / "models"
    train.model_path(models).parent.mkdir(parents=True)
    train.model_path(models).write_bytes(b"old model")
    train.write_fingerprint("old", 1.0, models)

    def failing(root: Path, directory: Path) -> None:
        raise RuntimeError("training failed")

    monkeypatch.setattr(train, "run_rasa_train", failing)
    with pytest.raises(RuntimeError):
        train.train(root=project, directory=models, with_kb=False)
    assert train.stored_fingerprint(models) == "old"


def test_runtime_endpoints_take_action_url_and_absolute_sqlite_path(tmp_path: Path):
    settings = run.Settings(action_port=6123, var_dir=tmp_path / "var", auth_token="t")
    out = run.write_runtime_endpoints(settings)
    data = yaml.safe_load(out.read_text())
    assert data["action_endpoint"]["url"] == "http://localhost:6123/webhook"
    assert data["tracker_store"]["type"] == "SQL" and data["tracker_store"]["dialect"] == "sqlite"
    db = Path(data["tracker_store"]["db"])
    assert db.is_absolute() and db.parent.is_dir()


def test_unreachable_postgres_tracker_store_fails_fast(tmp_path: Path):
    endpoints = tmp_path / "endpoints.yml"
    port = run.free_port()  # nothing listens there
    endpoints.write_text(
        yaml.safe_dump(
            {"tracker_store": {"type": "SQL", "dialect": "postgresql", "url": "127.0.0.1", "port": port, "db": "rasa"}}
        )
    )
    settings = run.Settings(endpoints=endpoints, var_dir=tmp_path / "var", auth_token="t")
    with pytest.raises(RuntimeError, match="retry forever"):
        run.write_runtime_endpoints(settings)


def test_auth_token_is_generated_once_with_private_permissions(tmp_path: Path):
    token = run.auth_token_from_file(tmp_path)
    assert len(token) >= 32
    assert run.auth_token_from_file(tmp_path) == token
    assert (tmp_path / "rasa_auth_token").stat().st_mode & 0o077 == 0


def test_settings_from_env():
    s = run.settings_from_env(
        {
            "RASA_PORT": "6001",
            "ACTION_PORT": "6002",
            "RASA_AUTH_TOKEN": "secret",
            "RASA_CORS": "https://a.example https://b.example",
        }
    )
    assert (s.rasa_port, s.action_port, s.auth_token) == (6001, 6002, "secret")
    assert s.action_url == "http://localhost:6002/webhook"
    assert s.cors == ["https://a.example", "https://b.example"]


# ----------------------------------------------------------------------------- real servers


def _post(url: str, body: dict, timeout: float = 60) -> tuple[int, object]:
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, None


@pytest.mark.rasa
@pytest.mark.slow
def test_servers_answer_over_rest_and_protect_the_http_api(tmp_path: Path):
    model = train.model_path()
    if not model.is_file():
        pytest.skip("no trained model (run `python -m bot.train`)")
    settings = run.Settings(
        rasa_port=run.free_port(),
        rasa_interface="127.0.0.1",
        action_port=run.free_port(),
        auth_token=uuid.uuid4().hex,
        model=model,
        var_dir=tmp_path / "var",
        tracker_db=tmp_path / "var" / "tracker.db",
        start_timeout=600,
    )
    with run.Assistant(settings, log_dir=tmp_path / "logs") as bot:
        base = bot.rasa_url
        status, replies = _post(f"{base}/webhooks/rest/webhook", {"sender": "test-student-1", "message": "hi"})
        assert status == 200 and isinstance(replies, list) and replies
        assert all(r["recipient_id"] == "test-student-1" for r in replies)
        assert any(r.get("text") for r in replies)

        # the HTTP API needs the token
        status, _ = _post(f"{base}/model/parse", {"text": "what is an apprenticeship"})
        assert status == 401
        status, parsed = _post(f"{base}/model/parse?token={settings.auth_token}", {"text": "what is an apprenticeship"})
        assert status == 200 and parsed["intent"]["name"]

        # the conversation went to the SQLite tracker store
        assert settings.tracker_db.is_file() and settings.tracker_db.stat().st_size > 0
        assert all(srv.alive() for srv in bot.servers)
        servers = list(bot.servers)
    assert all(not srv.alive() for srv in servers)
