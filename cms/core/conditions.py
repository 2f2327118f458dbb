"""Machine-checkable eligibility conditions (申请条件) and their evaluation.

A policy-list item (就业创业政策清单) states who may apply as a list of conditions, each
``(field, operator, value)``: "年龄 ≤ 35", "户籍 属于 本区/本市", "毕业年限 ≤ 2". 政策找人 matches
a citizen's or an enterprise's profile against them. The vocabulary (which profile fields
exist, their kinds and Chinese labels, which operators each kind takes) lives here, in one
place, so the records that store conditions and the matcher that reads them agree.

Evaluation is three-valued: a condition is met, not met, or unknown when the profile lacks
the field (the user did not say), so a calculator can show "还需提供：毕业年份" instead of
a silent refusal. An item matches when every condition is met.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """Whom a profile describes."""

    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class Kind(models.TextChoices):
    NUMBER = "number", _("数值")
    CHOICE = "choice", _("单选")
    CHOICES = "choices", _("多选")  # the profile holds a set, e.g. 人员类别
    BOOLEAN = "boolean", _("是/否")


class Operator(models.TextChoices):
    EQ = "eq", _("等于")
    NE = "ne", _("不等于")
    GT = "gt", _("大于")
    GTE = "gte", _("大于等于")
    LT = "lt", _("小于")
    LTE = "lte", _("小于等于")
    BETWEEN = "between", _("介于")  # value: [low, high], both inclusive
    IN = "in", _("属于")  # value: list; the profile's value is one of them
    NOT_IN = "not_in", _("不属于")
    ANY = (
        "any",
        _("包含任一"),
    )  # CHOICES: the profile's set shares one value with the list
    ALL = (
        "all",
        _("包含全部"),
    )  # CHOICES: the profile's set holds every value of the list
    IS_TRUE = "is_true", _("是")
    IS_FALSE = "is_false", _("否")


OPERATORS_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.NUMBER: (
        Operator.EQ,
        Operator.NE,
        Operator.GT,
        Operator.GTE,
        Operator.LT,
        Operator.LTE,
        Operator.BETWEEN,
    ),
    Kind.CHOICE: (Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN),
    Kind.CHOICES: (Operator.ANY, Operator.ALL, Operator.NOT_IN),
    Kind.BOOLEAN: (Operator.IS_TRUE, Operator.IS_FALSE),
}


@dataclass(frozen=True)
class ProfileField:
    key: str  # snake_case, stored in conditions; the API's ProfileInput uses camelCase
    label: str
    subject: str
    kind: str
    unit: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, 中文标签) for CHOICE/CHOICES

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


def _choices(*labels: str) -> tuple[tuple[str, str], ...]:
    # Values are the Chinese labels themselves: they come from bureaus' spreadsheets as such.
    return tuple((label, label) for label in labels)


HUKOU = _choices("本区", "本市外区", "外省市", "港澳台", "外籍")
EMPLOYMENT_STATUS = _choices("就业", "失业", "未就业", "灵活就业", "自主创业", "退休")
EDUCATION = _choices("初中及以下", "高中/中专/技校", "大专", "本科", "硕士", "博士")
PERSON_GROUPS = _choices(
    "高校毕业生",
    "就业困难人员",
    "零就业家庭成员",
    "退役军人",
    "残疾人",
    "脱贫人口",
    "农村转移劳动力",
    "登记失业人员",
    "城镇低保人员",
    "长期失业青年",
)
ENTERPRISE_SIZE = _choices("微型", "小型", "中型", "大型")
ENTERPRISE_KIND = _choices(
    "企业", "个体工商户", "民办非企业单位", "社会团体", "农民专业合作社"
)
INDUSTRY = _choices(
    "农林牧渔业",
    "制造业",
    "建筑业",
    "批发和零售业",
    "交通运输、仓储和邮政业",
    "住宿和餐饮业",
    "信息传输、软件和信息技术服务业",
    "金融业",
    "房地产业",
    "租赁和商务服务业",
    "科学研究和技术服务业",
    "居民服务、修理和其他服务业",
    "教育",
    "卫生和社会工作",
    "文化、体育和娱乐业",
    "其他",
)

PERSON = Subject.PERSON
ENTERPRISE = Subject.ENTERPRISE

FIELDS: tuple[ProfileField, ...] = (
    ProfileField("age", "年龄", PERSON, Kind.NUMBER, unit="周岁"),
    ProfileField("hukou", "户籍", PERSON, Kind.CHOICE, choices=HUKOU),
    ProfileField(
        "employment_status", "就业状态", PERSON, Kind.CHOICE, choices=EMPLOYMENT_STATUS
    ),
    ProfileField("education", "学历", PERSON, Kind.CHOICE, choices=EDUCATION),
    ProfileField("graduation_year", "毕业年份", PERSON, Kind.NUMBER, unit="年"),
    # Derived from graduation_year on the day of evaluation (see derived_values).
    ProfileField("years_since_graduation", "毕业年限", PERSON, Kind.NUMBER, unit="年"),
    ProfileField("insured", "正常缴纳社会保险", PERSON, Kind.BOOLEAN),
    ProfileField(
        "insured_months", "累计缴纳失业保险", PERSON, Kind.NUMBER, unit="个月"
    ),
    ProfileField("groups", "人员类别", PERSON, Kind.CHOICES, choices=PERSON_GROUPS),
    ProfileField(
        "enterprise_size", "企业规模", ENTERPRISE, Kind.CHOICE, choices=ENTERPRISE_SIZE
    ),
    ProfileField(
        "enterprise_kind", "主体类型", ENTERPRISE, Kind.CHOICE, choices=ENTERPRISE_KIND
    ),
    ProfileField("industry", "所属行业", ENTERPRISE, Kind.CHOICE, choices=INDUSTRY),
    ProfileField("registered_years", "注册年限", ENTERPRISE, Kind.NUMBER, unit="年"),
    ProfileField("employees", "职工人数", ENTERPRISE, Kind.NUMBER, unit="人"),
    ProfileField("new_hires", "当年新招用人数", ENTERPRISE, Kind.NUMBER, unit="人"),
    ProfileField("registered_in_district", "在本区注册", ENTERPRISE, Kind.BOOLEAN),
    ProfileField("pays_insurance", "依法参保缴费", ENTERPRISE, Kind.BOOLEAN),
)
FIELDS_BY_KEY: dict[str, ProfileField] = {f.key: f for f in FIELDS}
FIELD_CHOICES = [(f.key, f"{f.label}（{Subject(f.subject).label}）") for f in FIELDS]


def derived_values(
    profile: Mapping[str, Any], *, today: datetime.date
) -> dict[str, Any]:
    """The profile with fields computed from others (毕业年限 from 毕业年份)."""
    values = {k: v for k, v in profile.items() if v is not None and v != ""}
    year = values.get("graduation_year")
    if "years_since_graduation" not in values and isinstance(year, int):
        values["years_since_graduation"] = max(today.year - year, 0)
    return values


# --- One condition --------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    value: Any = (
        None  # number, str, [low, high] or a list, by operator; None for booleans
    )

    @property
    def profile_field(self) -> ProfileField:
        return FIELDS_BY_KEY[self.field]

    def describe(self) -> str:
        """The condition in Chinese, e.g. "年龄 小于等于 35 周岁"."""
        spec = self.profile_field
        op = str(Operator(self.operator).label)
        if self.operator in (Operator.IS_TRUE, Operator.IS_FALSE):
            return f"{spec.label}：{op}"
        if self.operator == Operator.BETWEEN:
            low, high = self.value
            return f"{spec.label} {op} {_num(low)}～{_num(high)} {spec.unit}".rstrip()
        if isinstance(self.value, list | tuple):
            shown = "、".join(spec.choice_label(str(v)) for v in self.value)
        else:
            shown = (
                _num(self.value)
                if spec.kind == Kind.NUMBER
                else spec.choice_label(str(self.value))
            )
        return f"{spec.label} {op} {shown} {spec.unit}".rstrip()


def _num(value: Any) -> str:
    number = Decimal(str(value))
    return f"{number.normalize():f}" if number % 1 else str(int(number))


def validate_condition(field: str, operator: str, value: Any) -> Condition:
    """The condition, or a ValidationError keyed by field/operator/value in Chinese."""
    spec = FIELDS_BY_KEY.get(field)
    if spec is None:
        raise ValidationError({"field": f"未知的条件字段“{field}”"})
    if operator not in OPERATORS_BY_KIND[spec.kind]:
        allowed = "、".join(
            str(Operator(o).label) for o in OPERATORS_BY_KIND[spec.kind]
        )
        raise ValidationError({"operator": f"“{spec.label}”只能用以下运算：{allowed}"})
    if spec.kind == Kind.BOOLEAN:
        return Condition(field, operator, None)
    if operator == Operator.BETWEEN:
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise ValidationError({"value": "“介于”需要两个数值：下限和上限"})
        low, high = (_number(v, spec) for v in value)
        if low > high:
            raise ValidationError({"value": "下限不能大于上限"})
        return Condition(field, operator, [low, high])
    if spec.kind == Kind.NUMBER:
        return Condition(field, operator, _number(value, spec))
    values = list(value) if isinstance(value, list | tuple) else [value]
    if operator in (Operator.EQ, Operator.NE) and len(values) != 1:
        raise ValidationError({"value": f"“{Operator(operator).label}”只能取一个值"})
    known = {v for v, _label in spec.choices}
    unknown = [str(v) for v in values if str(v) not in known]
    if unknown:
        raise ValidationError(
            {"value": f"“{spec.label}”没有这些取值：{'、'.join(unknown)}"}
        )
    values = [str(v) for v in values]
    if not values:
        raise ValidationError({"value": "请至少选择一个取值"})
    return Condition(
        field, operator, values[0] if operator in (Operator.EQ, Operator.NE) else values
    )


def _number(value: Any, spec: ProfileField) -> int | float:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": f"“{spec.label}”需要数值"}) from None
    if not number.is_finite():
        raise ValidationError({"value": f"“{spec.label}”需要数值"})
    return int(number) if number == number.to_integral_value() else float(number)


# --- Evaluation -----------------------------------------------------------------------


@dataclass
class MatchResult:
    met: list[Condition] = field(default_factory=list)
    unmet: list[Condition] = field(default_factory=list)
    unknown: list[Condition] = field(
        default_factory=list
    )  # the profile lacks the field

    @property
    def matches(self) -> bool:
        return not self.unmet and not self.unknown

    @property
    def possible(self) -> bool:
        """Nothing contradicts the profile; some answers are still missing."""
        return not self.unmet


def holds(condition: Condition, actual: Any) -> bool:
    """Whether a present profile value satisfies the condition."""
    op, expected = condition.operator, condition.value
    if op == Operator.IS_TRUE:
        return actual is True
    if op == Operator.IS_FALSE:
        return actual is False
    if op == Operator.ANY:
        return bool(set(_as_list(actual)) & set(expected))
    if op == Operator.ALL:
        return set(expected) <= set(_as_list(actual))
    if op == Operator.NOT_IN:
        present = set(_as_list(actual))
        return not (present & set(expected))
    if op == Operator.IN:
        return str(actual) in expected
    if op in (Operator.EQ, Operator.NE) and not isinstance(expected, int | float):
        return (str(actual) == expected) == (op == Operator.EQ)
    try:
        number = float(actual)
    except (TypeError, ValueError):
        return False
    if op == Operator.BETWEEN:
        return expected[0] <= number <= expected[1]
    return {
        Operator.EQ: number == expected,
        Operator.NE: number != expected,
        Operator.GT: number > expected,
        Operator.GTE: number >= expected,
        Operator.LT: number < expected,
        Operator.LTE: number <= expected,
    }[op]


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    return [str(value)]


def evaluate(
    conditions: Iterable[Condition],
    profile: Mapping[str, Any],
    *,
    today: datetime.date,
) -> MatchResult:
    values = derived_values(profile, today=today)
    result = MatchResult()
    for condition in conditions:
        if condition.field not in values:
            result.unknown.append(condition)
        elif holds(condition, values[condition.field]):
            result.met.append(condition)
        else:
            result.unmet.append(condition)
    return result
