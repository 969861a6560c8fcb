"""Several application servers behind a real nginx (issue #18, item 3).

With the stack of tests/integration/stack.py running (PostgreSQL, Redis, two gunicorn
instances, nginx), checks, as a browser and as a hostile client would see it, what
docs/deploy/README.md promises. Two workers are started on the same database to show that each
periodic job runs once.

Run by .ci/run (RELAIS_TEST_PROXY=1); skipped with one line where nginx, PostgreSQL or Redis is
missing, unless RELAIS_REQUIRE_BROWSER=1 (CI), where a missing piece fails it.
"""

import collections
import os
import re
import subprocess
import sys

import pytest

from tests.integration.stack import (
    AS_NGINX,
    EMAIL,
    LOGIN,
    REDIS_URL,
    Browser,
    backend,
    through_proxy,
)

PASSWORD = "un-mot-de-passe-solide-42"
PRIVATE = "/compte/email/"  # any page that needs a session
MEGABYTE = 1024 * 1024

pytestmark = pytest.mark.skipif(
    os.environ.get("RELAIS_TEST_PROXY") != "1",
    reason="the proxy integration test runs with RELAIS_TEST_PROXY=1 (.ci/run)",
)


def log_in(stack):
    browser = through_proxy(stack)
    token = browser.csrf_token()
    status, headers, _content = browser.post_form(
        LOGIN,
        {"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD},
        origin=stack.origin,
    )
    assert status == 302, "the login succeeds through the proxy"
    assert "sessionid" in browser.cookies
    return browser


def test_a_login_on_one_server_is_valid_on_the_other(stack):
    browser = log_in(stack)

    for index in (0, 1):
        status, headers, _ = backend(stack, index, browser.cookies).request(
            "GET", PRIVATE, headers=AS_NGINX
        )
        assert status == 200, f"backend {index} knows the session ({headers.get('Location')})"
        anonymous, headers, _ = backend(stack, index).request("GET", PRIVATE, headers=AS_NGINX)
        assert anonymous == 302 and LOGIN in headers["Location"]


TOO_MANY = re.compile(rb"Too many failed login attempts|Trop de tentatives")


def failed_login(browser, stack, token, login, headers=None):
    """A wrong password; True when the portal refuses to even try (the failed-login limit)."""
    status, _headers, content = browser.post_form(
        LOGIN,
        {"csrfmiddlewaretoken": token, "login": login, "password": "pas-le-bon-mot-de-passe"},
        headers=headers,
        origin=stack.origin,
    )
    assert status in (200, 429)
    return status == 429 or bool(TOO_MANY.search(content))


@pytest.fixture
def fresh_limits(stack):
    """The counts are in Redis: forget them afterwards, so that later tests may log in."""
    yield
    subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], check=True, capture_output=True)


def test_the_login_rate_limit_is_shared_and_keyed_on_the_address_nginx_passes(stack, fresh_limits):
    browser = through_proxy(stack)
    token = browser.csrf_token()
    # Ten failures from one address (ACCOUNT_RATE_LIMITS: 10 in 5 minutes), each for another
    # account, spread by nginx over both servers, each claiming another address for itself:
    # nginx replaces X-Real-IP with the address it sees, so the eleventh is refused.
    refused = [
        failed_login(
            browser, stack, token, f"inconnu{n}@relais.test", {"X-Real-IP": f"10.0.0.{n + 10}"}
        )
        for n in range(11)
    ]
    assert refused == [False] * 10 + [True]

    # Another client address, as nginx would pass it, is still heard, on either server…
    for index in (0, 1):
        other = backend(stack, index)
        as_other = {**AS_NGINX, "X-Real-IP": f"192.0.2.{index + 7}"}
        other_token = other.csrf_token(headers=as_other)
        assert not failed_login(other, stack, other_token, "x@relais.test", as_other)
    # …and the count of one address is shared: nine failures on one server, the tenth on the
    # other, then the other refuses.
    as_third = {**AS_NGINX, "X-Real-IP": "192.0.2.50"}
    first, second = backend(stack, 0), backend(stack, 1)
    first_token = first.csrf_token(headers=as_third)
    second_token = second.csrf_token(headers=as_third)
    for n in range(9):
        assert not failed_login(first, stack, first_token, f"a{n}@relais.test", as_third)
    assert not failed_login(second, stack, second_token, "b@relais.test", as_third)
    assert failed_login(second, stack, second_token, "c@relais.test", as_third)


