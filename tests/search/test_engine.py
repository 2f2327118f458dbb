"""search_pages and suggest: facets, filters, order, windows, query counts, live
dictionary and synonym changes, did-you-mean."""

from __future__ import annotations

import datetime

import pytest

from cms.policies.models import ValidityOverride
from search.engine import FacetValue, SearchFilters, search_pages, suggest


@pytest.fixture
def world(make_policy, site_tree, bureau):
    from cms.taxonomy.models import Organization, Topic
    from tests.factories import InterpretationPageFactory
    from tests.factories.pages import OpenEventPageFactory

    employment, insurance = Topic.objects.filter(parent__isnull=True)[:2]
    labour = Organization.objects.get(name="劳动关系科")
    old = make_policy(
        title="关于调整失业保险金标准的通知（2023）",
        doc_number="闵人社发〔2023〕5号",
        written_date=datetime.date(2023, 3, 1),
        publish_date=datetime.date(2023, 3, 2),
        validity_override=ValidityOverride.REPEALED,
    )
    new = make_policy(
        title="关于调整失业保险金标准的通知",
        doc_number="闵人社发〔2025〕19号",
        issuers=[bureau, labour],
    )
    other = make_policy(
        title="关于做好失业人员就业服务的通知",
        summary="失业保险金领取期间的就业服务。",
    )
    old.topics.set([employment])
    new.topics.set([employment, insurance])
    old.save()
    new.save()
    interpretation = InterpretationPageFactory(
        parent=site_tree.interpretations,
        title="一图读懂失业保险金标准调整",
        summary="失业保险金标准调整要点。",
        publish_date=datetime.date(2025, 6, 20),
    )
    event = OpenEventPageFactory(
        parent=site_tree.events,
        title="走进社区就业服务站",
        summary="现场咨询失业保险金申领。",
    )
    return {
        "old": old,
        "new": new,
        "other": other,
        "interpretation": interpretation,
        "event": event,
        "employment": employment,
        "insurance": insurance,
        "labour": labour,
        "bureau": bureau,
    }


@pytest.mark.django_db
def test_facets_count_all_matches(world, site):
    outcome = search_pages(query="失业保险金", site=site)
    assert outcome.total == 5
    assert outcome.facets["contentType"] == [
        FacetValue("policy", "政策文件", 3),
        FacetValue("event", "政府开放活动", 1),
        FacetValue("interpretation", "政策解读", 1),
    ]
    employment, insurance = world["employment"], world["insurance"]
    assert outcome.facets["topic"] == sorted(
        [
            FacetValue(str(employment.pk), employment.name, 2),
            FacetValue(str(insurance.pk), insurance.name, 1),
        ],
        key=lambda f: (-f.count, f.value),
    )
    bureau, labour = world["bureau"], world["labour"]
    assert outcome.facets["organization"] == sorted(
        [
            FacetValue(str(bureau.pk), bureau.name, 3),
            FacetValue(str(labour.pk), labour.name, 1),
        ],
        key=lambda f: (-f.count, f.value),
    )
    # The factory's event was never published through Wagtail: it has no year.
    assert outcome.facets["year"] == [
        FacetValue("2025", "2025年", 3),
        FacetValue("2023", "2023年", 1),
    ]
    assert outcome.facets["validity"] == [
        FacetValue("valid", "有效", 2),
        FacetValue("repealed", "废止", 1),
    ]
    assert outcome.terms[:2] == ["失业保险金", "失业金"]
    assert outcome.did_you_mean is None
    assert outcome.doc_number_match is False


