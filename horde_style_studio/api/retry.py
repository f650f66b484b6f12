"""When to try a request again, and how long to wait first.

Only idempotent reads are retried (5xx, connection errors, timeouts, and 429 when the wait is short). A POST,
PATCH or DELETE is never retried automatically: a write that timed out may still have happened (§2.2 B12
shows the server can even half-apply one).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
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
    _rng: random.Random = field(default_factory=lambda: random.Random(), repr=False, compare=False)

    def may_retry(self, method: str, attempt: int) -> bool:
        """``attempt`` counts from 1 for the first try."""
        return method.upper() in RETRYABLE_METHODS and attempt < self.attempts

    def backoff(self, attempt: int) -> float:
        delay = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return delay * (1 + self._rng.uniform(-self.jitter, self.jitter))

    def wait_for_rate_limit(self, retry_after: float | None, attempt: int) -> float | None:
        """Seconds to wait before retrying a 429, or None when the caller should be told instead."""
        if retry_after is None:
            return self.backoff(attempt)
        if retry_after > self.max_retry_after:
            return None
        return max(0.0, retry_after)


NO_RETRY = RetryPolicy(attempts=1)


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
