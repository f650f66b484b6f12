"""When to try a request again, and how long to wait first.

Idempotent reads are retried after 5xx, connection errors and timeouts. A POST, PATCH or DELETE is not: a
write that timed out may still have happened (§2.2 B12 shows the server can even half-apply one). A 429
with a short wait is retried whatever the method: the limiter refuses before the handler runs, so nothing
was done. 5.1.5 rounds ``Retry-After`` down (§12), so "0" means "under a second of the 2-per-second window
is left": every 429 waits at least that window, with jitter so that clients sharing an address drift apart.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from horde_style_studio.api.errors import RateLimitedError

RETRYABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RATE_WINDOW = 1.0  # the 2-per-second window (§1)
# Longer waits than a day are a broken or hostile header ("inf", "1e400", "1e12"): it is read as "a day".
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter.

    ``max_retry_after`` caps how long a read will wait on its own for a 429's ``Retry-After``; longer waits
    (the 20-per-hour routes of §1) are handed to the caller as :class:`RateLimitedError` instead of freezing.
    """

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 20.0
    jitter: float = 0.25
    rate_limit_attempts: int = 10
    _rng: random.Random = field(default_factory=lambda: random.Random(), repr=False, compare=False)

    def may_retry(self, method: str, attempt: int) -> bool:
        """``attempt`` counts from 1 for the first try."""
        return method.upper() in RETRYABLE_METHODS and attempt < self.attempts

    def may_retry_rate_limited(self, attempt: int) -> bool:
        return self.attempts > 1 and attempt < self.rate_limit_attempts

    def backoff(self, attempt: int) -> float:
        delay = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return delay * (1 + self._rng.uniform(-self.jitter, self.jitter))

    def wait_for_rate_limit(self, retry_after: float | None, attempt: int) -> float | None:
        """Seconds to wait before retrying a 429, or None when the caller should be told instead."""
        if retry_after is not None and retry_after > self.max_retry_after:
            return None
        wait = max(RATE_WINDOW, retry_after or 0.0, self.backoff(attempt) if retry_after is None else 0.0)
        # The spread grows with each refusal, so clients that collided once do not collide again.
        return wait + self._rng.uniform(0.05, 0.25 + 0.25 * attempt) * RATE_WINDOW


NO_RETRY = RetryPolicy(attempts=1)


def rate_limit_wait(err: RateLimitedError, *, at_least: float, unknown: float | None = None) -> float:
    """Seconds to wait out a 429 before asking again: its ``Retry-After``, never less than ``at_least``, since
    5.1.5 rounds it down and "0" still means the rest of a window (§12); ``unknown`` (else ``at_least``) when
    the server sent none."""
    if err.retry_after is None:
        return max(at_least, at_least if unknown is None else unknown)
    return max(at_least, err.retry_after)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), between 0 and
    ``MAX_RETRY_AFTER``; None when there is none or it means nothing (``NaN``, gibberish)."""
    if not value or not value.strip():
        return None
    text = value.strip()[:64]
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    if math.isnan(seconds):
        return None
    return min(MAX_RETRY_AFTER, max(0.0, seconds))
