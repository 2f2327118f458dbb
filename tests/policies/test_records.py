"""Policy records: 发文字号 normalization, 索引号 generation, 有效性 derivation."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.policies.doc_numbers import find_doc_numbers, normalize_doc_number
from cms.policies.models import (
    PolicyIssuer,
    PolicyPage,
    Validity,
    ValidityOverride,
    derive_validity,
)
from cms.taxonomy.models import Organization
from tests.factories import PolicyPageFactory

TODAY = datetime.date(2026, 11, 28)


@pytest.mark.parametrize(
    "typed",
    [
        "闵人社发〔2025〕19号",
        "闵人社发[2025]19号",
        "闵人社发(2025)19号",
        "闵人社发（2025）19号",
        "闵人社发［2025］19号",
        "闵人社发【2025】19号",
        "闵人社发 2025 19号",
        "闵人社发 〔 2025 〕 19 号",
        "闵人社发［２０２５］１９号",
        "闵人社发〔2025〕019号",
        "闵人社发〔2025〕第19号",
    ],
)
def test_doc_number_variants_compare_equal(typed):
    assert normalize_doc_number(typed) == "闵人社发〔2025〕19号"


def test_doc_numbers_of_different_documents_stay_different():
    forms = {
        normalize_doc_number(n)
        for n in [
            "闵人社发〔2025〕19号",
            "闵人社发〔2025〕1号",
            "闵人社发〔2024〕19号",
            "沪人社规〔2025〕19号",
        ]
    }
    assert len(forms) == 4


def test_unstructured_doc_numbers_are_only_cleaned():
    assert normalize_doc_number(" 国务院令 第 710 号 ") == "国务院令第710号"
    assert normalize_doc_number("") == ""
    assert normalize_doc_number(None) == ""


def test_doc_number_found_inside_a_sentence():
    found = find_doc_numbers("请问沪人社规[2023]12号和闵人社发（2025）19号还有效吗")
    assert len(found) == 2
    assert found[0].endswith("沪人社规〔2023〕12号")
    assert found[1] == "和闵人社发〔2025〕19号"
    assert find_doc_numbers("失业金怎么领") == []


@pytest.mark.parametrize(
    ("override", "expiry", "expected"),
    [
        ("", None, Validity.VALID),
        ("", datetime.date(2027, 1, 1), Validity.VALID),
        ("", TODAY, Validity.EXPIRED),
        ("", datetime.date(2025, 12, 31), Validity.EXPIRED),
        (ValidityOverride.REPEALED, None, Validity.REPEALED),
        (ValidityOverride.AMENDED, datetime.date(2030, 1, 1), Validity.AMENDED),
        (ValidityOverride.REPEALED, datetime.date(2020, 1, 1), Validity.REPEALED),
        (ValidityOverride.EXPIRED, None, Validity.EXPIRED),
    ],
)
def test_validity_is_derived_from_dates_unless_explicit(override, expiry, expected):
    assert (
        derive_validity(override=override, expiry_date=expiry, today=TODAY) == expected
    )


@pytest.mark.django_db
class TestIndexNumbers:
    def test_generated_from_lead_issuer_credit_code_year_and_serial(
        self, site_tree, bureau
    ):
        finance = Organization.objects.get(name="闵行区财政局")
        first = PolicyPageFactory.build(doc_number="闵人社发〔2025〕19号")
        first.publish_date = datetime.date(2025, 6, 17)
        first.issuers = [
            PolicyIssuer(organization=bureau, sort_order=0),
            PolicyIssuer(organization=finance, sort_order=1),
        ]
        site_tree.policies.add_child(instance=first)
        assert first.index_number == f"{bureau.credit_code}/2025-00001"

        led_by_finance = PolicyPageFactory.build(doc_number="闵财社〔2025〕3号")
        led_by_finance.issuers = [
            PolicyIssuer(organization=finance, sort_order=0),
            PolicyIssuer(organization=bureau, sort_order=1),
        ]
        site_tree.policies.add_child(instance=led_by_finance)
        assert led_by_finance.index_number == f"{finance.credit_code}/2025-00001"

        second = PolicyPageFactory.build(doc_number="闵人社发〔2025〕20号")
        second.issuers = [PolicyIssuer(organization=bureau, sort_order=0)]
        site_tree.policies.add_child(instance=second)
        assert second.index_number == f"{bureau.credit_code}/2025-00002"

    def test_department_without_code_uses_its_parent_bureau(self, site_tree, bureau):
        office = Organization.objects.get(name="办公室")

        page = PolicyPageFactory.build()
        page.issuers = [PolicyIssuer(organization=office, sort_order=0)]
        site_tree.policies.add_child(instance=page)
        assert page.index_number.startswith(bureau.credit_code + "/2025-")

    def test_index_number_is_unique_and_kept_on_edit(self, site_tree, bureau):
        policy = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
        original = policy.index_number
        policy.title = "修改后的标题"
        policy.save()
        assert PolicyPage.objects.get(pk=policy.pk).index_number == original

        other = PolicyPageFactory(parent=site_tree.policies, issuers=[bureau])
        other.index_number = original
        with pytest.raises(ValidationError):
            other.full_clean()

    def test_a_taken_serial_is_skipped(self, site_tree, bureau, settings):
        settings.CMS_DEFAULT_CREDIT_CODE = bureau.credit_code
        PolicyPageFactory(
            parent=site_tree.policies, index_number=f"{bureau.credit_code}/2025-00007"
        )
        page = PolicyPageFactory(parent=site_tree.policies)
        assert page.index_number == f"{bureau.credit_code}/2025-00008"

    def test_copy_gets_a_new_index_number(self, site_tree, bureau):
        policy = PolicyPageFactory(
            parent=site_tree.policies, issuers=[bureau], doc_number=""
        )
        copy = policy.copy(update_attrs={"slug": "copy-of-policy", "title": "副本"})
        assert copy.index_number and copy.index_number != policy.index_number


@pytest.mark.django_db
class TestPolicyValidation:
    def test_duplicate_doc_number_in_another_bracket_style_is_refused(self, site_tree):
        PolicyPageFactory(parent=site_tree.policies, doc_number="闵人社发〔2025〕19号")
        clash = PolicyPageFactory.build(doc_number="闵人社发[2025]19号")
        with pytest.raises(ValidationError) as error:
            clash.clean()
        assert error.value.message_dict["doc_number"][0].startswith(
            "发文字号与已有政策《"
        )

    def test_not_public_needs_legal_basis(self, site_tree):
        page = PolicyPageFactory.build(disclosure="on_application", disclosure_basis="")
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "disclosure_basis" in error.value.message_dict

    def test_dates_must_be_in_order(self, site_tree):
        page = PolicyPageFactory.build(
            written_date=datetime.date(2025, 6, 17),
            publish_date=datetime.date(2025, 6, 1),
            effective_date=datetime.date(2025, 7, 1),
            expiry_date=datetime.date(2025, 7, 1),
        )
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert set(error.value.message_dict) == {"publish_date", "expiry_date"}

    def test_normalized_doc_number_is_stored(self, site_tree):
        page = PolicyPageFactory(
            parent=site_tree.policies, doc_number="闵人社发 [2025] 19 号"
        )
        assert (
            PolicyPage.objects.get(pk=page.pk).doc_number_normalized
            == "闵人社发〔2025〕19号"
        )
        assert page.doc_number == "闵人社发 [2025] 19 号"
