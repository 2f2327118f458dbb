from __future__ import annotations

import datetime

import pytest

from cms.policylist.models import ItemCondition, PolicyListItem
from tests.factories import PolicyPageFactory


@pytest.fixture
def policy(site_tree, bureau):
    return PolicyPageFactory(
        parent=site_tree.policies,
        title="关于进一步做好创业担保贷款和创业补贴工作的通知",
        doc_number="闵人社规〔2025〕2号",
        written_date=datetime.date(2025, 2, 10),
        publish_date=datetime.date(2025, 2, 12),
        issuers=[bureau],
    )


@pytest.fixture
def make_item(policy):
    def make(title="一次性创业补贴", *, conditions=(), **fields):
        fields.setdefault("policy", policy)
        item = PolicyListItem.objects.create(title=title, **fields)
        for order, (field, operator, value) in enumerate(conditions):
            ItemCondition.objects.create(
                item=item, field=field, operator=operator, value=value, sort_order=order
            )
        return item

    return make
