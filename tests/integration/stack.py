"""What the proxy integration test starts, and how it reaches it (issue #18, item 3).

On loopback ports: a throw-away PostgreSQL database built from the models
(tests/integration/build_database.py), a Redis database of its own (flushed), two gunicorn
instances with the production settings (tests/integration/settings.py), and Debian's nginx as
an ordinary process with docs/deploy/nginx.conf.template. `stack` is the module-scoped fixture
that starts them all and stops them in reverse order (conftest.py makes it available);
`Browser`, `through_proxy` and `backend` are the clients the checks in test_proxy.py use.

Where nginx, openssl, PostgreSQL or Redis is missing, the fixture skips with one line, unless
RELAIS_REQUIRE_BROWSER=1 (CI), where it fails.
"""

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
EMAIL = "membre.proxy@relais.test"
LOGIN = "/compte/login/"


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
