"""Password hashing: argon2id (argon2-cffi). Passwords are never logged nor stored in clear.

Each check costs ~64 MiB and ~0.2 s with the default parameters, so the number of checks
running at once is bounded (a semaphore) and the rate limit is applied before any check.
"""

from __future__ import annotations

import functools
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# Checks running at once: each holds ~64 MiB; more would only queue behind 2 cores anyway.
MAX_CONCURRENT_CHECKS = 2


class Passwords:
    def __init__(self, hasher: PasswordHasher | None = None, max_concurrent: int = MAX_CONCURRENT_CHECKS):
        self.hasher = hasher or PasswordHasher()  # argon2id, 64 MiB, t=3
        self._slots = threading.BoundedSemaphore(max_concurrent)

    @functools.cached_property
    def _dummy(self) -> str:
        # An unknown user's sign-in is checked against this, so it costs what a wrong password costs.
        return self.hasher.hash("dummy password for unknown users")

    def hash(self, password: str) -> str:
        with self._slots:
            return self.hasher.hash(password)

    def verify(self, hash_: str | None, password: str) -> bool:
        """True if `password` matches `hash_`; with `hash_` None, a check of equal cost that fails."""
        against = hash_ or self._dummy
        with self._slots:
            try:
                return self.hasher.verify(against, password) and hash_ is not None
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False
