"""The secret filter: whatever a library logs, a key this process has held never reaches a handler."""

from __future__ import annotations

import io
import logging

from horde_style_studio.api.agent import ApiKey
from horde_style_studio.api.errors import clean_field_errors
from horde_style_studio.domain.redaction import MASK, install_secret_filter, redact

SECRET = "k3y-0f-the-t3st-000042"


def test_a_held_key_is_masked_in_messages_arguments_and_tracebacks() -> None:
    ApiKey(SECRET)
    install_secret_filter()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)  # added after the install: the record factory still masks
    logger = logging.getLogger("some.other.library")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("Setting Future result: %s", SECRET)
        logger.debug("calling %r", (lambda: None, {"apikey": SECRET}))
        try:
            raise ValueError(f"bad key {SECRET}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert SECRET not in written
    assert written.count(MASK) >= 3


def test_apikey_values_are_masked_even_when_unknown() -> None:
    assert redact("headers {'apikey': 'never-seen-before-1'}") == f"headers {{'apikey': '{MASK}'}}"


def test_a_key_used_as_a_field_name_is_masked() -> None:
    cleaned = clean_field_errors({SECRET: f"{SECRET} is invalid"}, (SECRET,))
    assert SECRET not in repr(cleaned)
