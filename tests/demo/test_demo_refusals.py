"""When `bistand demo` refuses, it says why and writes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from bistand.accounts.models import Organisation, User
from bistand.people.models import Participant
from bistand.reference.models import Kommune


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def no_demo_password_in_env(monkeypatch):
    monkeypatch.delenv("BISTAND_DEMO_PASSWORD", raising=False)


def nothing_written() -> bool:
    return not (Organisation.objects.exists() or User.objects.exists() or Participant.objects.exists())


def test_demo_refuses_production(db, settings):
    settings.ENVIRONMENT = "production"
    settings.ACCEPT_SYNTHETIC_IDENTITY_NUMBERS = False

    with pytest.raises(CommandError, match="never loaded in 'production'"):
        demo()
    assert nothing_written()


def test_demo_needs_a_chosen_password_outside_local_runs(db, settings, no_demo_password_in_env):
    settings.ENVIRONMENT, settings.IS_LOCAL = "demo", False

    with pytest.raises(CommandError, match="--password or BISTAND_DEMO_PASSWORD"):
        demo()
    assert nothing_written()


def test_demo_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="too weak"):
        demo("--password=12345")
    assert nothing_written()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--until=2999-01-01"], "cannot be in the future"),
        (["--until=30.06.2025"], "not a date in the form YYYY-MM-DD"),
        (["--until=1999-12-31"], "2010 or later"),
        (["--scale=0"], "between 1 and 50"),
        (["--scale=many"], "invalid int value"),
    ],
)
def test_demo_bad_options_get_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        demo(*args)
    assert nothing_written()


def test_demo_if_empty_leaves_a_database_with_real_data_alone(world):
    output = demo("--if-empty")

    assert "no demo data loaded" in output
    assert "Log in" not in output
    assert Organisation.objects.count() == 2


def test_demo_failing_half_way_leaves_nothing_behind(db):
    # Without Karasjok in the reference data the load fails after staff are created.
    Kommune.objects.filter(number="5437").delete()

    with pytest.raises(CommandError, match="lacks kommuner 5437"):
        demo("--until=2025-06-30")
    assert nothing_written()
