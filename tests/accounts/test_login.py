import pytest
from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD


def test_login_with_email_and_password_lands_on_the_roles_page(world, client):
    response = client.post(reverse("account_login"), {"login": world.js.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("casework:caseload")


def test_wrong_password_gets_a_message_and_no_session(world, client):
    response = client.post(reverse("account_login"), {"login": world.js.email, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post(world, client_for):
    client = client_for(world.js)
    client.post(reverse("account_logout"))
    assert client.get(reverse("casework:caseload")).status_code == 302


def test_password_reset_sends_a_link(world, client):
    response = client.post(reverse("account_reset_password"), {"email": world.js.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert world.js.email in mail.outbox[0].to


def test_nobody_can_sign_up(db, client):
    client.post(
        reverse("account_signup"),
        {"email": "x@example.no", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    from bistand.accounts.models import User

    assert not User.objects.filter(email="x@example.no").exists()


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_language_switch_is_remembered(world, client_for, language):
    client = client_for(world.js)
    client.post(reverse("set_language"), {"language": language, "next": "/caseload/"})
    response = client.get(reverse("casework:caseload"))
    assert f'<html lang="{language}">' in response.content.decode()
