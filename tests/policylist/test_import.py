"""Importing the policy list: the conditions syntax, errors with line numbers,
re-import in place (conditions and relations included), through the real command."""

from __future__ import annotations

import contextlib
import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cms.core.conditions import Condition
from cms.policylist.models import PolicyListItem
from cms.policylist.syntax import format_conditions, parse_conditions
from tests.factories.pages import ServiceItemFactory

HEADER = [
    "序号",
    "政策项目",
    "所依据政策",
    "对象范围",
    "条件",
    "服务对象",
    "一网通办事项",
    "补贴金额",
    "补贴单位",
    "补贴标准",
]


def write_csv(path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def run(path):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(CommandError):
        call_command("import_policy_list", str(path), stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def test_the_syntax_reads_signs_words_lists_ranges_and_booleans():
    assert parse_conditions(
        "年龄<=35；户籍 属于 本区,本市外区；正常缴纳社会保险 是\n注册年限 介于 0-3;"
        "企业规模 = 小型；人员类别 包含任一 高校毕业生、退役军人；在本区注册；age ≥ 16"
    ) == [
        Condition("age", "lte", 35),
        Condition("hukou", "in", ["本区", "本市外区"]),
        Condition("insured", "is_true", None),
        Condition("registered_years", "between", [0, 3]),
        Condition("enterprise_size", "eq", "小型"),
        Condition("groups", "any", ["高校毕业生", "退役军人"]),
        Condition("registered_in_district", "is_true", None),
        Condition("age", "gte", 16),
    ]
    # Written back, it reads the same.
    conditions = parse_conditions("毕业年限<=2；户籍 不属于 外籍；依法参保缴费 否")
    assert parse_conditions(format_conditions(conditions)) == conditions


def test_the_syntax_names_each_bad_condition():
    with pytest.raises(ValidationError) as caught:
        parse_conditions(
            "身高<=180；年龄 属于 30；户籍 属于 火星；年龄 介于 40；正常缴纳社会保险 也许"
        )
    assert caught.value.messages == [
        "第 1 个条件“身高<=180”：未知的条件字段，可用的有："
        "年龄、户籍、就业状态、学历、毕业年份、毕业年限、正常缴纳社会保险、累计缴纳失业保险、人员类别、"
        "企业规模、主体类型、所属行业、注册年限、职工人数、当年新招用人数、在本区注册、依法参保缴费；"
        "第 2 个条件“年龄 属于 30”：“年龄”只能用以下运算：等于、不等于、大于、大于等于、小于、小于等于、介于；"
        "第 3 个条件“户籍 属于 火星”：“户籍”没有这些取值：火星；"
        "第 4 个条件“年龄 介于 40”：“介于”应写作 下限-上限，如 16-35；"
        "第 5 个条件“正常缴纳社会保险 也许”：“正常缴纳社会保险”只能写“是”或“否”"
    ]


def test_import_creates_items_and_reports_bad_rows_by_line(tmp_path, policy):
    ServiceItemFactory(name="一次性创业补贴申领", code="310112000001")
    path = write_csv(
        tmp_path / "list.csv",
        [
            [
                "1",
                "一次性创业补贴",
                "闵人社规〔2025〕2号",
                "首次创业的高校毕业生",
                "年龄<=35；户籍 属于 本区,本市外区",
                "高校毕业生",
                "310112000001",
                "5000",
                "元",
                "一次性创业补贴 5000 元",
            ],
            [
                "2",
                "创业场地房租补贴",
                "关于进一步做好创业担保贷款和创业补贴工作的通知",
                "初创企业",
                "注册年限 介于 0-3",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "3",
                "错误的条件",
                "闵人社规〔2025〕2号",
                "",
                "年龄 属于 30",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "4",
                "找不到政策",
                "闵人社规〔2030〕9号",
                "",
                "",
                "火星人",
                "",
                "100",
                "",
                "",
            ],
            ["5", "一次性创业补贴", "闵人社规〔2025〕2号", "", "", "", "", "", "", ""],
        ],
    )
    out, err = run(path)
    assert out == "新建 2 条，更新 0 条，未变化 0 条，失败 3 条"
    assert err.splitlines() == [
        "以下列不是政策清单项的字段，未导入：序号",
        "第 4 行：条件：第 1 个条件“年龄 属于 30”：“年龄”只能用以下运算："
        "等于、不等于、大于、大于等于、小于、小于等于、介于",
        "第 5 行：找不到所依据政策“闵人社规〔2030〕9号”（请写发文字号或完整标题）；没有这些服务对象：火星人",
        "第 6 行：与第 2 行是同一政策清单项（所依据政策+政策项目 "
        f"{policy.pk}、一次性创业补贴），文件中不能重复",
    ]
    startup = PolicyListItem.objects.get(title="一次性创业补贴")
    assert startup.conditions_list() == [
        Condition("age", "lte", 35),
        Condition("hukou", "in", ["本区", "本市外区"]),
    ]
    assert [a.name for a in startup.audiences.all()] == ["高校毕业生"]
    assert startup.service_item.code == "310112000001"
    assert startup.benefit_display() == "一次性创业补贴 5000 元"
    assert PolicyListItem.objects.get(title="创业场地房租补贴").conditions_list() == [
        Condition("registered_years", "between", [0, 3])
    ]


def test_reimport_updates_in_place_and_leaves_unchanged_rows_alone(tmp_path, policy):
    rows = [
        [
            "1",
            "一次性创业补贴",
            "闵人社规〔2025〕2号",
            "首次创业",
            "年龄<=35",
            "高校毕业生",
            "",
            "",
            "",
            "",
        ],
        [
            "2",
            "创业场地房租补贴",
            "闵人社规〔2025〕2号",
            "初创企业",
            "注册年限 介于 0-3",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    run(write_csv(tmp_path / "a.csv", rows))
    before = {item.title: item.updated_at for item in PolicyListItem.objects.all()}
    assert (
        run(write_csv(tmp_path / "b.csv", rows))[0]
        == "新建 0 条，更新 0 条，未变化 2 条，失败 0 条"
    )

    rows[0][4] = "年龄<=40；正常缴纳社会保险 是"  # only the conditions change
    rows[1][5] = "就业困难人员"  # only an audience changes
    assert (
        run(write_csv(tmp_path / "c.csv", rows))[0]
        == "新建 0 条，更新 2 条，未变化 0 条，失败 0 条"
    )
    startup = PolicyListItem.objects.get(title="一次性创业补贴")
    assert startup.conditions_list() == [
        Condition("age", "lte", 40),
        Condition("insured", "is_true", None),
    ]
    rent = PolicyListItem.objects.get(title="创业场地房租补贴")
    assert [a.name for a in rent.audiences.all()] == ["就业困难人员"]
    assert rent.updated_at > before["创业场地房租补贴"]
    assert PolicyListItem.objects.count() == 2
