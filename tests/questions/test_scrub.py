"""scrub_personal_data: what 选登 removes from a question by default."""

from __future__ import annotations

import pytest

from cms.questions.scrub import pseudonym, scrub_personal_data


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "我叫王小明，身份证号310112199001011234，手机13912345678。",
            ["王小明"],
            "我叫王某，身份证号[身份证号已隐去]，手机[电话已隐去]。",
        ),
        (
            "身份证 31011219900101123X 和旧证 310112900101123 都要隐去",
            [],
            "身份证 [身份证号已隐去] 和旧证 [身份证号已隐去] 都要隐去",
        ),
        (
            "请回复 wang.xm@example.com 或致电 021-64121234、+86 139 1234 5678",
            [],
            "请回复 [邮箱已隐去] 或致电 [电话已隐去]、[电话已隐去]",
        ),
        (
            "社保卡号 6222021234567890123 无法使用；座机 64121234",
            [],
            "社保卡号 [号码已隐去] 无法使用；座机 [电话已隐去]",
        ),
        ("联系人：赵六，姓名:钱七", [], "联系人：某某，姓名：某某"),
        ("欧阳娜娜和欧阳娜娜的母亲", ["欧阳娜娜"], "欧阳某和欧阳某的母亲"),
        # Years, amounts and dates are not personal data and stay.
        (
            "2025年失业保险金标准为2175元，自2025年7月1日起执行",
            ["张三"],
            "2025年失业保险金标准为2175元，自2025年7月1日起执行",
        ),
    ],
)
def test_scrub(text, names, expected):
    assert scrub_personal_data(text, names=names) == expected


def test_pseudonym():
    assert [pseudonym(n) for n in ("张三", "欧阳娜娜", "司马光", "欧阳", "")] == [
        "张某",
        "欧阳某",
        "司马某",
        "欧某",
        "",
    ]