@pytest.mark.django_db
def test_filters_narrow_results_but_not_their_own_facet(world, site):
    outcome = search_pages(
        query="失业保险金",
        site=site,
        filters=SearchFilters(content_types=("policy",), validities=("valid",)),
    )
    assert {hit.page for hit in outcome.hits} == {world["new"], world["other"]}
    assert outcome.total == 2
    # Each facet counts as if its own filter were off.
    assert [f.value for f in outcome.facets["contentType"]] == ["policy"]
    assert outcome.facets["validity"] == [
        FacetValue("valid", "有效", 2),
        FacetValue("repealed", "废止", 1),
    ]

    by_topic = search_pages(
        query="失业保险金",
        site=site,
        filters=SearchFilters(topic_ids=(world["insurance"].pk,)),
    )
    assert [hit.page for hit in by_topic.hits] == [world["new"]]
    by_org = search_pages(
        query="失业保险金",
        site=site,
        filters=SearchFilters(organization_ids=(world["labour"].pk,)),
    )
    assert [hit.page for hit in by_org.hits] == [world["new"]]
    by_year = search_pages(
        query="失业保险金", site=site, filters=SearchFilters(years=(2023,))
    )
    assert [hit.page for hit in by_year.hits] == [world["old"]]
    events = search_pages(
        query="失业保险金", site=site, filters=SearchFilters(content_types=("event",))
    )
    assert [hit.page for hit in events.hits] == [world["event"]]


@pytest.mark.django_db
def test_titles_rank_above_bodies_and_date_order(world, site):
    relevance = search_pages(query="失业保险金标准", site=site)
    titles = [hit.page.title for hit in relevance.hits]
    assert set(titles[:3]) == {
        "关于调整失业保险金标准的通知（2023）",
        "关于调整失业保险金标准的通知",
        "一图读懂失业保险金标准调整",
    }
    scores = [hit.score for hit in relevance.hits]
    assert scores == sorted(scores, reverse=True)
    by_date = search_pages(query="失业保险金", site=site, order="date")
    assert [hit.page for hit in by_date.hits][-2:] == [world["old"], world["event"]]
    assert by_date.hits[0].page == world["interpretation"]  # 2025-06-20


@pytest.mark.django_db
def test_windows_and_specific_pages(world, site):
    everything = search_pages(query="失业保险金", site=site, limit=20)
    first = search_pages(query="失业保险金", site=site, offset=0, limit=2)
    second = search_pages(query="失业保险金", site=site, offset=2, limit=2)
    third = search_pages(query="失业保险金", site=site, offset=4, limit=2)
    assert [h.page for h in first.hits + second.hits + third.hits] == [
        h.page for h in everything.hits
    ]
    assert first.total == second.total == 5
    assert type(everything.hits[0].page).__name__ in {
        "PolicyPage",
        "InterpretationPage",
        "OpenEventPage",
    }


@pytest.mark.django_db
def test_doc_number_comes_first_even_with_other_words(world, site):
    outcome = search_pages(query="失业 闵人社发（2023）5号", site=site)
    assert outcome.doc_number_match
    assert outcome.hits[0].page == world["old"]
    assert outcome.total == 5


@pytest.mark.django_db
def test_query_count_is_flat(make_policy, site, django_assert_max_num_queries):
    for n in range(25):
        make_policy(title=f"关于做好第{n}批失业保险金发放工作的通知")
    search_pages(query="失业保险金", site=site)  # warm the dictionary
    with django_assert_max_num_queries(12):
        outcome = search_pages(query="失业金怎么领", site=site, limit=20)
    assert len(outcome.hits) == 20
    assert outcome.total == 25


@pytest.mark.django_db
def test_empty_and_pointless_queries(world, site):
    assert search_pages(query="", site=site).total == 0
    assert search_pages(query="   ", site=site).hits == []
    assert search_pages(query="？！。", site=site).total == 0
    assert search_pages(query='"OR" AND NOT (', site=site).total == 0


@pytest.mark.django_db
def test_a_new_dictionary_term_applies_on_the_next_query(make_policy, site):
    from search.models import DictionaryTerm
    from search.segmentation import segment

    make_policy(title="关于做好零工驿站建设工作的通知")
    search_pages(query="零工驿站", site=site)
    assert "零工驿站" not in segment("零工驿站建设")
    DictionaryTerm.objects.create(word="零工驿站")
    search_pages(query="零工驿站", site=site)  # checks the version, reloads
    assert "零工驿站" in segment("零工驿站建设")


