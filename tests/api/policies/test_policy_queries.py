"""policies(...) and page(...) for policy documents, through real HTTP."""

from __future__ import annotations

import datetime

import pytest

from cms.policies.models import Disclosure, PolicyRelation, ValidityOverride
from cms.taxonomy.models import Organization, Topic
from tests.factories import PolicyPageFactory

LIST = """
query ($filter: PolicyFilter, $first: Int, $after: String) {
  policies(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title docNumber validity topics { name } issuingOrganizations { name } } }
  }
}
"""


@pytest.fixture
def policies(site_tree, bureau):
    finance = Organization.objects.get(name="闵行区财政局")
    unemployment = Topic.objects.get(slug="shiye")
    seed = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于印发2025年政务公开工作要点的通知",
        doc_number="闵人社发〔2025〕19号",
        publish_date=datetime.date(2025, 6, 17),
        issuers=[bureau],
    )
    joint = PolicyPageFactory(
        parent=site_tree.policies,
        title="关于调整失业保险金标准的通知",
        doc_number="闵人社规〔2024〕3号",
        written_date=datetime.date(2024, 3, 1),
        publish_date=datetime.date(2024, 3, 5),
        expiry_date=datetime.date(2025, 3, 5),
        issuers=[finance, bureau],
    )
    joint.topics.add(unemployment)
    joint.save()
    repealed = PolicyPageFactory(
        parent=site_tree.policies,
        title="已废止的旧办法",
        doc_number="闵人社发〔2019〕7号",
        written_date=datetime.date(2019, 1, 1),
        publish_date=datetime.date(2019, 1, 2),
        validity_override=ValidityOverride.REPEALED,
        issuers=[bureau],
    )
    PolicyRelation.objects.create(
        page=seed, target=repealed, relation_type="supersedes"
    )
    hidden = [
        PolicyPageFactory(parent=site_tree.policies, live=False, title="草稿"),
        PolicyPageFactory(
            parent=site_tree.policies,
            title="依申请公开",
            disclosure=Disclosure.ON_APPLICATION,
            disclosure_basis="条例第十六条",
        ),
    ]
    return seed, joint, repealed, hidden


@pytest.mark.django_db
def test_list_is_public_only_ordered_and_marked(graphql, policies):
    seed, joint, repealed, _hidden = policies
    result = graphql(LIST)
    nodes = [edge["node"] for edge in result["data"]["policies"]["edges"]]
    assert result["data"]["policies"]["totalCount"] == 3
    assert [(n["title"], n["validity"]) for n in nodes] == [
        (seed.title, "VALID"),
        (joint.title, "EXPIRED"),
        (repealed.title, "REPEALED"),
    ]
    assert nodes[1]["issuingOrganizations"] == [
        {"name": "闵行区财政局"},
        {"name": "闵行区人力资源和社会保障局"},
    ]
    assert nodes[1]["topics"] == [{"name": "失业保险"}]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["闵人社发〔2025〕19号", "闵人社发[2025]19号", "闵人社发 (2025) 19 号"]
)
def test_doc_number_filter_matches_any_bracket_variant(graphql, policies, typed):
    result = graphql(LIST, {"filter": {"docNumber": typed}})
    assert [e["node"]["docNumber"] for e in result["data"]["policies"]["edges"]] == [
        "闵人社发〔2025〕19号"
    ]


@pytest.mark.django_db
def test_filters_combine(graphql, policies):
    seed, joint, repealed, _ = policies
    topic = Topic.objects.get(slug="shehui-baoxian")  # parent of 失业保险
    cases = [
        ({"validity": ["VALID"]}, [seed.title]),
        ({"validity": ["EXPIRED", "REPEALED"]}, [joint.title, repealed.title]),
        ({"topic": [str(topic.pk)]}, [joint.title]),
        ({"year": 2019}, [repealed.title]),
        ({"publishDate": {"from": "2024-01-01", "to": "2024-12-31"}}, [joint.title]),
        ({"writtenDate": {"to": "2019-12-31"}}, [repealed.title]),
        ({"hasServiceItems": True}, []),
        # An id that cannot exist matches nothing, as in every other list's filter.
        ({"topic": ["x"]}, []),
        ({"organization": ["国家"]}, []),
        ({"audience": []}, [seed.title, joint.title, repealed.title]),
    ]
    for filter_, expected in cases:
        result = graphql(LIST, {"filter": filter_})
        titles = [e["node"]["title"] for e in result["data"]["policies"]["edges"]]
        assert titles == expected, filter_


