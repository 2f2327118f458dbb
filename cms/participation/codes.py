"""Codes handed to citizens: query codes (查询码), receipt and registration codes.

A query code proves that the person asking about a submission is the one who sent
it. It is never stored: it is an HMAC (under SECRET_KEY) of the tracking number and
a random per-submission salt, so the database alone reveals no code, and a retried
submission can hand out the same code again. Checks also accept codes made under
``SECRET_KEY_FALLBACKS``, so rotating the key does not lock anybody out.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0/O, no 1/I


def random_code(length: int) -> str:
    """A random code of ``length`` symbols people can read out and type."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_salt() -> str:
    return secrets.token_hex(16)


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _matches_under_any_key(expected: Callable[[str], str], typed: str) -> bool:
    """Whether ``typed`` equals ``expected(secret)`` for the current or a fallback key;
    every key is tried, so the time taken does not tell which one matched."""
    matched = False
    for secret in _secrets():
        matched |= hmac.compare_digest(expected(secret).encode(), typed.encode())
    return matched


def derived_code(
    *,
    purpose: str,
    tracking_number: str,
    salt: str,
    length: int,
    secret: str | None = None,
) -> str:
    """The query code of one submission (``purpose`` keeps kinds of codes apart)."""
    digest = salted_hmac(
        purpose, f"{tracking_number}:{salt}", secret=secret, algorithm="sha256"
    ).digest()
    return "".join(ALPHABET[byte % 32] for byte in digest[:length])


def normalize(code: str | None) -> str:
    return (code or "").strip().upper()


def code_matches(
    *, purpose: str, tracking_number: str, salt: str, length: int, given: str
) -> bool:
    """Constant-time check of a typed code, under the current and fallback keys."""
    return _matches_under_any_key(
        lambda secret: derived_code(
            purpose=purpose,
            tracking_number=tracking_number,
            salt=salt,
            length=length,
            secret=secret,
        ),
        normalize(given),
    )


def code_digest(*, purpose: str, code: str, secret: str | None = None) -> str:
    """A keyed digest of a code that was handed out before codes were derived."""
    return salted_hmac(
        purpose, normalize(code), secret=secret, algorithm="sha256"
    ).hexdigest()


def digest_matches(*, purpose: str, digest: str, given: str) -> bool:
    return _matches_under_any_key(
        lambda secret: code_digest(purpose=purpose, code=given, secret=secret), digest
    )


__all__ = [
    "ALPHABET",
    "code_digest",
    "code_matches",
    "derived_code",
    "digest_matches",
    "new_salt",
    "normalize",
    "random_code",
]
