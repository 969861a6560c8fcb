"""Several application servers behind a real nginx (issue #18, item 3).

Starts, on loopback ports: a throw-away PostgreSQL database (migrated), a Redis database of its
own (flushed), two gunicorn instances with the production settings, and Debian's nginx as an
ordinary process with docs/deploy/nginx.conf.template; then checks, as a browser and as a
hostile client would see it, what docs/deploy/README.md promises. Two workers are started on
the same database to show that each periodic job runs once.

Run by .ci/run (RELAIS_TEST_PROXY=1); skipped with one line where nginx, PostgreSQL or Redis is
missing, unless RELAIS_REQUIRE_BROWSER=1 (CI), where a missing piece fails it.
"""

import collections
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
PG = os.environ.get("RELAIS_PROXY_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("RELAIS_PROXY_REDIS", "redis://127.0.0.1:6379/7")
REQUIRED = os.environ.get("RELAIS_REQUIRE_BROWSER") == "1"
PASSWORD = "un-mot-de-passe-solide-42"
EMAIL = "membre.proxy@relais.test"
LOGIN = "/compte/login/"
PRIVATE = "/compte/email/"  # any page that needs a session
MEGABYTE = 1024 * 1024

pytestmark = pytest.mark.skipif(
    os.environ.get("RELAIS_TEST_PROXY") != "1",
    reason="the proxy integration test runs with RELAIS_TEST_PROXY=1 (.ci/run)",
)


def missing_piece():
    if NGINX is None:
        return "nginx"
    if not shutil.which("openssl"):
        return "openssl"
    for port, name in ((5432, "PostgreSQL"), (6379, "Redis")):
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return name
    return None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process {process.args[:3]} ended ({process.returncode})")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


class Browser:
    """A client that keeps its cookies, over HTTPS to nginx or plain HTTP to a backend."""

    def __init__(self, port, *, tls, host="127.0.0.1"):
        self.port, self.tls, self.host = port, tls, host
        self.cookies = {}

    def request(self, method, path, *, headers=None, body=None):
        if self.tls:
            context = ssl._create_unverified_context()  # noqa: S323 (a throw-away certificate)
            connection = http.client.HTTPSConnection(self.host, self.port, context=context)
        else:
            connection = http.client.HTTPConnection(self.host, self.port)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def csrf_token(self, path=LOGIN, headers=None):
        _status, _headers, content = self.request("GET", path, headers=headers)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert match, "the login page carries a CSRF token"
        return match.group(1).decode()

    def post_form(self, path, fields, *, headers=None, origin):
        body = urlencode(fields).encode()
        sent = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{origin}{path}",
            "Origin": origin,
            **(headers or {}),
        }
        return self.request("POST", path, headers=sent, body=body)


