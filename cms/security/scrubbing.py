"""Personal data out of the server log: phone numbers, ID card numbers, e-mail addresses.

A citizen's phone number or 身份证号 reaches the log without anyone meaning it: a
GraphQL type error quotes the variable's value (strawberry logs every error with
its message and the query's source excerpt), an exception message quotes a row.
``ScrubFilter`` sits on every handler of ``LOGGING`` and masks such numbers in the
message, its arguments, the traceback, the stack and any extra value (request
variables passed with ``extra=``) before a handler writes the record.

Masked, not removed, so a log line still shows that a number was there and which
one it was to someone who already has it: ``138****8000``, ``110***********77X``,
``z***@example.com``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# Mainland mobile numbers (optionally +86 / 86-prefixed), not inside a longer number.
PHONE = re.compile(r"(?<![\dA-Za-z])((?:(?:\+|00)?86[- ]?)?1[3-9]\d)\d{4}(\d{4})(?!\d)")
# Resident ID numbers: 18 characters (the last may be X) or the old 15 digits.
ID_NUMBER = re.compile(r"(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])")
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")

# Attributes every LogRecord has; anything else came with ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


def _id_number(match: re.Match[str]) -> str:
    whole = match.group(0)
    return whole[:3] + "*" * (len(whole) - 6) + whole[-3:]


def scrub(text: str) -> str:
    """``text`` with phone, ID card numbers and e-mail addresses masked."""
    text = ID_NUMBER.sub(_id_number, text)
    text = PHONE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)


def scrub_value(value: Any) -> Any:
    """Strings masked inside dicts, lists and tuples (request variables)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: scrub_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(scrub_value(item) for item in value)
    return value


class ScrubFilter(logging.Filter):
    """Mask personal numbers in a record before a handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format: the handler reports it as usual
            return True
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        for name, value in list(vars(record).items()):
            if name not in _STANDARD:
                setattr(record, name, scrub_value(value))
        return True
