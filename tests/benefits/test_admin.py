"""待遇标准调整 in the admin: two departments' editors each see and edit only their
own standards, file new ones under their own department; the listing filters by
待遇项目, 类别, a date and 超期, exports with the 公开期限, and imports a file."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from cms.benefits.models import BenefitStandard, Scheme
from cms.taxonomy.models import Organization
from tests.core.files import write_csv
from tests.factories import PolicyPageFactory

LIST_URL = "/admin/snippets/benefits/benefitstandard/"
D = datetime.date


@pytest.fixture
def departments(site_tree):
    return {
        name: Organization.objects.get(name=name)
        for name in ("社会保险科", "劳动关系科")
    }


@pytest.fixture
def editors(django_user_model, departments):
    users = {}
    for name in departments:
        user = django_user_model.objects.create_user(username=name, password="pw-123")
        user.groups.add(Group.objects.get(name=f"编辑-{name}"))
        users[name] = user
    return users


@pytest.fixture
def policies(site_tree, departments):
    """A published basis policy of each department, and one not yet published."""
    return {
        "社会保险科": PolicyPageFactory(
            parent=site_tree.policies,
            title="关于调整本市失业保险金支付标准的通知",
            department=departments["社会保险科"],
            written_date=D(2025, 3, 17),
            publish_date=D(2025, 3, 24),
        ),
        "劳动关系科": PolicyPageFactory(
            parent=site_tree.policies,
            title="关于调整本市最低工资标准的通知",
            department=departments["劳动关系科"],
            written_date=D(2025, 6, 10),
            publish_date=D(2025, 6, 20),
        ),
        "draft": PolicyPageFactory(
            parent=site_tree.policies,
            title="关于调整本市征地养老人员生活费标准的通知",
            department=departments["社会保险科"],
            live=False,
        ),
    }


def make(policy, scheme, category, amount, start, decided, **extra):
    standard = BenefitStandard(
        scheme=scheme,
        category=category,
        amount=Decimal(amount),
        effective_from=start,
        basis_policy=policy,
        decision_date=decided,
        **extra,
    )
    standard.full_clean()
    standard.save()
    return standard


@pytest.fixture
def standards(policies):
    return {
        "unemployment": make(
            policies["社会保险科"],
            Scheme.UNEMPLOYMENT,
            "第13至24个月",
            "1740",
            D(2025, 4, 1),
            D(2025, 3, 17),
        ),
        "wage": make(
            policies["劳动关系科"],
            Scheme.MINIMUM_WAGE,
            "月最低工资标准",
            "2740",
            D(2025, 7, 1),
            D(2025, 6, 10),
        ),
        "pending": make(
            policies["draft"],
            Scheme.LAND_PENSION,
            "月生活费",
            "1700",
            D(2025, 1, 1),
            D(2025, 6, 5),
        ),
    }


def test_the_department_defaults_from_the_basis_policy(standards, departments):
    assert {key: s.department.name for key, s in standards.items()} == {
        "unemployment": "社会保险科",
        "wage": "劳动关系科",
        "pending": "社会保险科",
    }


def test_each_editor_sees_and_edits_only_their_departments_standards(
    client, editors, standards
):
    client.force_login(editors["社会保险科"])
    listing = client.get(LIST_URL)
    assert listing.status_code == 200
    assert "第13至24个月" in listing.text
    assert "月生活费" in listing.text
    assert "月最低工资标准" not in listing.text
    assert (
        client.get(f"{LIST_URL}edit/{standards['unemployment'].pk}/").status_code == 200
    )
    assert client.get(f"{LIST_URL}edit/{standards['wage'].pk}/").status_code in (
        302,
        403,
    )
    assert client.get(f"{LIST_URL}delete/{standards['wage'].pk}/").status_code in (
        302,
        403,
    )

    client.force_login(editors["劳动关系科"])
    listing = client.get(LIST_URL)
    assert "月最低工资标准" in listing.text
    assert "第13至24个月" not in listing.text
    assert client.get(f"{LIST_URL}edit/{standards['wage'].pk}/").status_code == 200
    assert client.get(
        f"{LIST_URL}edit/{standards['unemployment'].pk}/"
    ).status_code in (302, 403)
    export = client.get(LIST_URL, {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert [row.split(",")[1] for row in rows[1:]] == ["月最低工资标准"]


def _form(policy, department, **fields):
    data = {
        "scheme": "minimum_wage",
        "category": "小时最低工资标准",
        "amount": "25",
        "unit": "元/小时",
        "effective_from": "2025-07-01",
        "effective_to": "",
        "basis_policy": str(policy.pk),
        "decision_date": "2025-06-10",
        "disclosed_on": "",
        "department": str(department.pk),
    }
    data.update(fields)
    return data


def test_an_editor_files_a_standard_under_their_own_department(
    client, editors, departments, policies, standards
):
    client.force_login(editors["劳动关系科"])
    policy = policies["劳动关系科"]
    other = client.post(f"{LIST_URL}add/", _form(policy, departments["社会保险科"]))
    assert other.status_code == 200
    overlap = client.post(
        f"{LIST_URL}add/",
        _form(policy, departments["劳动关系科"], category="月最低工资标准"),
    )
    assert overlap.status_code == 200
    assert (
        "与已有标准（2740.00 元/月，2025-07-01 至 现在）的执行期间重叠。"
        in overlap.text
    )
    assert BenefitStandard.objects.count() == 3
    created = client.post(f"{LIST_URL}add/", _form(policy, departments["劳动关系科"]))
    assert created.status_code == 302
    standard = BenefitStandard.objects.get(category="小时最低工资标准")
    assert (standard.department.name, standard.due_date, standard.disclosed_on) == (
        "劳动关系科",
        D(2025, 7, 8),
        D(2025, 6, 20),
    )


def test_the_listing_filters_and_exports_with_the_due_date(
    client, superuser, standards
):
    client.force_login(superuser)

    def categories(**params):
        response = client.get(LIST_URL, {"export": "csv", **params})
        assert response.status_code == 200
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        return lines

    lines = categories()
    assert lines[0].split(",") == [
        "待遇项目",
        "类别",
        "标准",
        "单位",
        "调整前标准",
        "执行起始日",
        "执行截止日",
        "调整依据",
        "责任科室",
        "调整决定日期",
        "公开期限",
        "公开日期",
        "超期",
    ]
    # The land pension's policy is not published: not disclosed, overdue.
    assert sorted(lines[1:]) == sorted(
        [
            "失业保险金,第13至24个月,1740.00,元/月,,2025-04-01,,"
            "关于调整本市失业保险金支付标准的通知,社会保险科,2025-03-17,2025-04-15,"
            "2025-03-24,",
            "最低工资,月最低工资标准,2740.00,元/月,,2025-07-01,,"
            "关于调整本市最低工资标准的通知,劳动关系科,2025-06-10,2025-07-08,"
            "2025-06-20,",
            "征地养老,月生活费,1700.00,元/月,,2025-01-01,,"
            "关于调整本市征地养老人员生活费标准的通知,社会保险科,2025-06-05,2025-07-03,"
            ",已超期",
        ]
    )

    def names(**params):
        return [line.split(",")[1] for line in categories(**params)[1:]]

    assert names(scheme="minimum_wage") == ["月最低工资标准"]
    assert names(category="24个月") == ["第13至24个月"]
    assert sorted(names(effective_on="2025-05-01")) == ["月生活费", "第13至24个月"]
    assert names(overdue="true") == ["月生活费"]
    assert sorted(names(overdue="false")) == ["月最低工资标准", "第13至24个月"]
    listing = client.get(LIST_URL, {"overdue": "true"})
    assert "2025-07-03（已超期）" in listing.text


def test_publishing_the_basis_policy_discloses_its_standards(standards, policies):
    pending = standards["pending"]
    assert pending.disclosed_on is None
    policies["draft"].save_revision().publish()
    pending.refresh_from_db()
    assert pending.disclosed_on == datetime.date.today()
    assert pending.is_overdue() is True  # disclosed, but after 2025-07-03


def test_the_import_view_reports_by_line(client, editors, policies, tmp_path):
    client.force_login(editors["劳动关系科"])
    assert client.get(f"{LIST_URL}import/").status_code == 200
    path = write_csv(
        tmp_path / "最低工资.csv",
        [
            ["险种", "类别", "金额", "单位", "执行起始日", "依据政策", "决定日期"],
            ["最低工资", "月最低工资标准", "2690", "", "2024-07-01",
             "关于调整本市最低工资标准的通知", "2024-06-12"],
            ["最低工资", "小时最低工资标准", "24", "元/小时", "2024-07-01",
             "关于调整本市失业保险金支付标准的通知", "2024-06-12"],
        ],
    )  # fmt: skip
    with path.open("rb") as upload:
        response = client.post(f"{LIST_URL}import/", {"file": upload})
    assert response.status_code == 200
    assert "新建 1 条，更新 0 条，未变化 0 条，失败 1 条" in response.text
    assert (
        "第 3 行：只能导入本科室的待遇标准（请检查责任科室或依据政策的责任科室）"
        in response.text
    )
    assert list(BenefitStandard.objects.values_list("category", flat=True)) == [
        "月最低工资标准"
    ]