@pytest.mark.django_db
def test_total_count_counts_each_policy_once_across_to_many_filters(
    graphql, site_tree, bureau
):
    # Each policy is filed under two sub-topics of 就业创业 and issued jointly by two
    # organizations: the filters join one row per match, the count must not.
    parent = Topic.objects.get(slug="jiuye-chuangye")
    subsidies = Topic.objects.get(slug="jiuye-butie")
    startups = Topic.objects.get(slug="chuangye-fuchi")
    finance = Organization.objects.get(name="闵行区财政局")
    titles = []
    for number in range(5):
        policy = PolicyPageFactory(
            parent=site_tree.policies,
            title=f"就业创业政策{number}",
            written_date=datetime.date(2024, 12, 1),
            publish_date=datetime.date(2025, 1, 1 + number),
            issuers=[bureau, finance],
        )
        policy.topics.add(subsidies, startups)
        policy.save()
        titles.append(policy.title)
    other = PolicyPageFactory(
        parent=site_tree.policies,
        publish_date=datetime.date(2020, 1, 1),
        written_date=datetime.date(2020, 1, 1),
        issuers=[Organization.objects.exclude(pk__in=[bureau.pk, finance.pk]).first()],
    )
    other.topics.add(Topic.objects.get(slug="shiye"))
    other.save()
    newest_first = titles[::-1]
    cases = [
        ({"topic": [str(parent.pk)]}, 2, newest_first[:2]),
        ({"topic": [str(subsidies.pk), str(startups.pk)]}, 20, newest_first),
        ({"organization": [str(bureau.pk), str(finance.pk)]}, 3, newest_first[:3]),
        (
            {"topic": [str(parent.pk)], "organization": [str(finance.pk)]},
            20,
            newest_first,
        ),
    ]
    for filter_, first, expected in cases:
        result = graphql(LIST, {"filter": filter_, "first": first})
        found = result["data"]["policies"]
        assert found["totalCount"] == 5, filter_
        assert [e["node"]["title"] for e in found["edges"]] == expected, filter_
        assert found["pageInfo"]["hasNextPage"] is (first < 5), filter_
    unfiltered = graphql(LIST, {"first": 1})["data"]["policies"]
    assert unfiltered["totalCount"] == 6
    assert [e["node"]["title"] for e in unfiltered["edges"]] == [newest_first[0]]


@pytest.mark.django_db
def test_cursor_pagination(graphql, policies):
    first = graphql(LIST, {"first": 2})["data"]["policies"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = graphql(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    rest = rest["data"]["policies"]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert len(first["edges"]) + len(rest["edges"]) == 3


@pytest.mark.django_db
def test_page_by_path_and_id_and_superseded_links(graphql, policies):
    seed, _joint, repealed, hidden = policies
    query = """
    query ($path: String, $id: ID) {
      page(urlPath: $path, id: $id) {
        __typename title
        ... on PolicyPage { amends { title } supersededBy { title } }
      }
    }"""
    by_id = graphql(query, {"id": str(repealed.pk)})["data"]["page"]
    assert by_id == {
        "__typename": "PolicyPage",
        "title": repealed.title,
        "amends": [],
        "supersededBy": [{"title": seed.title}],
    }
    path_query = "query ($id: ID) { page(id: $id) { urlPath } }"
    path = graphql(path_query, {"id": str(seed.pk)})["data"]["page"]["urlPath"]
    assert graphql(query, {"path": path})["data"]["page"]["amends"] == [
        {"title": repealed.title}
    ]
    for page in hidden:
        assert graphql(query, {"id": str(page.pk)})["data"]["page"] is None
