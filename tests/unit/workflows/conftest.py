"""The workflows run against a real library file and the sandbox Horde, as the library tests do."""

from __future__ import annotations

# Fixtures are found by name in a conftest's namespace, so importing them is how they are shared.
from tests.unit.library.conftest import (  # noqa: F401
    behaviour,
    library,
    library_dir,
    sandbox,
    session_for,
)
