"""The CLI's own failures and the exit statuses they map to (issue 2, item 5)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A failure the CLI reports as one line on stderr with ``exit_code``."""

    exit_code = EXIT_BAD_INPUT


class CliInputError(CliError):
    """Bad input, caught before anything is sent: a missing file, invalid JSON, an invalid style."""


class CliRefusedError(CliError):
    """The server's data says no, without an HTTP error (e.g. a style has no such example)."""

    exit_code = EXIT_REFUSED
