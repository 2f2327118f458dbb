"""索引号: 统一社会信用代码/年份-五位序号, unique across the library."""

from __future__ import annotations

import re

from django.conf import settings

_SERIAL_RE = re.compile(r"-(\d+)$")


def index_number_prefix(policy) -> str:
    """``credit_code/year-`` for a policy, led by its first issuer with a credit code."""
    credit_code = ""
    for link in policy.issuers.all():
        if link.organization_id:
            credit_code = link.organization.effective_credit_code()
            if credit_code:
                break
    if not credit_code and getattr(policy, "department_id", None):
        credit_code = policy.department.effective_credit_code()
    credit_code = credit_code or settings.CMS_DEFAULT_CREDIT_CODE
    date = policy.publish_date or policy.written_date
    return f"{credit_code}/{date.year}-"


def next_serial(prefix: str) -> int:
    from .models import PolicyPage

    serials = [
        int(match.group(1))
        for value in PolicyPage.objects.filter(index_number__startswith=prefix)
        .values_list("index_number", flat=True)
        .iterator()
        if (match := _SERIAL_RE.search(value))
    ]
    return max(serials, default=0) + 1


def assign_index_number(policy, *, skip: int = 0) -> str:
    prefix = index_number_prefix(policy)
    policy.index_number = f"{prefix}{next_serial(prefix) + skip:05d}"
    return policy.index_number
