"""Segmentation, the bureau dictionary, query plans, pinyin and typo correction."""

from __future__ import annotations

import jieba
import pytest

from search.query import plan_query
from search.segmentation import bureau_terms, index_words, refresh, segment
from search.spelling import correct, pinyin_terms


def test_the_bureau_dictionary_is_shipped_and_big_enough():
    terms = bureau_terms()
    assert len(terms) >= 150
    for word in (
        "灵活就业",
        "失业保险金",
        "稳岗返还",
        "一次性吸纳就业补贴",
        "创业担保贷款",
        "职业技能提升补贴",
        "征地养老",
        "劳动人事争议仲裁",
    ):
        assert word in terms


@pytest.mark.django_db
def test_bureau_words_stay_whole():
    refresh()
    assert segment("申请一次性吸纳就业补贴和创业担保贷款") == [
        "申请",
        "一次性吸纳就业补贴",
        "和",
        "创业担保贷款",
    ]
    assert segment("劳动人事争议仲裁怎么申请") == ["劳动人事争议仲裁", "怎么", "申请"]


@pytest.mark.django_db
def test_index_words_hold_the_parts_of_long_words():
    refresh()
    words = index_words("领取失业保险金。")
    assert words == ["领取", "失业", "保险", "保险金", "失业保险", "失业保险金"]


@pytest.mark.django_db
def test_editors_terms_use_a_private_tokenizer():
    from search.models import DictionaryTerm

    DictionaryTerm.objects.create(word="零工驿站")
    vocab = refresh()
    assert "零工驿站" in segment("建设零工驿站")
    assert vocab.tokenizer is not jieba.dt
    assert "零工驿站" not in jieba.dt.FREQ


@pytest.mark.django_db
def test_dictionary_version_follows_every_change():
    from search.dictionary import dictionary_version
    from search.models import DictionaryTerm, SynonymGroup

    first = dictionary_version()
    term = DictionaryTerm.objects.create(word="零工驿站")
    second = dictionary_version()
    term.delete()
    third = dictionary_version()
    SynonymGroup.objects.create(terms="实习，见习")
    fourth = dictionary_version()
    # Back to the same words is the same version; any other change is a new one.
    assert first == third
    assert len({first, second, fourth}) == 3
    group = SynonymGroup.objects.first()
    group.is_active = False
    group.save()  # as the admin does
    assert dictionary_version() != fourth


@pytest.mark.django_db
def test_plan_for_a_colloquial_question():
    plan = plan_query("失业金怎么领？")
    assert plan.groups == [("失业金", "失业保险金", "失业保险待遇")]
    assert plan.doc_numbers == []
    assert plan.terms == ["失业金", "失业保险金", "失业保险待遇"]


@pytest.mark.django_db
def test_plan_for_a_doc_number_with_words_around_it():
    plan = plan_query("请问闵人社发（2025）19号 稳岗补贴")
    assert plan.doc_numbers == ["请问闵人社发〔2025〕19号"]
    assert plan.groups[0][:2] == ("稳岗补贴", "稳岗返还")
    assert plan.phrases and "2025" in plan.phrases[0]


@pytest.mark.django_db
def test_housing_fund_has_no_social_insurance_synonym():
    plan = plan_query("公积金")
    assert all("社保" not in word and "社会保险" not in word for word in plan.terms)


@pytest.mark.django_db
def test_pinyin_full_and_initials():
    refresh()
    assert pinyin_terms("shiyebaoxian") == ["失业保险"]
    assert "失业保险" in pinyin_terms("sybx")
    assert pinyin_terms("chuangyedanbaodaikuan") == ["创业担保贷款"]
    assert pinyin_terms("qwxyz") == []


@pytest.mark.django_db
def test_typo_correction():
    refresh()
    assert correct("失业保鲜金") == "失业保险金"  # homophone
    assert correct("创业担保货款") == "创业担保贷款"  # one slipped character
    assert correct("稳岗反还怎么申请") == "稳岗返还怎么申请"
    assert correct("事业单位公开招聘") is None  # 事业 is a word, not a typo of 失业
    assert correct("失业保险金") is None


@pytest.mark.django_db
def test_loaded_dictionaries_are_kept_out_of_garbage_collections():
    """pypinyin's phrase dictionary alone is ~200,000 tracked lists; with jieba and
    the rest, a full collection paused some request for ~130 ms. Loading a
    vocabulary freezes what is loaded out of the collector."""
    import gc

    from pypinyin.constants import PHRASES_DICT

    refresh(force=True)
    phrase_readings = next(iter(PHRASES_DICT.values()))
    assert gc.is_tracked(phrase_readings)
    collected = {
        id(obj) for generation in range(3) for obj in gc.get_objects(generation)
    }
    assert id(phrase_readings) not in collected  # in the permanent generation
    assert gc.get_freeze_count() > len(PHRASES_DICT)
