"""Demo 待遇标准调整: the 失业保险金, 工伤保险待遇, 征地养老 and 最低工资 timelines of the demo
policies (cms/demo/data/policies.jsonl), imported like a bureau's spreadsheet.

The amounts are the demo policies' own figures, invented for the demo like the
policies themselves: they are not the official Shanghai standards. Keyed by
待遇项目 + 类别 + 执行起始日: loading twice changes nothing.
"""

from __future__ import annotations

from cms.benefits.importing import BenefitStandardImporter
from cms.core.importing import Source, SourceRow

UNEMPLOYMENT_2024 = "沪人社规〔2024〕9号"
UNEMPLOYMENT_2025 = "沪人社规〔2025〕6号"
WORK_INJURY_2024 = "沪人社规〔2024〕11号"
WORK_INJURY_2025 = "沪人社规〔2025〕10号"
LAND_PENSION_2025 = "沪人社养〔2025〕52号"
MINIMUM_WAGE_2025 = "沪人社规〔2025〕12号"

# (待遇项目, 类别, 单位, [(金额, 起, 止, 依据, 决定日期)], 首条的调整前金额)
TIMELINES = (
    (
        "失业保险金",
        "第1至12个月（缴费满1年不满5年）",
        "元/月",
        [
            ("2105", "2024-04-01", "2025-03-31", UNEMPLOYMENT_2024, "2024-03-18"),
            ("2175", "2025-04-01", "", UNEMPLOYMENT_2025, "2025-03-17"),
        ],
        "",
    ),
    (
        "失业保险金",
        "第1至12个月（缴费满5年不满10年）",
        "元/月",
        [
            ("2175", "2024-04-01", "2025-03-31", UNEMPLOYMENT_2024, "2024-03-18"),
            ("2245", "2025-04-01", "", UNEMPLOYMENT_2025, "2025-03-17"),
        ],
        "",
    ),
    (
        "失业保险金",
        "第1至12个月（缴费满10年及以上）",
        "元/月",
        [
            ("2290", "2024-04-01", "2025-03-31", UNEMPLOYMENT_2024, "2024-03-18"),
            ("2360", "2025-04-01", "", UNEMPLOYMENT_2025, "2025-03-17"),
        ],
        "",
    ),
    (
        "失业保险金",
        "第13至24个月",
        "元/月",
        [
            ("1685", "2024-04-01", "2025-03-31", UNEMPLOYMENT_2024, "2024-03-18"),
            ("1740", "2025-04-01", "", UNEMPLOYMENT_2025, "2025-03-17"),
        ],
        "",
    ),
    (
        "失业保险金",
        "延长领取期间",
        "元/月",
        [
            ("1685", "2024-04-01", "2025-03-31", UNEMPLOYMENT_2024, "2024-03-18"),
            ("1740", "2025-04-01", "", UNEMPLOYMENT_2025, "2025-03-17"),
        ],
        "",
    ),
    (
        "工伤保险待遇",
        "生活护理费（生活完全不能自理）",
        "元/月",
        [
            ("4570", "2024-07-01", "2025-06-30", WORK_INJURY_2024, "2024-06-20"),
            ("4690", "2025-07-01", "", WORK_INJURY_2025, "2025-06-18"),
        ],
        "",
    ),
    (
        "工伤保险待遇",
        "生活护理费（生活大部分不能自理）",
        "元/月",
        [
            ("3650", "2024-07-01", "2025-06-30", WORK_INJURY_2024, "2024-06-20"),
            ("3750", "2025-07-01", "", WORK_INJURY_2025, "2025-06-18"),
        ],
        "",
    ),
    (
        "工伤保险待遇",
        "生活护理费（生活部分不能自理）",
        "元/月",
        [
            ("2740", "2024-07-01", "2025-06-30", WORK_INJURY_2024, "2024-06-20"),
            ("2810", "2025-07-01", "", WORK_INJURY_2025, "2025-06-18"),
        ],
        "",
    ),
    (
        "工伤保险待遇",
        "一至四级伤残津贴月增加额",
        "元/人·月",
        [
            ("90", "2024-07-01", "2025-06-30", WORK_INJURY_2024, "2024-06-20"),
            ("95", "2025-07-01", "", WORK_INJURY_2025, "2025-06-18"),
        ],
        "",
    ),
    (
        "工伤保险待遇",
        "供养亲属抚恤金月增加额",
        "元/人·月",
        [
            ("60", "2024-07-01", "2025-06-30", WORK_INJURY_2024, "2024-06-20"),
            ("65", "2025-07-01", "", WORK_INJURY_2025, "2025-06-18"),
        ],
        "",
    ),
    (
        "征地养老",
        "月生活费最低标准",
        "元/月",
        [("1700", "2025-01-01", "", LAND_PENSION_2025, "2025-06-05")],
        # The demo policy raises it by 95 元.
        "1605",
    ),
    (
        "征地养老",
        "年满80周岁人员月生活费另增加额",
        "元/人·月",
        [("30", "2025-01-01", "", LAND_PENSION_2025, "2025-06-05")],
        "",
    ),
    (
        "最低工资",
        "月最低工资标准",
        "元/月",
        [("2740", "2025-07-01", "", MINIMUM_WAGE_2025, "2025-06-10")],
        "2690",
    ),
    (
        "最低工资",
        "小时最低工资标准",
        "元/小时",
        [("25", "2025-07-01", "", MINIMUM_WAGE_2025, "2025-06-10")],
        "24",
    ),
)


def benefit_rows() -> list[dict[str, str]]:
    rows = []
    for scheme, category, unit, standards, first_previous in TIMELINES:
        for index, (amount, start, end, basis, decided) in enumerate(standards):
            rows.append(
                {
                    "待遇项目": scheme,
                    "类别": category,
                    "金额": amount,
                    "单位": unit,
                    "执行起始日": start,
                    "执行截止日": end,
                    "依据政策": basis,
                    "调整前金额": first_previous if index == 0 else "",
                    "决定日期": decided,
                }
            )
    return rows


def load_benefits_demo() -> int:
    source = Source(
        format="jsonl",
        rows=[SourceRow(line, row) for line, row in enumerate(benefit_rows(), 1)],
    )
    return BenefitStandardImporter().run(source).created
