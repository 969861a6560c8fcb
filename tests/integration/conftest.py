"""The proxy integration test's stack (stack.py) as a fixture of this folder, and one clear line
at the end of the run when it could not start."""

import os

from tests.integration.stack import stack  # noqa: F401 (the module-scoped fixture)


def pytest_terminal_summary(terminalreporter, config):
    from tests.integration.stack import REQUIRED, missing_piece

    if os.environ.get("RELAIS_TEST_PROXY") == "1" and not REQUIRED:
        missing = missing_piece()
        if missing:
            terminalreporter.write_line(
                f"proxy integration test not run: {missing} is not available on 127.0.0.1",
                yellow=True,
                bold=True,
            )
