"""Requests per second of Relais' pages under gunicorn, beside a bare Django view (the ceiling).

Issue #16, item 1: `make bench-http` says where we stand. The command builds a throw-away copy
of Relais (SQLite, the demo, production settings with throw-away values, plain HTTP on the
loopback), starts it under gunicorn with two workers, starts beside it a bare Django view that
answers a page of the same size (portal/bench_ceiling.py, also two workers), and loads each
address for a fixed time with wrk when it is installed, or with a small Python load generator
otherwise. Public pages are read as a visitor without a session; member pages with the session
of the demo's plain member, logged in through the real login form. It prints requests per
second, the median and 99th-percentile latency, and each page's share of the ceiling.

Figures depend on the machine and on what else runs on it: they are printed, never asserted.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEMO_MEMBER = "membre@relais.test"
HOST = "127.0.0.1"

# Public pages, read as a visitor: the home page, then the CMS pages the demo builds, found by
# type once the demo is loaded (their addresses come from the demo's slugs).
PUBLIC_PAGE_TYPES = [
    ("library", "home.ResourceIndexPage"),
    ("resource", "home.ResourcePage"),
    ("news", "home.NewsIndexPage"),
    ("charters", "home.CharterIndexPage"),
]
MEMBER_PAGES = [
    ("my profile", "/membres/profil/"),
    ("directory", "/membres/annuaire/"),
    ("forum index", "/forum/"),
    ("my help requests", "/demandes/"),
]

FIND_PAGES = """
from django.apps import apps
for name, label in {types!r}:
    page = apps.get_model(label).objects.live().public().order_by("path").first()
    print(name, page.url if page else "")
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def parse_duration(text):
    """wrk's latency ("850.00us", "12.34ms", "1.02s", "2.00m") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(url, *, cookie, duration, connections):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = parse_duration(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = parse_duration(re.search(r"\s99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def run_python_load(url, *, cookie, duration, connections):
    """The fallback load generator: one thread per connection, HTTP/1.1 keep-alive."""
    port = int(url.split(":")[2].split("/")[0])
    path = "/" + url.split("/", 3)[3]
    headers = {"Cookie": cookie} if cookie else {}
    latencies, failures = [], [0]
    deadline = time.monotonic() + duration
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            bad += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, failures[0]


def fetch(port, path, *, cookie="", method="GET", body=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=180)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def cookies_of(response):
    """name=value of every Set-Cookie header of a response."""
    return dict(
        header.split(";", 1)[0].split("=", 1)
        for name, header in response.getheaders()
        if name.lower() == "set-cookie"
    )


def wait_until_up(port, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"gunicorn stopped (exit {process.returncode})")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn did not start in time")


class Command(BaseCommand):
    help = "Requests per second of Relais' pages under gunicorn, beside a bare Django view."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="seconds per address")
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--workdir",
            help="keep the throw-away site in this folder and reuse it on the next run",
        )
        parser.add_argument(
            "--python-load", action="store_true", help="use the Python load generator, not wrk"
        )

    def handle(self, *args, duration, connections, workers, python_load, workdir, **options):
        self.base_dir = Path(settings.BASE_DIR)
        self.keep = workdir is not None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="relais-bench-")).resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.processes = []
        try:
            self._run(duration, connections, workers, python_load)
        finally:
            for process in self.processes:
                process.terminate()
            for process in self.processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            if not self.keep:
                shutil.rmtree(self.workdir, ignore_errors=True)

    def _environment(self, port):
        work = self.workdir
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
            "EMAIL_URL": "consolemail://",
            "SITE_URL": f"http://{HOST}:{port}",
            # Plain HTTP on the loopback: no redirect to HTTPS, no HSTS, secure cookies kept.
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_HSTS_PRELOAD": "False",
            "MEDIA_ROOT": str(work / "media"),
            "INVOICES_ROOT": str(work / "invoices"),
            "MACHINA_ATTACHMENTS_CACHE": str(work / "attachments"),
            "FORUM_SEARCH_INDEX": str(work / "forum_index"),
            "LOG_LEVEL": "WARNING",
            # No reverse proxy in front: the client's address is the connection's.
            "TRUSTED_CLIENT_IP_HEADER": "",
        }

    def _manage(self, environment, *arguments):
        result = subprocess.run(  # noqa: S603 - our own manage.py, arguments of our own
            [sys.executable, "manage.py", *arguments],
            cwd=self.base_dir,
            env=environment,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise CommandError(f"manage.py {arguments[0]} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def _gunicorn(self, environment, application, port, workers):
        process = subprocess.Popen(  # noqa: S603 - gunicorn from our own environment
            [
                sys.executable,
                "-m",
                "gunicorn",
                application,
                f"--bind={HOST}:{port}",
                f"--workers={workers}",
                "--log-level=warning",
                # A loaded machine may take long to load Django in a fresh worker.
                "--timeout=180",
            ],
            cwd=self.base_dir,
            env=environment,
        )
        self.processes.append(process)
        wait_until_up(port, process)

    def _run(self, duration, connections, workers, python_load):
        port, ceiling_port = free_port(), free_port()
        environment = self._environment(port)
        password_file = self.workdir / "password"
        if password_file.exists():
            password = password_file.read_text()
            self.stdout.write(f"Reusing the throw-away Relais in {self.workdir}.")
        else:
            password = secrets.token_urlsafe(16)
            self.stdout.write("Building a throw-away Relais with the demo (SQLite)…")
            self._manage(environment, "migrate", "--no-input")
            self._manage(environment, "load_demo", "--password", password)
            password_file.write_text(password)
        self._manage(environment, "collectstatic", "--no-input", "--verbosity=0")
        found = self._manage(environment, "shell", "-c", FIND_PAGES.format(types=PUBLIC_PAGE_TYPES))
        public = [("home", "/")] + [
            tuple(line.split(" ", 1)) for line in found.split("\n") if line.count(" ") == 1
        ]
        public = [(name, path) for name, path in public if path] + [("feed", "/flux/")]

        self._gunicorn(environment, "portal.wsgi", port, workers)
        session = self._log_in(port, password)
        _response, home = fetch(port, "/")
        ceiling_environment = {**environment, "BENCH_CEILING_BYTES": str(len(home))}
        self._gunicorn(ceiling_environment, "portal.bench_ceiling", ceiling_port, workers)

        load = run_python_load if python_load or not shutil.which("wrk") else run_wrk
        self.stdout.write(
            f"Load: {'wrk' if load is run_wrk else 'Python'}, {connections} connections, "
            f"{duration} s per address; gunicorn, {workers} workers, {os.cpu_count()} cores."
        )
        targets = [("bare Django (ceiling)", ceiling_port, "/", "")]
        targets += [(f"{name} (visitor)", port, path, "") for name, path in public]
        targets += [(f"{name} (member)", port, path, session) for name, path in MEMBER_PAGES]
        rows = []
        for name, target_port, path, cookie in targets:
            response, _content = fetch(target_port, path, cookie=cookie)
            if response.status != 200:
                raise CommandError(f"{path} answered {response.status}, not 200")
            url = f"http://{HOST}:{target_port}{path}"
            rows.append(
                (name, path, *load(url, cookie=cookie, duration=duration, connections=connections))
            )
        self._print(rows)

    def _log_in(self, port, password):
        """The demo member's session, through the login form as a browser would."""
        response, content = fetch(port, "/compte/login/")
        cookies = cookies_of(response)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        body = urlencode(
            {"csrfmiddlewaretoken": token.decode(), "login": DEMO_MEMBER, "password": password}
        )
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        response, _content = fetch(port, "/compte/login/", cookie=cookie, method="POST", body=body)
        cookies.update(cookies_of(response))
        if response.status != 302 or settings.SESSION_COOKIE_NAME not in cookies:
            raise CommandError(f"logging in as {DEMO_MEMBER} failed ({response.status})")
        return "; ".join(f"{k}={v}" for k, v in cookies.items())

    def _print(self, rows):
        ceiling = rows[0][2]
        width = max(len(row[0]) for row in rows)
        self.stdout.write(
            f"{'page':<{width}}  {'req/s':>8}  {'p50 ms':>8}  {'p99 ms':>8}  {'ceiling':>7}  path"
        )
        for name, path, rate, p50, p99, errors in rows:
            note = f"  ({errors} errors)" if errors else ""
            self.stdout.write(
                f"{name:<{width}}  {rate:>8.0f}  {p50:>8.1f}  {p99:>8.1f}  "
                f"{rate / ceiling:>7.1%}  {path}{note}"
            )
