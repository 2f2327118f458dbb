"""Demo search log: a month of what the public typed, so the 热门搜索 and 无结果搜索
reports have something to show. Loaded once: nothing is added when the log holds
rows already.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Site

from search.models import SearchQueryLog
from search.querylog import normalize_query

# (query, times searched in the last 30 days, results found)
SEARCHES = (
    ("失业金怎么领", 46, 12),
    ("灵活就业 社保补贴", 31, 8),
    ("稳岗返还", 27, 5),
    ("退休金", 22, 14),
    ("闵人社发〔2025〕19号", 18, 1),
    ("sybx", 15, 9),
    ("一次性吸纳就业补贴", 14, 6),
    ("创业担保贷款", 11, 4),
    ("职业技能提升补贴", 9, 7),
    ("征地养老人员生活费", 7, 3),
    ("劳动仲裁", 6, 5),
    ("公积金提取", 12, 0),
    ("居住证积分", 9, 0),
    ("失业金多久到账", 5, 0),
    ("人才公寓申请", 4, 0),
    ("社保卡补办", 3, 0),
)


def load_search_log_demo() -> int:
    """Create the demo log; return how many searches were added."""
    if SearchQueryLog.objects.exists():
        return 0
    site = Site.objects.filter(is_default_site=True).first()
    now = timezone.now()
    rows, times_at = [], []
    for query, times, results in SEARCHES:
        for n in range(times):
            rows.append(
                SearchQueryLog(
                    query=query,
                    normalized=normalize_query(query),
                    result_count=results,
                    site=site,
                )
            )
            # Spread over the month, a little differently for each query.
            times_at.append(
                now - datetime.timedelta(hours=(n * 613 + len(query) * 37) % 720)
            )
    created = SearchQueryLog.objects.bulk_create(rows)
    # auto_now_add stamps every row with now on insert; the spread comes after.
    for row, when in zip(created, times_at, strict=True):
        row.created_at = when
    SearchQueryLog.objects.bulk_update(created, ["created_at"], batch_size=200)
    return len(created)
