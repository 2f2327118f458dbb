"""Importing the bureau's 双公示 exports: per-row Chinese errors with line numbers,
re-import keyed on 文书号 + kind updating in place, and the search index."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.core.importing import read_file
from cms.credit.importing import DecisionImporter
from cms.credit.models import CreditDecision, DecisionKind, PartyType, Severity
from tests.core.files import write_csv, write_xlsx

from .conftest import company_code, resident_id

pytestmark = pytest.mark.django_db

HEADER = [
    "决定类别",
    "文书号",
    "当事人",
    "当事人类型",
    "统一社会信用代码",
    "身份证号码",
    "违法事实",
    "许可内容",
    "依据",
    "处罚种类",
    "罚款金额（元）",
    "决定内容",
    "决定日期",
    "决定机关",
    "有效期自",
    "有效期至",
    "失信严重程度",
]
AUTHORITY = "上海市闵行区人力资源和社会保障局"


def penalty(n: int, **changes) -> list:
    values = {
        "决定类别": "行政处罚",
        "文书号": f"闵人社监罚字〔2026〕第{n:05d}号",
        "当事人": f"上海莘庄劳务派遣{n}有限公司",
        "当事人类型": "法人",
        "统一社会信用代码": company_code(n),
        "身份证号码": "",
        "违法事实": "未按照规定支付劳动者工资，涉及劳动者12人。",
        "许可内容": "",
        "依据": "《劳动保障监察条例》第二十六条",
        "处罚种类": "警告；罚款",
        "罚款金额（元）": "5000",
        "决定内容": "警告；罚款人民币5000元",
        "决定日期": "2026-03-02",
        "决定机关": AUTHORITY,
        "有效期自": "",
        "有效期至": "",
        "失信严重程度": "一般",
    }
    values.update(changes)
    return [values[name] for name in HEADER]


def licence(n: int, **changes) -> list:
    return penalty(
        n,
        **{
            "决定类别": "行政许可",
            "文书号": f"闵人社许字〔2026〕第{n:05d}号",
            "违法事实": "",
            "许可内容": "劳务派遣经营许可（新设）",
            "依据": "《劳动合同法》第五十七条",
            "处罚种类": "",
            "罚款金额（元）": "",
            "决定内容": "准予许可",
            "有效期自": "2026-03-02",
            "有效期至": "2029-03-01",
            "失信严重程度": "",
            **changes,
        },
    )


def run(path, **options):
    return DecisionImporter(**options).run(read_file(path))


def test_a_csv_export_imports_both_kinds(tmp_path):
    path = write_csv(tmp_path / "双公示.csv", [HEADER, penalty(1), licence(2)])
    report = run(path)
    assert (report.created, report.updated, report.failed) == (2, 0, 0)
    fine = CreditDecision.objects.get(kind=DecisionKind.PENALTY)
    assert fine.document_number == "闵人社监罚字〔2026〕第00001号"
    assert fine.party_type == PartyType.LEGAL_PERSON
    assert fine.fine_amount == Decimal("5000.00")
    assert fine.severity == Severity.GENERAL
    assert fine.content == "未按照规定支付劳动者工资，涉及劳动者12人。"
    # 7 working days from Monday 2 March 2026: Wednesday 11 March.
    assert fine.due_date == datetime.date(2026, 3, 11)
    assert (fine.publicity_min_end, fine.publicity_end) == (
        datetime.date(2026, 6, 2),
        datetime.date(2027, 3, 2),
    )
    assert fine.is_published and fine.published_at is not None
    permit = CreditDecision.objects.get(kind=DecisionKind.LICENSE)
    assert permit.content == "劳务派遣经营许可（新设）"
    assert permit.valid_until == datetime.date(2029, 3, 1)
    assert permit.publicity_end is None


def test_a_minor_penalty_is_published_only_when_the_file_says_it_is_necessary(
    tmp_path,
):
    header = [*HEADER, "轻微失信确有必要公示"]
    rows = [
        penalty(1, 失信严重程度="轻微") + [""],
        penalty(2, 失信严重程度="轻微") + ["是"],
        penalty(3, 失信严重程度="一般") + ["是"],
        penalty(4, 失信严重程度="轻微") + ["也许"],
    ]
    report = run(write_csv(tmp_path / "轻微.csv", [header, *rows]))
    assert (report.created, report.failed) == (2, 2)
    assert [str(error) for error in report.errors] == [
        "第 4 行：轻微失信确有必要公示：只有轻微失信的行政处罚可以选择“确有必要公示”",
        "第 5 行：轻微失信确有必要公示应为 是 或 否，不能是“也许”",
    ]
    withheld, published = CreditDecision.objects.order_by("document_number")
    assert (withheld.listed_until, withheld.publicity_end) == (None, None)
    assert published.publicity_end == datetime.date(2026, 6, 2)
    assert published.publicity_min_end is None


def test_rows_with_errors_are_reported_by_line_and_the_rest_imported(tmp_path):
    rows = [
        HEADER,
        penalty(1),
        penalty(2, **{"决定日期": "2026/03/02", "失信严重程度": "特别严重"}),
        penalty(3, **{"统一社会信用代码": "91310112MA1G00003X"}),
        penalty(4, **{"违法事实": ""}),
        penalty(
            5,
            **{
                "当事人类型": "自然人",
                "统一社会信用代码": "",
                "身份证号码": "110101199003071235",
            },
        ),
        penalty(1),
        licence(6, **{"失信严重程度": "一般"}),
        penalty(7, **{"失信严重程度": ""}),
    ]
    path = write_csv(tmp_path / "errors.csv", rows)
    report = run(path)
    assert [str(error) for error in report.errors] == [
        "第 3 行：决定日期格式应为 YYYY-MM-DD；失信严重程度应为 轻微、一般、严重、"
        "轻微失信、一般失信 或 严重失信，不能是“特别严重”",
        "第 4 行：统一社会信用代码格式或校验位不正确（应为 18 位）。",
        "第 5 行：缺少违法事实",
        "第 6 行：居民身份证号码不正确：应为 18 位，出生日期有效且校验位正确。",
        "第 7 行：与第 2 行是同一决定（文书号+决定类别 闵人社监罚字〔2026〕第00001号、"
        "行政处罚），文件中不能重复",
        "第 8 行：行政许可不填写失信严重程度",
        "第 9 行：行政处罚须注明失信严重程度（轻微、一般或严重）",
    ]
    assert list(CreditDecision.objects.values_list("document_number", flat=True)) == [
        "闵人社监罚字〔2026〕第00001号"
    ]


def test_re_import_updates_in_place_and_an_unchanged_row_writes_nothing(tmp_path):
    first = write_csv(tmp_path / "a.csv", [HEADER, penalty(1), licence(2)])
    assert run(first).created == 2
    original = CreditDecision.objects.get(kind=DecisionKind.PENALTY)
    published_at = original.published_at

    again = run(first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)

    changed = write_xlsx(
        tmp_path / "b.xlsx",
        [
            HEADER,
            penalty(
                1, **{"罚款金额（元）": 8000, "决定内容": "警告；罚款人民币8000元"}
            ),
            licence(2),
            # The same 文书号 of the other kind is another decision.
            licence(1, **{"文书号": "闵人社监罚字〔2026〕第00001号"}),
        ],
    )
    report = run(changed)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert CreditDecision.objects.count() == 3
    updated = CreditDecision.objects.get(pk=original.pk)
    assert updated.fine_amount == Decimal("8000.00")
    assert updated.public_decision_content == "警告；罚款人民币8000元"
    # Re-importing does not re-publish: the disclosure date stays the first one.
    assert updated.published_at == published_at


def test_the_kind_can_come_from_the_command_and_errors_fail_it(tmp_path):
    header = [name for name in HEADER if name != "决定类别"]
    rows = [header, penalty(1)[1:], penalty(2, **{"决定日期": ""})[1:]]
    path = write_csv(tmp_path / "处罚.csv", rows)
    with pytest.raises(CommandError, match="1 行未能导入"):
        call_command("import_credit_decisions", str(path), "--kind", "行政处罚")
    assert list(CreditDecision.objects.values_list("kind", flat=True)) == ["penalty"]

    # Without --kind each row needs its own.
    report = DecisionImporter().run(read_file(path))
    assert [str(error) for error in report.errors] == [
        "第 2 行：缺少决定类别（行政许可或行政处罚）",
        "第 3 行：缺少决定日期",
    ]


def test_a_file_without_a_required_column_imports_nothing(tmp_path):
    header = [name for name in HEADER if name != "文书号"]
    path = write_csv(tmp_path / "x.csv", [header, penalty(1)[:1] + penalty(1)[2:]])
    with pytest.raises(CommandError, match="表头缺少必填的列：文书号"):
        call_command("import_credit_decisions", str(path))
    assert not CreditDecision.objects.exists()


def test_natural_persons_are_imported_raw_and_masked_for_the_public(tmp_path):
    id_number = resident_id()
    row = penalty(
        9,
        **{
            "当事人": "张三丰",
            "当事人类型": "自然人",
            "统一社会信用代码": "",
            "身份证号码": id_number,
            "违法事实": f"张三丰（身份证号码{id_number}）介绍劳动者从事非法职业中介。",
        },
    )
    report = run(write_csv(tmp_path / "p.csv", [HEADER, row]))
    assert report.failed == 0
    decision = CreditDecision.objects.get()
    assert (decision.party_name, decision.id_number) == ("张三丰", id_number)
    assert decision.public_party_name == "张某某"
    assert decision.public_identifier == "110***********" + id_number[-4:]
    assert decision.public_content == (
        f"张某某（身份证号码110***********{id_number[-4:]}）介绍劳动者从事非法职业中介。"
    )
