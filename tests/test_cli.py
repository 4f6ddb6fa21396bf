"""The command line as a user meets it: one-line errors, and ``baucu chat --jsonl`` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], *, env: dict[str, str] | None = None, stdin: str = "", timeout: float = 90):
    full_env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "DATABASE_URL")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )


def test_run_without_token_names_chat(tmp_path: Path) -> None:
    result = run(["run"], env={"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "BOT_TOKEN": ""})
    assert result.returncode == 2
    assert "BOT_TOKEN" in result.stderr and "baucu chat" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/x", "only SQLite and PostgreSQL"),
        ("not a url", "not a database URL"),
        ("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere", "cannot use the database"),
        ("sqlite+pysqlite:///x.db", "driver"),
    ],
)
def test_bad_database_url_is_one_line(url: str, expected: str) -> None:
    result = run(["db", "upgrade"], env={"DATABASE_URL": url})
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_setting_is_one_line(tmp_path: Path) -> None:
    result = run(["db", "current"], env={"TIMEZONE": "Mars/Olympus", "DATABASE_URL": f"sqlite:///{tmp_path}/a.db"})
    assert result.returncode == 2 and "TIMEZONE" in result.stderr and "Traceback" not in result.stderr


def test_db_upgrade_creates_schema(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    result = run(["db", "upgrade"], env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "revision 0002" in result.stdout or "revision" in result.stdout
    result = run(["db", "current"], env={"DATABASE_URL": url})
    assert "latest is" in result.stdout


def test_chat_jsonl_session(database_url: str) -> None:
    lines = [
        {"user": 1001, "text": "/start", "name": "Lan"},
        "this is not json",
        {"user": "abc", "text": "hi"},
        {"user": 1001, "press": "🌐 Ngôn ngữ / Language"},
        {"user": 1001, "press": "English"},
        {"user": 1001, "press": "No such button"},
        {"clock": "2021-05-23T09:05:00+07:00"},
        {"clock": "2021-05-23T08:00:00+07:00"},
        {"clock": "yesterday"},
        [1, 2],
        {"user": 1002, "text": "/start", "lang": "en"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    result = run(
        ["chat", "--jsonl", "--clock", "2021-05-23T06:00:00+07:00"],
        env={"DATABASE_URL": database_url},
        stdin=stdin + "\n",
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["to"] == 1001 and out[0]["method"] == "sendMessage" and "Xin chào Lan!" in out[0]["text"]
    assert ["🌐 Ngôn ngữ / Language"] in out[0]["buttons"] or any(
        "🌐 Ngôn ngữ / Language" in row for row in out[0]["buttons"]
    )
    errors = [o["error"] for o in out if "error" in o]
    assert len(errors) == 6
    assert errors[0].startswith("not JSON")
    assert "user" in errors[1]
    assert "No such button" in errors[2] or "button" in errors[2]
    assert "forward" in errors[3]
    assert "ISO" in errors[4]
    assert "object" in errors[5]
    english = [o for o in out if o.get("to") == 1001 and "Switched to English." in o.get("text", "")]
    assert english
    assert any(o.get("to") == 1002 and "Hello" in o.get("text", "") for o in out)
    assert "Traceback" not in result.stderr


def test_demo_then_chat_talks_to_the_demo_data(database_url: str) -> None:
    """The README's path: `baucu demo` loads the election; `baucu chat` then answers from it."""
    env = {"DATABASE_URL": database_url}
    result = run(["demo"], env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout
    again = run(["demo"], env=env, timeout=180)
    assert again.returncode == 0 and "0 added, 0 updated" in again.stdout
    chat = run(["chat", "--jsonl"], env=env, stdin=json.dumps({"user": 7, "text": "/start"}) + "\n")
    assert chat.returncode == 0, chat.stderr
    (reply,) = [json.loads(line) for line in chat.stdout.splitlines()]
    assert "23/5/2021" in reply["text"] and "07:00" in reply["text"] and "19:00" in reply["text"]
    assert "minh họa" in reply["text"]


def test_import_and_template_errors_are_one_line(tmp_path: Path, database_url: str) -> None:
    env = {"DATABASE_URL": database_url}
    result = run(["import", str(tmp_path / "missing.xlsx")], env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    result = run(["import", str(bad)], env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr and result.stderr.strip()
    result = run(["template", str(tmp_path / "t.txt")], env=env)
    assert result.returncode == 2 and ".xlsx" in result.stderr
    result = run(["template", str(tmp_path / "t.xlsx")], env=env)
    assert result.returncode == 0 and (tmp_path / "t.xlsx").exists()
    result = run(["import", str(tmp_path / "t.xlsx")], env=env)
    assert result.returncode == 0, result.stderr
