"""The annual report (政府信息公开工作年度报告) from a generated set of applications."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.disclosure.annual_report import annual_report, result_keys, review_figures
from cms.disclosure.annual_report_layout import applications_table, report_tables
from cms.disclosure.models import DisclosureApplication, Status
from cms.disclosure.report_models import AnnualReportRecord

pytestmark = pytest.mark.django_db

D = datetime.date
_serial = itertools.count(1)

NATURAL = "natural_person"
COMMERCIAL = "commercial_enterprise"
RESEARCH = "research_institution"
WELFARE = "social_welfare_organization"
LEGAL = "legal_service_organization"
OTHER_ORG = "other_organization"


def application(
    applicant_type: str,
    received: D,
    replied: D | None = None,
    reply: str = "",
) -> DisclosureApplication:
    """One application as the office's records hold it; reply is 'type' or 'type:reason'."""
    n = next(_serial)
    reply_type, _, reason = reply.partition(":")
    return DisclosureApplication.objects.create(
        tracking_number=f"YSQ-T-{n:06d}",
        query_code_salt=f"salt-{n}",
        idempotency_key=f"report-{n}",
        applicant_type=applicant_type,
        name="测试申请人",
        id_type="resident_id",
        id_number="11010519491231002X",
        phone="13812345678",
        description="测试",
        delivery_method="email",
        received_at=timezone.make_aware(
            datetime.datetime.combine(received, datetime.time(9))
        ),
        received_date=received,
        status=Status.REPLIED if replied else Status.ACCEPTED,
        reply_type=reply_type,
        reply_reason=reason,
        replied_on=replied,
    )


@pytest.fixture
def applications():
    # Received in 2024.
    application(NATURAL, D(2024, 11, 1), D(2024, 12, 1), "disclose")  # done in 2024
    application(NATURAL, D(2024, 12, 20), D(2025, 1, 10), "disclose")
    application(COMMERCIAL, D(2024, 12, 25), D(2025, 2, 5), "withhold:third_party")
    application(LEGAL, D(2024, 12, 30), D(2026, 1, 5), "disclose")  # over two years
    # Received in 2025.
    application(NATURAL, D(2025, 3, 3), D(2025, 3, 20), "disclose")
    application(NATURAL, D(2025, 4, 1), D(2025, 4, 25), "partial")
    application(NATURAL, D(2025, 5, 6), D(2025, 5, 30), "unable:not_held")
    application(RESEARCH, D(2025, 6, 3), D(2025, 6, 10), "not_processed:duplicate")
    application(WELFARE, D(2025, 7, 1), D(2025, 7, 25), "other:no_correction")
    application(
        OTHER_ORG, D(2025, 8, 4), D(2025, 8, 29), "withhold:process_information"
    )
    application(LEGAL, D(2025, 12, 1), D(2025, 12, 31), "other:fee_unpaid")
    application(COMMERCIAL, D(2025, 12, 22), D(2026, 1, 8), "unable:needs_creation")
    application(NATURAL, D(2025, 12, 29))  # still open
    # Received in 2026.
    application(NATURAL, D(2026, 1, 5), D(2026, 1, 20), "disclose")


def nonzero(report) -> dict[str, dict[str, int]]:
    return {
        key: dict(+counter) for key, counter in report.applications.items() if +counter
    }