@pytest.mark.django_db
def test_a_new_synonym_group_applies_on_the_next_query(make_policy, site):
    from search.models import SynonymGroup

    policy = make_policy(title="关于实施就业见习计划的通知", summary="")
    assert search_pages(query="实习", site=site).total == 0
    SynonymGroup.objects.create(terms="实习，见习")
    assert [hit.page for hit in search_pages(query="实习", site=site).hits] == [policy]


@pytest.mark.django_db
def test_did_you_mean_for_typos_and_pinyin(world, site):
    typo = search_pages(query="失业保鲜金", site=site)
    assert typo.did_you_mean == "失业保险金"
    assert typo.total == 5
    pinyin = search_pages(query="shiyebaoxian", site=site)
    assert pinyin.did_you_mean == "失业保险"
    assert pinyin.total >= 4
    assert search_pages(query="事业单位", site=site).did_you_mean is None


@pytest.mark.django_db
def test_suggest_chinese_and_pinyin(world, site):
    assert suggest(prefix="关于调整", site=site) == [
        "关于调整失业保险金标准的通知",
        "关于调整失业保险金标准的通知（2023）",
    ]
    chinese = suggest(prefix="失业", site=site, limit=5)
    assert chinese[:3] == ["失业金", "失业登记", "失业人员"] or "失业保险金" in chinese
    assert all("失业" in s for s in chinese)
    pinyin = suggest(prefix="shiyeb", site=site, limit=4)
    assert pinyin[0] == "失业保险"
    assert "失业保险金" in pinyin
    assert suggest(prefix="", site=site) == []


@pytest.mark.django_db
def test_year_filter_agrees_with_the_year_facet_for_every_kind_of_date(world, site):
    """A policy by its 发布日期, an interpretation by its own, any other page by the
    local (Asia/Shanghai) date it was first published: 2024-12-31 17:30 UTC is
    2025-01-01 in 闵行."""
    from wagtail.models import Page

    event = world["event"]
    Page.objects.filter(pk=event.pk).update(
        first_published_at=datetime.datetime(2024, 12, 31, 17, 30, tzinfo=datetime.UTC)
    )
    everything = search_pages(query="失业保险金", site=site)
    facet = {f.value: f.count for f in everything.facets["year"]}
    assert facet == {"2025": 4, "2023": 1}
    for year, count in facet.items():
        filtered = search_pages(
            query="失业保险金", site=site, filters=SearchFilters(years=(int(year),))
        )
        assert filtered.total == count
    in_2025 = search_pages(
        query="失业保险金", site=site, filters=SearchFilters(years=(2025,))
    )
    assert event.pk in {hit.page.pk for hit in in_2025.hits}
    assert world["interpretation"].pk in {hit.page.pk for hit in in_2025.hits}
    in_2024 = search_pages(
        query="失业保险金", site=site, filters=SearchFilters(years=(2024,))
    )
    assert in_2024.total == 0
    # Years no page can have match nothing instead of failing.
    for year in (0, -5, 9999, 100000):
        assert (
            search_pages(
                query="失业保险金", site=site, filters=SearchFilters(years=(year,))
            ).total
            == 0
        )


@pytest.mark.django_db
def test_a_total_at_the_match_cap_is_reported_as_a_lower_bound(
    make_policy, site, monkeypatch
):
    for n in range(3):
        make_policy(title=f"关于发放第{n}批创业补贴的通知")
    exact = search_pages(query="创业补贴", site=site)
    assert exact.total >= 3
    assert exact.total_is_lower_bound is False

    monkeypatch.setattr("search.matchers.MAX_CANDIDATES", exact.total - 1)
    capped = search_pages(query="创业补贴", site=site)
    assert capped.total == exact.total - 1
    assert capped.total_is_lower_bound is True
