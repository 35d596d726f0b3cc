import os
import subprocess
import sys

import pytest
from django.db import connection

BISTAND = [sys.executable, "-m", "bistand"]


def run(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BISTAND_")} | env_overrides
    return subprocess.run([*BISTAND, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run(
        {
            "BISTAND_ENV": "production",
            "BISTAND_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key-value",
            "BISTAND_ALLOWED_HOSTS": "bistand.example.no",
            "BISTAND_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "BISTAND_VAR_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run({"BISTAND_ENV": "production", "BISTAND_VAR_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "BISTAND_SECRET_KEY must be set" in result.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
@pytest.mark.django_db
def test_sqlite_runs_wal_with_full_sync_and_immediate_transactions():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.settings_dict["OPTIONS"]["timeout"] == 20


def test_sqlite_file_database_uses_wal(tmp_path):
    result = run(
        {"BISTAND_ENV": "test", "BISTAND_VAR_DIR": str(tmp_path)},
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
    )
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