def test_application_figures_for_2025(applications, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        report = annual_report(year=2025)
    assert nonzero(report) == {
        "new": {
            NATURAL: 4,
            RESEARCH: 1,
            WELFARE: 1,
            OTHER_ORG: 1,
            LEGAL: 1,
            COMMERCIAL: 1,
        },
        "carried_in": {NATURAL: 1, COMMERCIAL: 1, LEGAL: 1},
        "disclose": {NATURAL: 2},
        "partial": {NATURAL: 1},
        "withhold:third_party": {COMMERCIAL: 1},
        "withhold:process_information": {OTHER_ORG: 1},
        "unable:not_held": {NATURAL: 1},
        "not_processed:duplicate": {RESEARCH: 1},
        "other:no_correction": {WELFARE: 1},
        "other:fee_unpaid": {LEGAL: 1},
        "total": {
            NATURAL: 4,
            COMMERCIAL: 1,
            RESEARCH: 1,
            WELFARE: 1,
            LEGAL: 1,
            OTHER_ORG: 1,
        },
        "carried_out": {LEGAL: 1, COMMERCIAL: 1, NATURAL: 1},
    }
    assert report.cell("new") == 9
    assert report.cell("carried_in") == 3
    assert report.cell("total") == 9
    assert report.cell("carried_out") == 3
    # The template's check, column by column: 一 + 二 = 三(七) + 四.
    for column in [NATURAL, COMMERCIAL, RESEARCH, WELFARE, LEGAL, OTHER_ORG, "total"]:
        assert report.cell("new", column) + report.cell("carried_in", column) == (
            report.cell("total", column) + report.cell("carried_out", column)
        )
    # 总计 is the sum of every result row.
    assert (
        sum((report.applications[key] for key in result_keys()), Counter())
        == (report.applications["total"])
    )


def test_carry_over_into_the_next_year(applications):
    carried_out = annual_report(year=2025).applications["carried_out"]
    report_2026 = annual_report(year=2026)
    assert report_2026.applications["carried_in"] == carried_out
    assert nonzero(report_2026) == {
        "new": {NATURAL: 1},
        "carried_in": {LEGAL: 1, COMMERCIAL: 1, NATURAL: 1},
        "disclose": {NATURAL: 1, LEGAL: 1},
        "unable:needs_creation": {COMMERCIAL: 1},
        "total": {NATURAL: 1, LEGAL: 1, COMMERCIAL: 1},
        "carried_out": {NATURAL: 1},
    }
    assert nonzero(annual_report(year=2024)) == {
        "new": {NATURAL: 2, COMMERCIAL: 1, LEGAL: 1},
        "disclose": {NATURAL: 1},
        "total": {NATURAL: 1},
        "carried_out": {NATURAL: 1, COMMERCIAL: 1, LEGAL: 1},
    }


def test_applications_table_layout(applications):
    table = applications_table(annual_report(year=2025))
    labels = [row[0].text for row in table.rows[3:]]
    values = {cell.key: cell.text for row in table.rows for cell in row if cell.key}
    assert len(table.rows) == 3 + 2 + 2 + 8 + 3 + 5 + 3 + 1 + 1
    assert labels[:3] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
    ]
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    reason_labels = [row[-8].text for row in table.rows[7:26]]
    assert reason_labels == [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]
    # Every row has 7 figures: 自然人, five kinds of organization, 总计.
    assert all(len([c for c in row if not c.header]) == 7 for row in table.rows[3:])
    assert values["new/natural_person"] == 4
    assert values["new/total"] == 9
    assert values["carried_out/legal_service_organization"] == 1
    assert values["withhold:state_secret/total"] == 0


def test_staff_entered_review_and_litigation_figures():
    AnnualReportRecord.objects.create(
        year=2025,
        review_upheld=2,
        review_corrected=1,
        review_pending=1,
        direct_upheld=1,
        direct_other=1,
        after_review_corrected=1,
        licensing_decisions=1520,
        penalty_decisions=37,
        fees_amount="0",
    )
    report = annual_report(year=2025)
    assert review_figures(report.record) == {
        "review/upheld": 2,
        "review/corrected": 1,
        "review/other": 0,
        "review/pending": 1,
        "review/total": 4,
        "direct/upheld": 1,
        "direct/corrected": 0,
        "direct/other": 1,
        "direct/pending": 0,
        "direct/total": 2,
        "after_review/upheld": 0,
        "after_review/corrected": 1,
        "after_review/other": 0,
        "after_review/pending": 0,
        "after_review/total": 1,
    }
    active, _, review = report_tables(report)
    assert [cell.text for cell in review.rows[-1]] == [
        2,
        1,
        0,
        1,
        4,
        1,
        0,
        1,
        0,
        2,
        0,
        1,
        0,
        0,
        1,
    ]
    active_values = {c.key: c.text for row in active.rows for c in row if c.key}
    assert active_values["licensing"] == 1520
    assert active_values["penalty"] == 37
    assert active_values["fees"] == "0"


def test_an_online_application_counts_in_the_year_its_receipt_is_confirmed():
    from cms.disclosure.receipts import confirm_pending_receipts

    from .conftest import make_application

    # Submitted online on Saturday 2022-12-31, acknowledged on Tuesday 2023-01-03
    # (元旦 2023 was made up on Monday 01-02): received in 2023 (条例第三十一条).
    make_application(
        received_at=timezone.make_aware(datetime.datetime(2022, 12, 31, 10))
    )
    assert nonzero(annual_report(year=2022)) == {}
    confirm_pending_receipts(on=D(2023, 1, 3))
    assert nonzero(annual_report(year=2022)) == {}
    assert nonzero(annual_report(year=2023)) == {
        "new": {NATURAL: 1},
        "carried_out": {NATURAL: 1},
    }


