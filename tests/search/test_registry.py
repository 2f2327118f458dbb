"""The search registry is the one list of what the public search can find: every
page type and every record type has a search key, a label and its GraphQL form."""

from __future__ import annotations

import pytest
from modelsearch.index import class_is_indexed
from wagtail.models import Page, get_page_models

from api.search.types import RECORD_TYPES, SearchContentType
from search import registry
from search.registry import RegistrationError, SearchType


def test_every_page_type_is_registered_with_a_search_key():
    missing = [
        model._meta.label
        for model in get_page_models()
        if registry.registered_type(model) is None
    ]
    assert missing == [], (
        "page types without a search key: declare each in its AppConfig's "
        "search_types() (a SearchType, or other_page(model)); a site section's "
        "index page is registered from its site_section"
    )


def test_every_registered_type_has_a_key_label_and_graphql_enum_value():
    keys = registry.search_keys()
    assert keys[-1] == "page"
    assert {member.value for member in SearchContentType} == set(keys)
    for search_type in registry.search_types():
        assert search_type.key in keys
        assert SearchContentType(search_type.key).name == search_type.key.upper()
        assert str(search_type.label).strip()
        assert registry.label(search_type.key) == str(search_type.label)


def test_every_record_type_is_indexed_public_only_and_has_a_graphql_type():
    records = registry.record_types()
    assert [t.key for t in records] == [
        "question",
        "policy_list_item",
        "credit_decision",
        "benefit_standard",
        "fiscal_disclosure",
    ]
    for search_type in records:
        model = search_type.model
        assert class_is_indexed(model)
        assert model.search_auto_update is False  # search.signals, after the commit
        assert model in RECORD_TYPES, f"{model.__name__} needs a SearchRecord member"
        assert search_type.public is not None
        assert search_type.urls is not None
        assert search_type.text is not None
        # One record model per key: the key names the model in filters and facets.
        assert registry.types_for_key(search_type.key) == [search_type]


@pytest.mark.django_db
def test_the_declared_public_queryset_is_a_queryset_of_the_model():
    for search_type in registry.record_types():
        queryset = search_type.public_queryset(None)
        assert queryset.model is search_type.model


def test_page_paths_reach_each_page_types_table():
    from cms.policies.models import PolicyPage

    assert registry.page_path(Page) == ""
    assert registry.page_path(PolicyPage) == "policypage"
    policy = registry.registered_type(PolicyPage)
    assert registry.prefixed(policy, "publish_date") == "policypage__publish_date"
    # Fields of Page itself are reached directly.
    assert registry.prefixed(policy, "first_published_at") == "first_published_at"


def test_registration_rules():
    from search.models import DictionaryTerm as _Unregistered

    with pytest.raises(RegistrationError, match="public queryset"):
        registry.register(SearchType(key="thing", label="东西", model=_Unregistered))
    with pytest.raises(RegistrationError, match="lower-case"):
        registry.register(
            SearchType(key="Thing", label="东西", model=_Unregistered, public=list)
        )
    with pytest.raises(RegistrationError, match="search_auto_update"):
        registry.register(
            SearchType(key="thing", label="东西", model=_Unregistered, public=list)
        )
    from cms.questions.models import Question

    with pytest.raises(RegistrationError, match="one record model per key"):
        registry.register(
            SearchType(key="question", label="网上咨询", model=Question, public=list)
        )
    with pytest.raises(RegistrationError, match="twice"):
        registry.register(
            SearchType(key="asked", label="咨询", model=Question, public=list)
        )
    from cms.home.models import HomePage

    with pytest.raises(RegistrationError, match="public_pages"):
        registry.register(
            SearchType(key="page", label="其他页面", model=HomePage, public=list)
        )
    with pytest.raises(RegistrationError, match="another label"):
        registry.register(SearchType(key="policy", label="其他", model=Page))
    assert registry.registered_type(_Unregistered) is None
