"""Only live, public (主动公开) content of the requested site ever leaves the API.

Drafts, 依申请公开 and 不予公开 policies, view-restricted pages and the pages of
another site are put next to public ones and linked from them every way the model
allows; then every entry point is asked for them.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

import pytest
from wagtail.models import Page

from cms.policies.models import Disclosure, PolicyRelation, ValidityOverride
from tests.api.builders import other_site, restrict
from tests.factories import InterpretationPageFactory, PolicyPageFactory
from tests.factories.pages import IntegratedReleasePageFactory, OpenEventPageFactory

OTHER_HOST = "b.example.gov.cn"


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OTHER_HOST]
    settings.GRAPHQL_RESPONSE_CACHE_TIMEOUT = 0


@dataclass
class World:
    public: dict[str, Page]
    hidden: dict[str, Page]


def _policy(parent, slug: str, **kwargs):
    kwargs.setdefault("title", slug)
    return PolicyPageFactory(parent=parent, slug=slug, **kwargs)


@pytest.fixture
def world(site_tree) -> World:
    policies = site_tree.policies
    other = other_site(OTHER_HOST)
    valid = _policy(policies, "youxiao", title="有效的政策")
    expired = _policy(
        policies,
        "shixiao",
        title="已失效的政策",
        expiry_date=datetime.date(2024, 1, 1),
        written_date=datetime.date(2020, 1, 1),
        publish_date=datetime.date(2020, 1, 2),
    )
    repealed = _policy(
        policies,
        "feizhi",
        title="已废止的政策",
        validity_override=ValidityOverride.REPEALED,
        written_date=datetime.date(2025, 6, 1),
        publish_date=datetime.date(2025, 6, 16),
    )
    amended = _policy(
        policies,
        "xiuding",
        title="已修订的政策",
        validity_override=ValidityOverride.AMENDED,
        written_date=datetime.date(2025, 6, 1),
        publish_date=datetime.date(2025, 6, 15),
    )
    draft = _policy(policies, "caogao", title="草稿政策", live=False)
    on_application = _policy(
        policies,
        "yishenqing",
        title="依申请公开的政策",
        disclosure=Disclosure.ON_APPLICATION,
        disclosure_basis="条例第十六条",
    )
    not_public = _policy(
        policies,
        "buyugongkai",
        title="不予公开的政策",
        disclosure=Disclosure.NOT_PUBLIC,
        disclosure_basis="条例第十四条",
    )
    private = _policy(policies, "shouxian", title="设有访问限制的政策")
    restrict(private)
    elsewhere = _policy(other.policies, "biechu", title="另一站点的政策")

    hidden_policies = [draft, on_application, not_public, private, elsewhere]
    for target in [expired, *hidden_policies]:
        PolicyRelation.objects.create(page=valid, target=target)
    for source in hidden_policies:
        PolicyRelation.objects.create(page=source, target=valid)

    interpretations = site_tree.interpretations
    interpretation = InterpretationPageFactory(
        parent=interpretations,
        slug="jiedu",
        title="公开的解读",
        policies=[valid, *hidden_policies],
    )
    draft_interpretation = InterpretationPageFactory(
        parent=interpretations, slug="caogao-jiedu", live=False, policies=[valid]
    )
    private_interpretation = InterpretationPageFactory(
        parent=interpretations, slug="shouxian-jiedu", policies=[valid]
    )
    restrict(private_interpretation)
    elsewhere_interpretation = InterpretationPageFactory(
        parent=other.interpretations, slug="biechu-jiedu", policies=[valid, elsewhere]
    )

    referenced = [valid, *hidden_policies]
    interpretation_refs = [
        interpretation,
        draft_interpretation,
        private_interpretation,
        elsewhere_interpretation,
    ]
    release = IntegratedReleasePageFactory(
        parent=site_tree.releases,
        slug="fabu",
        body=[_section(referenced, interpretation_refs)],
    )
    links = "".join(
        f'<a linktype="page" id="{page.pk}">链接{n}</a>'
        for n, page in enumerate([*referenced, *interpretation_refs])
    )
    valid.body = [{"type": "paragraph", "value": f"<p>参见{links}</p>"}]
    valid.save()
    draft_release = IntegratedReleasePageFactory(
        parent=site_tree.releases, slug="caogao-fabu", live=False
    )
    private_release = IntegratedReleasePageFactory(
        parent=site_tree.releases, slug="shouxian-fabu"
    )
    restrict(private_release)

    event = OpenEventPageFactory(parent=site_tree.events, slug="huodong")
    draft_event = OpenEventPageFactory(
        parent=site_tree.events, slug="caogao-huodong", live=False
    )
    private_event = OpenEventPageFactory(
        parent=site_tree.events, slug="shouxian-huodong"
    )
    restrict(private_event)

    return World(
        public={
            "valid": valid,
            "expired": expired,
            "repealed": repealed,
            "amended": amended,
            "interpretation": interpretation,
            "release": release,
            "event": event,
        },
        hidden={
            "draft": draft,
            "on_application": on_application,
            "not_public": not_public,
            "private": private,
            "elsewhere": elsewhere,
            "draft_interpretation": draft_interpretation,
            "private_interpretation": private_interpretation,
            "elsewhere_interpretation": elsewhere_interpretation,
            "draft_release": draft_release,
            "private_release": private_release,
            "draft_event": draft_event,
            "private_event": private_event,
            "other_home": other.home,
        },
    )


def _section(policies: list[Page], interpretations: list[Page]) -> dict:
    items = [
        {"type": "policy", "value": {"policy": page.pk, "note": ""}}
        for page in policies
    ] + [
        {"type": "interpretation", "value": {"interpretation": page.pk}}
        for page in interpretations
    ]
    return {
        "type": "section",
        "value": {"title": "政策文件", "intro": "", "items": items},
    }


def _site_path(page: Page) -> str:
    """The path within its site, as page(urlPath:) takes it."""
    home_depth_path = page.url_path.split("/")[2:]
    return "/" + "/".join(home_depth_path)


PAGE = """
query ($id: ID, $path: String, $site: String) {
  page(id: $id, urlPath: $path, site: $site) { __typename title }
}
"""


@pytest.mark.django_db
def test_page_by_id_or_path_never_returns_hidden_pages(graphql, world):
    for name, page in world.hidden.items():
        by_id = graphql(PAGE, {"id": str(page.pk)})
        assert by_id == {"data": {"page": None}}, name
        if name == "other_home":
            continue  # its path, "/", is this site's home page
        by_path = graphql(PAGE, {"path": _site_path(page)})
        assert by_path == {"data": {"page": None}}, name
    for name, page in world.public.items():
        found = graphql(PAGE, {"path": _site_path(page)})["data"]["page"]
        assert found["title"] == page.title, name
    # Each hidden page of the other site is there when that site is asked for.
    elsewhere = world.hidden["elsewhere"]
    for variables in (
        {"id": str(elsewhere.pk), "site": OTHER_HOST},
        {"path": "/zhengce/biechu/", "site": OTHER_HOST},
    ):
        assert graphql(PAGE, variables)["data"]["page"]["title"] == "另一站点的政策"
    assert graphql(PAGE, {"id": str(world.public["valid"].pk), "site": OTHER_HOST}) == {
        "data": {"page": None}
    }


LISTS = """
{
  policies(first: 100) { totalCount edges { node { title validity } } }
  interpretations(first: 100) { totalCount edges { node { title } } }
  releases(first: 100) { totalCount edges { node { slug: urlPath } } }
  events(first: 100) { totalCount edges { node { slug: urlPath } } }
}
"""


@pytest.mark.django_db
def test_lists_hold_public_content_of_the_site_only(graphql, world):
    result = graphql(LISTS)
    assert result == {
        "data": {
            "policies": {
                "totalCount": 4,
                "edges": [
                    # Expired, repealed and amended policies stay, marked.
                    {"node": {"title": "有效的政策", "validity": "VALID"}},
                    {"node": {"title": "已废止的政策", "validity": "REPEALED"}},
                    {"node": {"title": "已修订的政策", "validity": "AMENDED"}},
                    {"node": {"title": "已失效的政策", "validity": "EXPIRED"}},
                ],
            },
            "interpretations": {
                "totalCount": 1,
                "edges": [{"node": {"title": "公开的解读"}}],
            },
            "releases": {
                "totalCount": 1,
                "edges": [{"node": {"slug": "/jicheng/fabu/"}}],
            },
            "events": {
                "totalCount": 1,
                "edges": [{"node": {"slug": "/kaifang/huodong/"}}],
            },
        }
    }
    other = graphql(LISTS, HTTP_HOST=OTHER_HOST)["data"]
    assert other["policies"]["edges"] == [
        {"node": {"title": "另一站点的政策", "validity": "VALID"}}
    ]
    assert [e["node"]["title"] for e in other["interpretations"]["edges"]] == [
        world.hidden["elsewhere_interpretation"].title
    ]
    assert other["releases"]["totalCount"] == other["events"]["totalCount"] == 0


@pytest.mark.django_db
def test_each_root_field_scopes_its_nested_fields_to_its_own_site(graphql, world):
    query = """
    query ($id: ID, $site: String) {
      other: page(id: $id, site: $site) { title }
      policies(first: 100) { edges { node { title interpretations { title } } } }
      page(id: $id) { title }
    }"""
    variables = {"id": str(world.hidden["elsewhere"].pk), "site": OTHER_HOST}
    result = graphql(query, variables)["data"]
    assert result["other"] == {"title": "另一站点的政策"}
    assert result["policies"]["edges"][0]["node"] == {
        "title": "有效的政策",
        "interpretations": [{"title": "公开的解读"}],
    }
    assert result["page"] is None


@pytest.mark.django_db
def test_filters_never_find_hidden_content(graphql, world):
    policies = """
    query ($filter: PolicyFilter) { policies(filter: $filter) { totalCount } }"""
    for name in ("draft", "on_application", "not_public", "private", "elsewhere"):
        page = world.hidden[name]
        result = graphql(policies, {"filter": {"docNumber": page.doc_number}})
        assert result == {"data": {"policies": {"totalCount": 0}}}, name
    interpretations = """
    query ($filter: InterpretationFilter) {
      interpretations(filter: $filter) { totalCount }
    }"""
    for name in ("draft", "on_application", "not_public", "private", "elsewhere"):
        filter_ = {"policy": [str(world.hidden[name].pk)]}
        result = graphql(interpretations, {"filter": filter_})
        assert result == {"data": {"interpretations": {"totalCount": 0}}}, name
    expired = graphql(policies, {"filter": {"validity": ["EXPIRED", "REPEALED"]}})
    assert expired == {"data": {"policies": {"totalCount": 2}}}


LINKS = """
fragment links on PolicyPage {
  title
  amends { title }
  supersededBy { title }
  supersededHow
  interpretations { title policies { title } }
}
query ($id: ID) {
  page(id: $id) { ...links }
  policies(first: 100) { edges { node { ...links } } }
  interpretations(first: 100) { edges { node { title policies { title } } } }
}
"""


@pytest.mark.django_db
def test_links_between_pages_skip_hidden_pages_single_and_in_lists(graphql, world):
    result = graphql(LINKS, {"id": str(world.public["valid"].pk)})["data"]
    valid = {
        "title": "有效的政策",
        "amends": [{"title": "已失效的政策"}],
        "supersededBy": [],
        "supersededHow": [],
        "interpretations": [
            {"title": "公开的解读", "policies": [{"title": "有效的政策"}]}
        ],
    }
    # page(id:) resolves links one page at a time, lists prefetch them: both agree.
    assert result["page"] == valid
    assert result["policies"]["edges"][0]["node"] == valid
    expired = result["policies"]["edges"][3]["node"]
    assert expired["supersededBy"] == [{"title": "有效的政策"}]
    assert expired["supersededHow"] == ["AMENDS"]
    assert result["interpretations"]["edges"] == [
        {"node": {"title": "公开的解读", "policies": [{"title": "有效的政策"}]}}
    ]


TREE = """
query ($id: ID, $site: String) {
  page(id: $id, site: $site) {
    title
    parent { title }
    breadcrumbs { title urlPath }
    children(first: 100) { title }
  }
}
"""


@pytest.mark.django_db
def test_tree_fields_skip_hidden_pages(graphql, world, site_tree):
    index = graphql(TREE, {"id": str(site_tree.policies.pk)})["data"]["page"]
    assert index == {
        "title": "政策文件库",
        "parent": {"title": "闵行区人力资源和社会保障局政务公开"},
        "breadcrumbs": [
            {"title": "闵行区人力资源和社会保障局政务公开", "urlPath": "/"},
            {"title": "政策文件库", "urlPath": "/zhengce/"},
        ],
        # In tree order, which is the order they were added.
        "children": [
            {"title": "有效的政策"},
            {"title": "已失效的政策"},
            {"title": "已废止的政策"},
            {"title": "已修订的政策"},
        ],
    }
    for section in (site_tree.interpretations, site_tree.releases, site_tree.events):
        children = graphql(TREE, {"id": str(section.pk)})["data"]["page"]["children"]
        assert len(children) == 1, section.title
    home = graphql(TREE, {"id": str(site_tree.home.pk)})["data"]["page"]
    # The tree root above the home page belongs to no site.
    assert home["parent"] is None
    assert [child["title"] for child in home["children"]] == [
        "政策文件库",
        "政策解读",
        "集成式发布",
        "政府开放",
        "公众参与",
        "网上咨询",
    ]
    other_home = world.hidden["other_home"]
    other = graphql(TREE, {"id": str(other_home.pk), "site": OTHER_HOST})
    assert other["data"]["page"]["parent"] is None
    assert other["data"]["page"]["breadcrumbs"] == [
        {"title": "另一站点首页", "urlPath": "/"}
    ]


@pytest.mark.django_db
def test_a_restricted_section_hides_everything_below_it(graphql, world, site_tree):
    restrict(site_tree.releases)
    result = graphql(
        """query ($id: ID) {
          page(id: $id) { children { title } }
          releases { totalCount }
        }""",
        {"id": str(site_tree.home.pk)},
    )
    assert result == {
        "data": {
            "page": {
                "children": [
                    {"title": "政策文件库"},
                    {"title": "政策解读"},
                    {"title": "政府开放"},
                    {"title": "公众参与"},
                    {"title": "网上咨询"},
                ]
            },
            "releases": {"totalCount": 0},
        }
    }
    release = world.public["release"]
    assert graphql(PAGE, {"id": str(release.pk)}) == {"data": {"page": None}}


EVERYTHING = """
fragment section on ReleaseSectionBlock {
  items {
    __typename
    ... on PolicyReferenceBlock { policy { title urlPath } }
    ... on InterpretationReferenceBlock { interpretation { title urlPath } }
  }
}
fragment page on Page { title urlPath url breadcrumbs { title } children { title } }
query ($id: ID, $release: ID) {
  policy: page(id: $id) {
    ...page
    ... on PolicyPage {
      body { ... on ParagraphBlock { value } }
      text: body(channel: TEXT) { ... on ParagraphBlock { value } }
      mini: body(channel: MINIPROGRAM) { ... on ParagraphBlock { value } }
      amends { ...page } supersededBy { ...page }
      interpretations { ...page policies { ...page } }
    }
  }
  release: page(id: $release) {
    ... on IntegratedReleasePage { body { ...section } }
  }
  policies(first: 100) { edges { node { ...page } } }
  interpretations(first: 100) { edges { node { ...page policies { ...page } } } }
  releases(first: 100) { edges { node { ...page body { ...section } } } }
  events(first: 100) { edges { node { ...page } } }
  redirects(first: 100) { edges { node { page { ...page } } } }
}
"""


@pytest.mark.django_db
def test_no_hidden_page_appears_anywhere_in_a_query_of_everything(graphql, world):
    result = graphql(
        EVERYTHING,
        {
            "id": str(world.public["valid"].pk),
            "release": str(world.public["release"].pk),
        },
    )
    assert "errors" not in result, result["errors"]
    text = json.dumps(result, ensure_ascii=False)
    for name, page in world.hidden.items():
        assert page.title not in text, name
        assert f"/{page.slug}/" not in text, name
    # The public references and links are there, so the check above means something.
    (paragraph,) = result["data"]["policy"]["body"]
    assert '<a href="/zhengce/youxiao/">链接0</a>链接1' in paragraph["value"]
    assert world.public["interpretation"].title in text
    release_items = result["data"]["release"]["body"][0]["items"]
    assert [
        item.get("policy") or item.get("interpretation") for item in release_items
    ] == [
        {"title": "有效的政策", "urlPath": "/zhengce/youxiao/"},
        None,
        None,
        None,
        None,
        None,
        {"title": "公开的解读", "urlPath": "/jiedu/jiedu/"},
        None,
        None,
        None,
    ]