def test_year_without_a_record_reports_zero():
    report = annual_report(year=2023)
    assert report.record.pk is None
    assert set(review_figures(report.record).values()) == {0}
    assert nonzero(report) == {}


def test_normative_documents(site_tree, bureau):
    from cms.policies.models import PolicyRelation
    from tests.factories import PolicyPageFactory

    def policy(written: D, **fields):
        return PolicyPageFactory(
            parent=site_tree.policies,
            issuers=[bureau],
            is_normative=fields.pop("is_normative", True),
            written_date=written,
            publish_date=written,
            **fields,
        )

    policy(D(2023, 3, 1))  # in force throughout
    new = policy(D(2025, 2, 10), effective_date=D(2025, 3, 1))
    policy(D(2025, 6, 17), expiry_date=D(2025, 12, 31))  # issued and expired in 2025
    old = policy(D(2022, 5, 1), validity_override="repealed")
    PolicyRelation.objects.create(page=new, target=old, relation_type="supersedes")
    repealed_earlier = policy(D(2021, 1, 1), validity_override="repealed")
    type(repealed_earlier).objects.filter(pk=repealed_earlier.pk).update(
        last_published_at=timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
    )
    policy(D(2025, 4, 1), is_normative=False)
    policy(
        D(2025, 4, 2),
        disclosure="on_application",
        disclosure_basis="《政府信息公开条例》第十六条",
    )
    policy(D(2025, 4, 3), live=False)
    policy(D(2026, 1, 5))
    policy(D(2024, 1, 1), expiry_date=D(2026, 6, 30))

    assert annual_report(year=2025).normative == {
        "issued": 2,
        "repealed": 2,
        "in_force": 3,
    }
    assert annual_report(year=2024).normative == {
        "issued": 1,
        "repealed": 1,
        "in_force": 3,
    }
    assert annual_report(year=2026).normative == {
        "issued": 1,
        "repealed": 1,
        "in_force": 3,
    }


def test_demo_figures_are_loaded_once():
    from cms.demo.disclosure_report import load_annual_report_demo

    assert load_annual_report_demo() is True
    assert load_annual_report_demo() is False
    record = AnnualReportRecord.objects.get()
    assert record.year == timezone.localdate().year - 1
    assert review_figures(record)["review/total"] == 4


# --- every row, every section -------------------------------------------------------

COLUMNS = [NATURAL, COMMERCIAL, RESEARCH, WELFARE, LEGAL, OTHER_ORG]

# The template's 办理结果 rows (国办公开办函〔2021〕30号, table 三), in order, and the
# reply each is generated from; 不属于本机关负责公开 counts in 无法提供 row 1.
ROWS = [
    ("disclose", ["disclose"]),
    ("partial", ["partial"]),
    ("withhold:state_secret", ["withhold:state_secret"]),
    ("withhold:prohibited_by_law", ["withhold:prohibited_by_law"]),
    ("withhold:security_stability", ["withhold:security_stability"]),
    ("withhold:third_party", ["withhold:third_party"]),
    ("withhold:internal_affairs", ["withhold:internal_affairs"]),
    ("withhold:process_information", ["withhold:process_information"]),
    ("withhold:enforcement_file", ["withhold:enforcement_file"]),
    ("withhold:administrative_query", ["withhold:administrative_query"]),
    ("unable:not_held", ["unable:not_held", "unable:not_responsible"]),
    ("unable:needs_creation", ["unable:needs_creation"]),
    ("unable:still_unclear", ["unable:still_unclear"]),
    ("not_processed:petition", ["not_processed:petition"]),
    ("not_processed:duplicate", ["not_processed:duplicate"]),
    ("not_processed:publication", ["not_processed:publication"]),
    ("not_processed:excessive", ["not_processed:excessive"]),
    ("not_processed:confirmation", ["not_processed:confirmation"]),
    ("other:no_correction", ["other:no_correction"]),
    ("other:fee_unpaid", ["other:fee_unpaid"]),
    ("other:other", ["other:other"]),
]


@pytest.fixture
def generated_year():
    """2025: for row i, i+1 replies spread over the columns; plus carry-overs."""
    expected: dict[str, Counter] = {key: Counter() for key, _ in ROWS}
    serial = itertools.count()
    for index, (key, replies) in enumerate(ROWS):
        for n in range(index + 1):
            column = COLUMNS[next(serial) % len(COLUMNS)]
            reply = replies[n % len(replies)]
            application(column, D(2025, 3, 3), D(2025, 4, 1), reply)
            expected[key][column] += 1
    application(NATURAL, D(2024, 12, 30), D(2025, 1, 6), "disclose")  # carried in
    expected["disclose"][NATURAL] += 1
    application(LEGAL, D(2025, 12, 30))  # carried out
    return expected


