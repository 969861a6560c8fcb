"""A small SMTP server that keeps every message it receives, for the test suite.

The tests send e-mail the way production does (Django's SMTP backend, portal.settings.test), so a
broken template or header fails a test instead of a morning in production. aiosmtpd is not
installed; this speaks just enough SMTP (RFC 5321) for smtplib: EHLO/HELO, MAIL FROM, RCPT TO,
DATA with dot-unstuffing, RSET, NOOP, VRFY, HELP and QUIT. Each message is parsed with
`email.message_from_bytes` (modern policy) and carries its envelope as `envelope_from` and
`envelope_to`.
"""

import email
import email.policy
import socketserver
import threading

MAX_LINE = 64 * 1024


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def read_line(self):
        line = self.rfile.readline(MAX_LINE + 1)
        if not line:
            return None
        return line

    def reset(self):
        self.envelope_from = None
        self.envelope_to = []

    def handle(self):
        self.reset()
        self.greeted = False
        self.reply(f"220 {self.server.hostname} ESMTP relais-test-catcher")
        while True:
            try:
                line = self.read_line()
            except OSError:  # includes timeouts
                return
            if line is None:
                return
            if len(line) > MAX_LINE:
                self.reply("500 5.5.2 Line too long")
                continue
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, argument = text.partition(" ")
            handler = getattr(self, f"smtp_{verb.upper()}", None)
            if handler is None:
                self.reply("500 5.5.1 Command unrecognised")
                continue
            if handler(argument.strip()) is False:
                return

    # --- Commands ------------------------------------------------------------------------

    def smtp_EHLO(self, argument):
        if not argument:
            self.reply("501 5.5.4 Syntax: EHLO hostname")
            return
        self.greeted = True
        self.reset()
        self.wfile.write(
            f"250-{self.server.hostname}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
            "250-SIZE 33554432\r\n250 HELP\r\n".encode("ascii")
        )
        self.wfile.flush()

    def smtp_HELO(self, argument):
        if not argument:
            self.reply("501 5.5.4 Syntax: HELO hostname")
            return
        self.greeted = True
        self.reset()
        self.reply(f"250 {self.server.hostname}")

    def smtp_MAIL(self, argument):
        if not self.greeted:
            self.reply("503 5.5.1 Send EHLO or HELO first")
            return
        if self.envelope_from is not None:
            self.reply("503 5.5.1 Nested MAIL command")
            return
        address = _address(argument, "FROM:")
        if address is None:
            self.reply("501 5.5.4 Syntax: MAIL FROM:<address>")
            return
        self.envelope_from = address
        self.reply("250 2.1.0 OK")

    def smtp_RCPT(self, argument):
        if self.envelope_from is None:
            self.reply("503 5.5.1 Need MAIL before RCPT")
            return
        address = _address(argument, "TO:")
        if not address:
            self.reply("501 5.5.4 Syntax: RCPT TO:<address>")
            return
        self.envelope_to.append(address)
        self.reply("250 2.1.5 OK")

    def smtp_DATA(self, argument):
        if not self.envelope_to:
            self.reply("503 5.5.1 Need RCPT before DATA")
            return
        self.reply("354 End data with <CR><LF>.<CR><LF>")
        lines = []
        while True:
            line = self.read_line()
            if line is None:
                return False
            if line in (b".\r\n", b".\n"):
                break
            if line.startswith(b".."):
                line = line[1:]
            lines.append(line)
        message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
        message.envelope_from = self.envelope_from
        message.envelope_to = list(self.envelope_to)
        self.server.catcher.store(message)
        self.reset()
        self.reply("250 2.0.0 OK: queued")

    def smtp_RSET(self, argument):
        self.reset()
        self.reply("250 2.0.0 OK")

    def smtp_NOOP(self, argument):
        self.reply("250 2.0.0 OK")

    def smtp_VRFY(self, argument):
        self.reply("252 2.1.5 Cannot VRFY user, but will accept message")

    def smtp_HELP(self, argument):
        self.reply("214 2.0.0 EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT")

    def smtp_STARTTLS(self, argument):
        self.reply("454 4.7.0 TLS not available")

    def smtp_QUIT(self, argument):
        self.reply("221 2.0.0 Bye")
        return False


def _address(argument, keyword):
    """The address in `FROM:<a@b> SIZE=…` or `TO:<a@b>`; '' for the null sender `<>`."""
    if argument[: len(keyword)].upper() != keyword:
        return None
    rest = argument[len(keyword) :].strip()
    if rest.startswith("<"):
        end = rest.find(">")
        if end == -1:
            return None
        return rest[1:end]
    return rest.split(" ", 1)[0] or None


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPCatcher:
    """Listens on `host:port` (or any free port when that one is taken) in a background thread."""

    def __init__(self, host="127.0.0.1", port=2525):
        self.host = host
        self.wanted_port = port
        self.messages = []
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    @property
    def port(self):
        return self._server.server_address[1]

    def store(self, message):
        with self._lock:
            self.messages.append(message)

    def clear(self):
        with self._lock:
            self.messages.clear()

    def start(self):
        try:
            self._server = _Server((self.host, self.wanted_port), _Handler)
        except OSError:
            # Another test run holds the port: take any free one; the caller points Django at it.
            self._server = _Server((self.host, 0), _Handler)
        self._server.catcher = self
        self._server.hostname = "relais-test.localhost"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="smtp-catcher", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None


def body_text(message):
    """The plain-text body of a caught message, decoded."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""
