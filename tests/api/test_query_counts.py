"""Every list query costs the same number of SQL queries for 5 items as for 50.

Each case builds items with every relation the query selects, counts the queries of
the list at 5 items and at 50, and pins the count: an N+1 anywhere fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.policies.models import PolicyRelation, PolicyServiceItem
from cms.taxonomy.models import Audience, Organization, OrganizationLevel, Topic
from tests.api.builders import live_block, qa_block
from tests.factories import (
    InterpretationPageFactory,
    OrganizationFactory,
    PolicyPageFactory,
)
from tests.factories.pages import (
    FAQFactory,
    IntegratedReleasePageFactory,
    OpenEventPageFactory,
    ServiceItemFactory,
)
from tests.factories.records import RedirectFactory, TopicFactory


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


@dataclass(frozen=True)
class Case:
    query: str
    add: Callable[[object, int, int], None]  # (site_tree, start, count)
    pin: int
    extra: int = 0  # items the seeded vocabulary already holds


def _vocabulary():
    return (
        Topic.objects.get(slug="jiuye-butie"),
        Audience.objects.get(slug="gaoxiao-biyesheng"),
        Organization.objects.get(name="就业促进科"),
    )


def add_policies(tree, start: int, count: int) -> None:
    topic, audience, department = _vocabulary()
    for _ in range(count):
        policy = PolicyPageFactory(
            parent=tree.policies, issuers=[department], department=department
        )
        policy.topics.add(topic)
        policy.audiences.add(audience)
        policy.save()
        PolicyServiceItem.objects.create(
            page=policy, service_item=ServiceItemFactory(organization=department)
        )
        InterpretationPageFactory(
            parent=tree.interpretations,
            policies=[policy],
            department=department,
            body=[qa_block(), live_block()],
        )
        amending = PolicyPageFactory(parent=tree.policies)
        PolicyRelation.objects.create(page=amending, target=policy)
        PolicyRelation.objects.create(page=policy, target=amending)


def add_interpretations(tree, start: int, count: int) -> None:
    topic, _audience, department = _vocabulary()
    for _ in range(count):
        policy = PolicyPageFactory(parent=tree.policies, issuers=[department])
        policy.topics.add(topic)
        policy.save()
        InterpretationPageFactory(
            parent=tree.interpretations, policies=[policy], department=department
        )


def add_releases(tree, start: int, count: int) -> None:
    topic, audience, _department = _vocabulary()
    for _ in range(count):
        release = IntegratedReleasePageFactory(parent=tree.releases)
        release.topics.add(topic)
        release.audiences.add(audience)
        release.save()


def add_events(tree, start: int, count: int) -> None:
    _topic, audience, department = _vocabulary()
    for _ in range(count):
        event = OpenEventPageFactory(parent=tree.events, organizer=department)
        event.audiences.add(audience)
        event.save()


def add_service_items(tree, start: int, count: int) -> None:
    department = _vocabulary()[2]
    for _ in range(count):
        ServiceItemFactory(organization=department)


def add_faqs(tree, start: int, count: int) -> None:
    topic, _audience, department = _vocabulary()
    for _ in range(count):
        FAQFactory(department=department).topics.add(topic)


def add_organizations(tree, start: int, count: int) -> None:
    parent = Organization.objects.get(name="闵行区人力资源和社会保障局")
    for n in range(start, start + count):
        OrganizationFactory(
            name=f"街镇社区事务受理中心{n}", level=OrganizationLevel.TOWN, parent=parent
        )


def add_topics(tree, start: int, count: int) -> None:
    for n in range(start, start + count):
        parent = TopicFactory(name=f"专题{n}", slug=f"zhuanti-{n}")
        TopicFactory(name=f"子专题{n}", slug=f"zi-zhuanti-{n}", parent=parent)


def add_audiences(tree, start: int, count: int) -> None:
    for n in range(start, start + count):
        Audience.objects.create(name=f"服务对象{n}", slug=f"duixiang-{n}")


def add_redirects(tree, start: int, count: int) -> None:
    for n in range(start, start + count):
        RedirectFactory(
            old_path=f"/old/{n}", redirect_page=PolicyPageFactory(parent=tree.policies)
        )


PAGE_FIELDS = "id title url urlPath parent { title } breadcrumbs { title }"

CASES = {
    "policies": Case(
        f"""{{ policies(first: 100, filter: {{hasServiceItems: true}}) {{
          totalCount edges {{ node {{
            {PAGE_FIELDS} docNumber validity
            topics {{ name }} issuingOrganizations {{ name }} audiences {{ name }}
            serviceItems {{ name organization {{ name }} }}
            interpretations {{ title formats }}
            supersededBy {{ title }} supersededHow amends {{ title }}
        }} }} }} }}""",
        add_policies,
        pin=15,
    ),
    "interpretations": Case(
        f"""{{ interpretations(first: 100) {{ totalCount edges {{ node {{
            {PAGE_FIELDS} role formats department {{ name }}
            policies {{ title docNumber topics {{ name }} }}
        }} }} }} }}""",
        add_interpretations,
        pin=7,
    ),
    "releases": Case(
        f"""{{ releases(first: 100) {{ totalCount edges {{ node {{
            {PAGE_FIELDS} theme topics {{ name }} audiences {{ name }}
        }} }} }} }}""",
        add_releases,
        pin=6,
    ),
    "events": Case(
        f"""{{ events(first: 100) {{ totalCount edges {{ node {{
            {PAGE_FIELDS} venueType startAt status registrationIsOpen
            organizer {{ name }} audiences {{ name }}
        }} }} }} }}""",
        add_events,
        pin=5,
    ),
    "serviceItems": Case(
        """{ serviceItems(first: 100) { totalCount edges { node {
            name webUrl organization { name parent { name } }
        } } } }""",
        add_service_items,
        pin=1,
    ),
    "faqs": Case(
        """{ faqs(first: 100) { totalCount edges { node {
            question answer topics { name parent { name } } department { name }
        } } } }""",
        add_faqs,
        # + the site's default channel and the public pages answers may link to.
        pin=3,
    ),
    "organizations": Case(
        "{ organizations(level: [TOWN]) { name level parent { name } } }",
        add_organizations,
        pin=1,
    ),
    "topics": Case(
        "{ topics { name children { name parent { name } } } }",
        add_topics,
        pin=2,
        extra=8,
    ),
    "audiences": Case("{ audiences { name kind } }", add_audiences, pin=1, extra=17),
    "children": Case(
        f"""{{ page(urlPath: "/zhengce/") {{ children(first: 100) {{
            {PAGE_FIELDS} pageType
            ... on PolicyPage {{ docNumber topics {{ name }} audiences {{ name }} }}
        }} }} }}""",
        add_policies,
        pin=9,
        extra=50,  # the policies that amend them
    ),
    "redirects": Case(
        """{ redirects(first: 100) { totalCount edges { node {
            oldPath newUrl page { title urlPath }
        } } } }""",
        add_redirects,
        pin=3,
    ),
}


def _nodes(result: dict) -> list[dict]:
    (value,) = result["data"].values()
    if isinstance(value, list):
        return value
    if "children" in value:
        return value["children"]
    return [edge["node"] for edge in value["edges"]]


def _assert_filled(value, path: str = "") -> None:
    """Every relation the query selects was there to be loaded (no empty lists)."""
    assert value is not None and value != [], path
    if isinstance(value, dict):
        for key, item in value.items():
            _assert_filled(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            _assert_filled(item, path)


def _run(graphql, query: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        result = graphql(query)
    assert "errors" not in result, result["errors"]
    return len(queries), result


@pytest.mark.django_db
@pytest.mark.parametrize("name", CASES)
def test_list_query_count_does_not_grow(
    name, graphql, site_tree, django_assert_max_num_queries
):
    case = CASES[name]
    case.add(site_tree, 0, 5)
    graphql(case.query)  # warm the per-process caches (content types, site roots)
    at_5, _ = _run(graphql, case.query)
    case.add(site_tree, 5, 45)
    # The new rows changed the cache generation: the reads memoized per generation
    # (sites, view restrictions, optimizer plans) are read again once, then reused.
    graphql(case.query)
    with django_assert_max_num_queries(case.pin):
        at_50, result = _run(graphql, case.query)
    print(f"{name}: {at_5} queries for 5 items, {at_50} for 50")
    nodes = _nodes(result)
    assert len(nodes) == 50 + case.extra
    _assert_filled(nodes[0])
    assert at_5 == at_50 == case.pin


DETAIL = """
query ($id: ID!) { page(id: $id) { id title breadcrumbs { title } ... on PolicyPage {
    docNumber validity
    issuingOrganizations { name parent { name } }
    topics { name parent { name } } audiences { name }
    interpretations { title role } amends { title } supersededBy { title }
} } }
"""


@pytest.mark.django_db
def test_policy_detail_query_count_does_not_grow(graphql, site_tree):
    topics = list(Topic.objects.filter(parent__isnull=False)[:8])
    audiences = list(Audience.objects.all()[:8])

    def build(n: int):
        issuers = [
            OrganizationFactory(
                name=f"联合发文单位{n}-{i}", level=OrganizationLevel.DISTRICT
            )
            for i in range(n)
        ]
        policy = PolicyPageFactory(parent=site_tree.policies, issuers=issuers)
        policy.topics.add(*topics[:n])
        policy.audiences.add(*audiences[:n])
        for i in range(n):
            InterpretationPageFactory(
                parent=site_tree.interpretations,
                title=f"解读{n}-{i}",
                policies=[policy],
            )
        return policy

    small, large = build(2), build(8)
    graphql(DETAIL, {"id": str(small.pk)})
    counts = []
    for policy, n in ((small, 2), (large, 8)):
        with CaptureQueriesContext(connection) as queries:
            result = graphql(DETAIL, {"id": str(policy.pk)})
        page = result["data"]["page"]
        assert len(page["issuingOrganizations"]) == n
        assert len(page["interpretations"]) == n
        counts.append(len(queries))
    print("policy detail queries:", counts)
    # The page's type, the page (optimized), then its relations (issuers,
    # topics, audiences, interpretations, amends/superseded-by) and breadcrumbs. The
    # site and the view restrictions are read once per cache generation.
    assert counts == [10, 10]
