"""Secrets kept out of every log record: a registry of the keys this process has held, and a logging filter
that masks them (and any ``apikey=`` value) in whatever any library logs.

qasync's debug log prints the callbacks it runs, arguments and all, and a hostile server can echo the key
back in an error body, so scrubbing at our own call sites is not enough: the filter sits on the root
handlers, where every logger's records end up.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from collections.abc import Callable
from typing import Any

MASK = "•••"
# Shorter strings would mask ordinary words; AI Horde keys are 22 characters, shared keys 36.
MIN_SECRET_LENGTH = 8
# The key travels in an ``apikey`` header (REFERENCE §1); a value printed next to that name is masked too.
_APIKEY_FIELD = re.compile(r"(apikey['\"]?\s*[:=]\s*['\"]?)[^'\"\s,;}]+", re.IGNORECASE)

_lock = threading.Lock()
_known: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """From now on ``secret`` is masked in every log record and every :func:`redact`."""
    if secret and len(secret.strip()) >= MIN_SECRET_LENGTH:
        with _lock:
            _known.add(secret.strip())


def known_secrets() -> tuple[str, ...]:
    with _lock:
        # Longest first, so a secret holding another is masked whole.
        return tuple(sorted(_known, key=len, reverse=True))


def redact(text: str, extra: tuple[str, ...] = ()) -> str:
    """``text`` with every known secret, every secret of ``extra`` and every ``apikey=...`` value masked."""
    for secret in (*extra, *known_secrets()):
        if secret and secret in text:
            text = text.replace(secret, MASK)
    return _APIKEY_FIELD.sub(rf"\g<1>{MASK}", text)


class SecretFilter(logging.Filter):
    """Masks secrets in a record's message, its arguments, its traceback and its stack; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep what can be shown
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None  # formatted above: the handler must not format the raw one again
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = SecretFilter()
_factory_installed = False


def install_secret_filter(logger: logging.Logger | None = None) -> SecretFilter:
    """Mask secrets in every log record from now on. Idempotent.

    The filter goes on every handler of ``logger`` (the root logger by default) and on Python's last-resort
    handler, and the record factory masks each record as it is made, so handlers added later (a test's, a
    library's own) never see a secret either.
    """
    global _factory_installed
    target = logger or logging.getLogger()
    handlers = [*target.handlers, *([logging.lastResort] if logging.lastResort is not None else [])]
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
    with _lock:
        if not _factory_installed:
            _factory_installed = True
            logging.setLogRecordFactory(_masking_factory(logging.getLogRecordFactory()))
    return _FILTER


def _masking_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def masked(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        _FILTER.filter(record)
        return record

    return masked
