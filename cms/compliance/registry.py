"""The inspection indicators the dashboard shows, declared by the apps that own them.

An app adds indicators by defining ``compliance_indicators()`` on its AppConfig,
returning ``Indicator`` instances (its own module imported lazily inside)::

    class LinkcheckConfig(AppConfig):
        def compliance_indicators(self):
            from .indicators import BrokenLinks
            return (BrokenLinks(),)

An ``Indicator`` has a unique ``key``, a ``title``, the ``rule`` it checks (the
document and clause cited in every warning), its thresholds in words, the
responsible 科室 and ``measure(today)`` returning a ``Measurement``: the value, its
state (ok / warn / fail, from ``grade``), evidence links (admin or site URLs of the
rows at fault) and predictive warnings. The dashboard, the daily snapshot and the
digest call every indicator the same way; a failing indicator is shown as an error
row rather than breaking the others.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps

logger = logging.getLogger(__name__)

OK, WARN, FAIL, ERROR = "ok", "warn", "fail", "error"
STATE_LABELS = {OK: "达标", WARN: "预警", FAIL: "不达标", ERROR: "无法计算"}
STATE_ORDER = {ERROR: 0, FAIL: 1, WARN: 2, OK: 3}

# The checking rules in force (国办秘函〔2019〕19号), cited by every indicator.
INSPECTION_RULES = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"


@dataclass(frozen=True)
class Rule:
    document: str
    clause: str

    def __str__(self) -> str:
        return f"{self.document}{self.clause}"


@dataclass(frozen=True)
class Evidence:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Measurement:
    value: int
    display: str
    state: str
    evidence: list[Evidence] = field(default_factory=list)
    predictions: list[str] = field(default_factory=list)
    # When the indicator splits by 科室 (columns), the departments at fault.
    departments: list[str] = field(default_factory=list)


class Indicator:
    key: str = ""
    title: str = ""
    rule: Rule
    threshold: str = ""  # the statutory threshold, in words
    warning: str = ""  # the earlier warning threshold, in words
    department: str = "办公室"
    # value ≥ fail_at fails, value ≥ warn_at warns (None: no such level).
    fail_at: int | None = 1
    warn_at: int | None = None

    def grade(self, value: int) -> str:
        if self.fail_at is not None and value >= self.fail_at:
            return FAIL
        if self.warn_at is not None and value >= self.warn_at:
            return WARN
        return OK

    def measure(self, today: datetime.date) -> Measurement:
        raise NotImplementedError


@dataclass
class Row:
    """One indicator's line on the dashboard."""

    indicator: Indicator
    measurement: Measurement

    @property
    def state(self) -> str:
        return self.measurement.state

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@cache
def indicators() -> tuple[Indicator, ...]:
    """Every installed app's indicators, in INSTALLED_APPS order."""
    found: list[Indicator] = []
    for config in apps.get_app_configs():
        declare = getattr(config, "compliance_indicators", None)
        if callable(declare):
            found.extend(declare())
    keys = [indicator.key for indicator in found]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates or not all(keys):
        raise ValueError(f"compliance indicators need unique keys: {duplicates}")
    return tuple(found)


def measure_all(today: datetime.date) -> list[Row]:
    from .columns import one_round

    rows = []
    with one_round():
        for indicator in indicators():
            try:
                measurement = indicator.measure(today)
            except Exception as error:  # one broken indicator must not hide the others
                logger.exception("Compliance indicator %s failed", indicator.key)
                measurement = Measurement(0, f"计算出错：{error}", ERROR)
            rows.append(Row(indicator, measurement))
    return rows