def test_media_files_are_never_served_from_disk_by_nginx(stack):
    secret = b"%PDF-1.4 fichier pose sur le disque, inconnu du portail"
    (stack.media / "documents").mkdir(exist_ok=True)
    (stack.media / "documents" / "pose.pdf").write_bytes(secret)

    status, headers, content = through_proxy(stack).request("GET", "/media/documents/pose.pdf")

    assert status == 404
    assert secret not in content
    assert headers["Referrer-Policy"] == "same-origin"  # the application answered, not nginx


def test_x_forwarded_proto_from_a_client_is_ignored(stack):
    # The application redirects plain HTTP to HTTPS (SECURE_SSL_REDIRECT): a backend reached
    # with "http" redirects…
    status, headers, _ = backend(stack, 0).request(
        "GET", LOGIN, headers={"X-Forwarded-Proto": "http"}
    )
    assert status == 301 and headers["Location"].startswith("https://")
    # …but through nginx over HTTPS a client's "http" is replaced by nginx's own scheme…
    status, _headers, _ = through_proxy(stack).request(
        "GET", LOGIN, headers={"X-Forwarded-Proto": "http"}
    )
    assert status == 200
    # …and over plain HTTP a client's "https" does not make the request secure.
    plain = Browser(stack.http_port, tls=False)
    status, headers, _ = plain.request("GET", LOGIN, headers={"X-Forwarded-Proto": "https"})
    assert status == 301 and headers["Location"].startswith("https://")


def _new_topic_with_file(token, size):
    """The forum's new-topic form with one PDF attachment of `size` bytes."""
    boundary = "relais-proxy-test"
    fields = {
        "csrfmiddlewaretoken": token,
        "subject": "Compte rendu",
        "content": "Voici le compte rendu.",
        "topic_type": "0",
        "attachment-TOTAL_FORMS": "1",
        "attachment-INITIAL_FORMS": "0",
        "attachment-MIN_NUM_FORMS": "0",
        "attachment-MAX_NUM_FORMS": "1000",
        "attachment-0-comment": "",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachment-0-file"; '
        'filename="gros.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + b"%PDF-"
        + b"0" * (size - 5)
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_the_upload_limit_is_the_same_at_the_proxy_and_the_application(stack):
    browser = log_in(stack)
    _status, _headers, page = browser.request("GET", stack.new_topic)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    referer = {"Referer": stack.origin + stack.new_topic, "Origin": stack.origin}

    # Far over the limit: refused by nginx before any application server reads it.
    body, headers = _new_topic_with_file(token, 12 * MEGABYTE)
    status, _headers, _ = browser.request(
        "POST", stack.new_topic, headers={**headers, **referer}, body=body
    )
    assert status == 413
    # Just over 10 MB: nginx lets it through, and the application's rule refuses the file,
    # saying why, on the form (portal/uploads.py).
    body, headers = _new_topic_with_file(token, 10 * MEGABYTE + 1)
    status, _headers, content = browser.request(
        "POST", stack.new_topic, headers={**headers, **referer}, body=body
    )
    assert status == 200, stack.logs()
    assert "dépasse 10 Mo" in content.decode()
    # At the limit: accepted by both, the topic is created.
    body, headers = _new_topic_with_file(token, 10 * MEGABYTE)
    status, headers, _ = browser.request(
        "POST", stack.new_topic, headers={**headers, **referer}, body=body
    )
    assert status == 302, "a 10 MB attachment is accepted"


def test_two_workers_run_each_periodic_job_once(stack):
    workers = [
        stack.start([sys.executable, "manage.py", "run_worker", "--once"], name=f"worker-{n}")
        for n in range(2)
    ]
    logs = []
    for worker in workers:
        worker.wait(timeout=120)
        logs.append(worker.log.read_text())
        assert worker.returncode == 0, logs[-1][-2000:]

    runs = collections.Counter(re.findall(r"periodic job (\S+) (?:ran|failed)", "\n".join(logs)))
    registered = stack.manage(
        "shell",
        "--no-imports",
        "-c",
        "from portal.models import ScheduledRun; print(ScheduledRun.objects.count())",
    ).stdout.split()[-1]
    assert runs, "the workers ran the periodic jobs"
    assert len(runs) == int(registered)
    assert set(runs.values()) == {1}, runs
