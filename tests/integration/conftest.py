"""One clear line at the end of the run when the proxy integration test could not start."""

import os


def pytest_terminal_summary(terminalreporter, config):
    from tests.integration.test_proxy import REQUIRED, missing_piece

    if os.environ.get("RELAIS_TEST_PROXY") == "1" and not REQUIRED:
        missing = missing_piece()
        if missing:
            terminalreporter.write_line(
                f"proxy integration test not run: {missing} is not available on 127.0.0.1",
                yellow=True,
                bold=True,
            )
