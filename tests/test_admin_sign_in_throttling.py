"""Sign-in throttling of the admin: wrong passwords for an account pause signing in to it, with a clear message,
until the cool-off ends or an administrator unlocks it."""

import pytest
from django.core.management import call_command
from django.urls import reverse

PASSWORD = "haslo-testowe-1"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redaktorka", "redaktorka@example.org", PASSWORD, is_superuser=True)


def sign_in(client, username: str, password: str, language: str = "en"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        headers={"accept-language": language},
    )


def signed_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_wrong_passwords_then_the_right_one_are_refused_with_a_lockout_message(client, editor, settings):
    answers = [sign_in(client, "redaktorka", f"zle-haslo-{n}").status_code for n in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the sign-in form again, with its error
    assert set(answers[limit:]) == {429}

    response = sign_in(client, "redaktorka", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    text = response.content.decode()
    assert "Too many failed sign-ins" in text
    assert "signing in to it is paused for 15 minutes" in text
    assert not signed_in(client)


def test_the_lockout_message_speaks_polish(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "redaktorka", f"zle-haslo-{attempt}", language="pl")
    response = sign_in(client, "redaktorka", PASSWORD, language="pl")
    assert response.status_code == 429
    assert "logowanie na nie jest wstrzymane na 15 minut" in response.content.decode()


def test_an_administrator_unlocks_the_account_with_a_command(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "redaktorka", f"zle-haslo-{attempt}")
    assert sign_in(client, "redaktorka", PASSWORD).status_code == 429

    call_command("axes_reset_username", "redaktorka")

    assert sign_in(client, "redaktorka", PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_lockout_holds_one_account_not_its_colleagues_at_the_same_address(client, editor, django_user_model):
    django_user_model.objects.create_user("kolega", "kolega@example.org", PASSWORD, is_superuser=True)
    for attempt in range(10):
        sign_in(client, "redaktorka", f"zle-haslo-{attempt}")
    assert sign_in(client, "kolega", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count_of_failures(client, editor, settings):
    for _ in range(3):
        for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(client, "redaktorka", f"zle-haslo-{attempt}").status_code == 200
        assert sign_in(client, "redaktorka", PASSWORD).status_code == 302
        client.logout()