def test_every_row_of_table_three_from_a_generated_year(generated_year):
    report = annual_report(year=2025)
    assert result_keys() == [key for key, _ in ROWS]
    for key, _ in ROWS:
        assert report.applications[key] == generated_year[key], key
    assert report.cell("unable:not_held") == 11, "(四) and (五) in one row"
    total = sum(generated_year.values(), Counter())
    assert report.applications["total"] == total
    replied_2025 = sum(range(1, len(ROWS) + 1))  # 231 received and replied
    assert report.cell("total") == replied_2025 + 1
    assert report.cell("new") == replied_2025 + 1
    assert report.cell("carried_in") == 1
    assert report.applications["carried_out"] == Counter({LEGAL: 1})
    for column in [*COLUMNS, "total"]:
        assert report.cell("new", column) + report.cell("carried_in", column) == (
            report.cell("total", column) + report.cell("carried_out", column)
        )
    assert report.incomplete == []
    table = applications_table(report)
    values = {cell.key: cell.text for row in table.rows for cell in row if cell.key}
    for key, _ in ROWS:
        for column in COLUMNS:
            assert values[f"{key}/{column}"] == generated_year[key][column]
        assert values[f"{key}/total"] == sum(generated_year[key].values())


def test_a_reply_without_a_reason_is_not_counted_as_other(generated_year):
    stray = application(NATURAL, D(2025, 5, 5), D(2025, 5, 20), "withhold")
    report = annual_report(year=2025)
    assert report.applications["other:other"] == generated_year["other:other"]
    assert report.incomplete == [stray.tracking_number]
    assert report.cell("new", NATURAL) + report.cell("carried_in", NATURAL) == (
        report.cell("total", NATURAL) + report.cell("carried_out", NATURAL) + 1
    )
    from cms.disclosure.annual_report_layout import incomplete_warning

    assert incomplete_warning(report) == (
        "有 1 件已答复的申请缺少与答复类型相符的理由，未计入办理结果，"
        f"表三的勾稽关系因此不成立，请核实后更正：{stray.tracking_number}"
    )


SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def test_a_year_without_applications_has_all_six_sections():
    from cms.disclosure.annual_report_layout import report_sections

    report = annual_report(year=2023)
    sections = report_sections(report)
    assert [s.title for s in sections] == SECTION_TITLES
    assert [s.paragraphs for s in sections] == [
        ("（尚未填写）",),
        (),
        (),
        (),
        ("（尚未填写）",),
        ("本年度未发出信息处理费收费通知，未收取信息处理费。",),
    ]
    assert [s.table is not None for s in sections] == [
        False,
        True,
        True,
        True,
        False,
        False,
    ]
    figures = [cell.text for row in sections[2].table.rows for cell in row if cell.key]
    assert len(figures) == (2 + 2 + 19 + 1 + 1) * 7
    assert set(figures) == {0}


def test_section_six_reports_the_processing_fees():
    from cms.disclosure.annual_report_layout import report_sections
    from cms.disclosure.models import ProcessingFee

    def fee(notice_on, amount, paid_on=None):
        ProcessingFee.objects.create(
            application=application(LEGAL, notice_on),
            method="by_item",
            quantity=1,
            prior_items=30,
            amount=Decimal(amount),
            notice_on=notice_on,
            pay_by=notice_on + datetime.timedelta(days=28),
            paid_on=paid_on,
        )

    fee(D(2025, 3, 3), "200", paid_on=D(2025, 3, 10))
    fee(D(2025, 12, 15), "1700", paid_on=D(2026, 1, 5))  # paid next year
    fee(D(2025, 6, 2), "100.50")  # never paid
    fee(D(2024, 12, 20), "300", paid_on=D(2025, 1, 8))  # noticed last year
    AnnualReportRecord.objects.create(year=2025, other_matters="无其他需要报告的事项。")
    sections = report_sections(annual_report(year=2025))
    assert sections[-1].paragraphs == (
        "本年度依据《政府信息公开信息处理费管理办法》发出收费通知3件，"
        "收费金额合计2000.50元；实际收取信息处理费2件，金额合计500元。",
        "无其他需要报告的事项。",
    )