class Stack:
    """Everything the test starts, stopped in reverse order."""

    def __init__(self, root):
        self.root = root
        self.processes = []
        self.database = f"relais_proxy_{os.getpid()}"
        self.https_port, self.http_port = _free_port(), _free_port()
        self.backends = [_free_port(), _free_port()]
        self.origin = f"https://127.0.0.1:{self.https_port}"
        self.media = root / "media"
        self.media.mkdir()
        (root / "logs").mkdir()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
            "DJANGO_SETTINGS_MODULE": "tests.integration.settings",
            "SECRET_KEY": "proxy-test-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{PG}/{self.database}",
            "REDIS_URL": REDIS_URL,
            "EMAIL_URL": "smtp://127.0.0.1:9",
            "SITE_URL": self.origin,
            "CSRF_TRUSTED_ORIGINS": self.origin,
            "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP",
            "SECURE_HSTS_SECONDS": "0",
            "MEDIA_ROOT": str(self.media),
            "INVOICES_ROOT": str(root / "invoices"),
            "MACHINA_ATTACHMENTS_CACHE": str(root / "attachments"),
            "FORUM_SEARCH_INDEX": str(root / "forum-index"),
            "RELAIS_WEB_WORKERS": "2",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("STORAGE_URL", None)
        self.env.pop("RELAIS_TEST_S3", None)

    def manage(self, *args, timeout=300):
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"manage.py {args[0]}: {done.stderr[-3000:]}"
        return done

    def psql(self, sql):
        subprocess.run(
            ["psql", f"{PG}/postgres", "-q", "-c", sql], check=True, capture_output=True, timeout=60
        )

    def start(self, args, name):
        """Start a process, its output in a log file of its own (logs/<name>.log)."""
        log = (self.root / "logs" / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = Path(log.name)
        log.close()
        self.processes.append(process)
        return process

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in [*sorted((self.root / "logs").glob("*.log")), self.root / "nginx/error.log"]
            if path.exists()
        )

    def up(self):
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}"')
        self.psql(f'CREATE DATABASE "{self.database}"')
        subprocess.run(
            ["redis-cli", "-u", REDIS_URL, "FLUSHDB"], check=True, capture_output=True, timeout=30
        )
        done = subprocess.run(
            [sys.executable, "-m", "tests.integration.build_database", EMAIL],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        self.new_topic = done.stdout.split()[-1]
        for port in self.backends:
            self.env["RELAIS_BIND"] = f"127.0.0.1:{port}"
            process = self.start(
                [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py")]
                + ["portal.wsgi"],
                name=f"gunicorn-{port}",
            )
            _wait_for_port(port, process)
        self.env.pop("RELAIS_BIND")
        self._start_nginx()

    def _start_nginx(self):
        prefix = self.root / "nginx"
        prefix.mkdir()
        certificate, key = prefix / "cert.pem", prefix / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        text = (DEPLOY / "nginx.conf.template").read_text()
        for placeholder, value in {
            "@@PREFIX@@": str(prefix),
            "@@UPSTREAM_SERVERS@@": " ".join(f"server 127.0.0.1:{p};" for p in self.backends),
            "@@HTTP_LISTEN@@": f"127.0.0.1:{self.http_port}",
            "@@HTTPS_LISTEN@@": f"127.0.0.1:{self.https_port}",
            "@@CERTIFICATE@@": str(certificate),
            "@@CERTIFICATE_KEY@@": str(key),
        }.items():
            text = text.replace(placeholder, value)
        assert not re.search(r"@@[A-Z_]+@@", text)
        config = prefix / "nginx.conf"
        config.write_text(text)
        command = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)]
        command += ["-g", "daemon off;"]
        if os.geteuid() == 0:
            # Never as root (CI runs as root): as `nobody`, which owns the prefix directory.
            nobody = pwd.getpwnam("nobody")
            self.root.chmod(0o755)
            for path in [prefix, *prefix.iterdir()]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            command = [
                "setpriv",
                f"--reuid={nobody.pw_uid}",
                f"--regid={nobody.pw_gid}",
                "--clear-groups",
                *command,
            ]
        process = self.start(command, name="nginx")
        _wait_for_port(self.https_port, process, seconds=20)

    def down(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        subprocess.run(["redis-cli", "-u", REDIS_URL, "FLUSHDB"], capture_output=True, timeout=30)
        self.psql(f'DROP DATABASE IF EXISTS "{self.database}"')


@pytest.fixture(scope="module")
def stack():
    missing = missing_piece()
    if missing:
        message = f"proxy integration test not run: {missing} is not available on 127.0.0.1"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="relais-proxy-"))
    running = Stack(root)
    try:
        try:
            running.up()
        except Exception:
            print(running.logs())  # why a server did not start, in the test's report
            raise
        yield running
    finally:
        running.down()
        shutil.rmtree(root, ignore_errors=True)


def through_proxy(stack):
    return Browser(stack.https_port, tls=True)


def backend(stack, index, cookies=None):
    """An application server reached directly, as nginx reaches it: the requests pass AS_NGINX
    (or another address) themselves."""
    browser = Browser(stack.backends[index], tls=False)
    browser.cookies = dict(cookies or {})
    return browser


AS_NGINX = {"X-Forwarded-Proto": "https", "X-Real-IP": "127.0.0.1"}


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
