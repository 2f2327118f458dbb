from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from cms.catalog.choices import Area, BindingKind, Channel, Source, TimeLimitKind
from cms.catalog.importing import (
    CatalogImporter,
    export_catalog_xlsx,
    flat_headers,
    read_catalog_xlsx,
)
from cms.catalog.models import CatalogBinding, CatalogItem
from cms.catalog.seed import LOCAL_ITEMS, STANDARD_ITEMS
from cms.catalog.selectors import catalog_items
from cms.catalog.status import item_status
from cms.policies.models import PolicyPage
from tests.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def item(**fields) -> CatalogItem:
    defaults = dict(
        area=Area.EMPLOYMENT,
        source=Source.LOCAL,
        level1="就业信息服务",
        level2="零工市场信息发布",
        elements="岗位\n报酬",
        basis="《中华人民共和国就业促进法》",
        time_limit_days=20,
        subject="闵行区人力资源和社会保障局",
        channels=[Channel.WEBSITE],
    )
    defaults.update(fields)
    return CatalogItem(**defaults)


def test_the_seed_has_the_guideline_items_and_the_bureaus_own(site_tree):
    paths = set(CatalogItem.objects.values_list("path", flat=True))
    assert len(paths) == len(STANDARD_ITEMS) + len(LOCAL_ITEMS)
    assert "就业信息服务 › 岗位信息发布" in paths
    assert "社会保险登记 › 参保单位注销" in paths
    assert "社会保险登记 › 职工参保登记" in paths
    standard = CatalogItem.objects.filter(source=Source.STANDARD)
    assert {row.area for row in standard} == {Area.EMPLOYMENT, Area.SOCIAL_INSURANCE}
    assert all(not row.missing_elements() for row in CatalogItem.objects.all())
    # Seeding again changes nothing.
    from cms.catalog.seed import seed_catalog

    seed_catalog()
    assert CatalogItem.objects.count() == len(paths)


def test_a_local_item_may_not_repeat_a_guideline_item(site_tree):
    with pytest.raises(ValidationError) as error:
        item(level2="岗位信息发布").full_clean()
    assert error.value.message_dict == {
        "level2": [
            "“岗位信息发布”与标准指引的二级事项“就业信息服务 › 岗位信息发布”重叠，"
            "本局补充事项不得与上级事项交叉重叠；如需细化，请在该事项下填写三级事项"
        ]
    }
    # Numbering and spaces do not hide the overlap.
    with pytest.raises(ValidationError) as error:
        item(level1="1.就业信息服务", level2="1.2 岗位 信息发布").full_clean()
    assert list(error.value.message_dict) == ["level2"]
    # A 二级 item under another 一级 item, and a 一级 name used as 二级, overlap too.
    with pytest.raises(ValidationError) as error:
        item(level1="本局服务", level2="岗位信息发布", level3="夜市招聘").full_clean()
    assert error.value.message_dict["level2"] == [
        "二级事项“岗位信息发布”属于标准指引的一级事项“就业信息服务”，不能列在“本局服务”下"
    ]
    with pytest.raises(ValidationError) as error:
        item(level1="本局服务", level2="社会保险登记").full_clean()
    assert "一级事项“社会保险登记”重叠" in error.value.message_dict["level2"][0]
    with pytest.raises(ValidationError) as error:
        item(level2="零工市场", level3="求职信息登记").full_clean()
    assert list(error.value.message_dict) == ["level3"]


def test_a_local_item_may_add_or_refine_below_the_guideline(site_tree):
    item().full_clean()  # a new 二级 item under a guideline 一级 item
    item(level2="岗位信息发布", level3="重点群体专场招聘").full_clean()  # 细化
    # The guideline's own items are not checked against themselves.
    item(
        source=Source.STANDARD, level2="岗位信息发布", level1="就业信息服务"
    ).full_clean()


def test_missing_elements_are_named(site_tree):
    bare = item(elements="", basis="", subject="", channels=[], time_limit_days=None)
    bare.proactive = bare.on_application = False
    assert bare.missing_elements() == [
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开方式",
    ]
    assert (
        item(
            time_limit_kind=TimeLimitKind.STANDING, time_limit_days=None
        ).missing_elements()
        == []
    )


def test_export_then_import_changes_nothing(site_tree):
    items = list(catalog_items())
    data = export_catalog_xlsx(items)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[1]][:3] == ["序号", "公开事项", None]
    assert [cell.value for cell in sheet[2]][1:4] == [
        "一级事项",
        "二级事项",
        "三级事项",
    ]
    third = [cell.value for cell in sheet[3]]
    first = items[0]
    assert third[1:3] == [first.level1, first.level2]
    assert third[6] == "信息形成或变更之日起20个工作日内公开"
    assert third[8] == "■政府网站\n■政务服务中心\n■其他"

    source = read_catalog_xlsx(data)
    assert source.headers[:4] == [
        "序号",
        "公开事项/一级事项",
        "公开事项/二级事项",
        "公开事项/三级事项",
    ]
    assert source.headers == flat_headers()
    report = CatalogImporter().run(source)
    assert (report.errors, report.created, report.updated, report.unchanged) == (
        [],
        0,
        0,
        len(items),
    )


def _sheet(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    headers = flat_headers()
    sheet.append([header.split("/")[0] for header in headers])
    sheet.append(
        [header.split("/")[1] if "/" in header else None for header in headers]
    )
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_creates_items_and_reports_overlaps_by_row(site_tree):
    good = [
        1,
        "就业信息服务",
        "零工市场信息发布",
        "",
        "岗位\n报酬",
        "《就业促进法》",
        "作出决定之日起7个工作日内公开",
        "区人社局",
        "■政府网站\n□政府公报\n■精准推送",
        "√",
        "",
        "√",
        "",
        "√",
        "",
        "就业",
        "本局补充",
    ]
    overlap = [
        2,
        "就业信息服务",
        "岗位信息发布",
        "",
        "x",
        "y",
        "长期公开",
        "区人社局",
        "政府网站",
        "√",
        "",
        "√",
        "",
        "√",
        "",
        "就业",
        "本局补充",
    ]
    bad_channel = [
        3,
        "就业信息服务",
        "招聘会",
        "",
        "x",
        "y",
        "20个工作日",
        "区人社局",
        "抖音",
        "√",
        "",
        "√",
        "",
        "√",
        "",
        "就业",
        "本局补充",
    ]
    report = CatalogImporter().run(
        read_catalog_xlsx(_sheet([good, overlap, bad_channel]))
    )
    assert report.created == 1
    assert [(error.line, str(error)) for error in report.errors] == [
        (
            4,
            "第 4 行：事项来源：“就业信息服务 › 岗位信息发布”是标准指引中的事项，不能改为本局补充",
        ),
        (
            5,
            "第 5 行：公开渠道和载体中的“抖音”不在规定的渠道中（政府网站、政府公报、两微一端、"
            "发布会/听证会、广播电视、纸质媒体、公开查阅点、政务服务中心、便民服务站、入户/现场、"
            "公示栏、精准推送、其他）",
        ),
    ]
    created = CatalogItem.objects.get(path="就业信息服务 › 零工市场信息发布")
    assert (created.time_limit_kind, created.time_limit_days) == (
        TimeLimitKind.DECISION,
        7,
    )
    assert created.channels == [Channel.WEBSITE, Channel.TARGETED_PUSH]
    assert (created.for_public, created.for_specific_groups, created.proactive) == (
        True,
        False,
        True,
    )


def test_status_follows_the_bound_content_and_the_working_day_limit(site_tree, bureau):
    regulations = CatalogItem.objects.get(path="政策文件及解读 › 规范性文件")
    binding = regulations.bindings.get()
    assert (binding.kind, binding.filters) == (
        BindingKind.PAGE_TYPE,
        {"is_normative": True},
    )
    # Formed 2026-09-30 (Wed); 国庆 1–7 Oct are days off and Sat 10 Oct is a 调休
    # working day: the 20th working day is 2026-11-03.
    regulations.formed_on = datetime.date(2026, 9, 30)
    regulations.save()
    status = item_status(regulations, today=datetime.date(2026, 11, 3))
    assert (status.has_content, status.overdue, status.deadline) == (
        False,
        False,
        datetime.date(2026, 11, 3),
    )
    status = item_status(regulations, today=datetime.date(2026, 11, 4))
    assert (status.overdue, status.state) == (True, "逾期未公开")

    # A non-normative policy does not fulfil it; a normative one published since does.
    PolicyPageFactory(parent=site_tree.policies, issuers=[bureau], is_normative=False)
    assert not item_status(regulations, today=datetime.date(2026, 11, 4)).has_content
    policy = PolicyPageFactory(
        parent=site_tree.policies, issuers=[bureau], is_normative=True
    )
    published = timezone.make_aware(datetime.datetime(2026, 10, 20, 10))
    PolicyPage.objects.filter(pk=policy.pk).update(last_published_at=published)
    status = item_status(regulations, today=datetime.date(2026, 11, 4))
    assert (
        status.has_content,
        status.content_count,
        status.last_updated,
        status.overdue,
    ) == (
        True,
        1,
        published,
        False,
    )
    assert status.state == "正常"


def test_a_binding_with_a_bad_filter_is_refused(site_tree):
    regulations = CatalogItem.objects.get(path="政策文件及解读 › 规范性文件")
    binding = regulations.bindings.get()
    binding.filters = {"no_such_field": 1}
    with pytest.raises(ValidationError) as error:
        binding.full_clean()
    assert list(error.value.message_dict) == ["filters"]
    record = CatalogBinding(
        item=regulations, kind=BindingKind.RECORD_TYPE, record_type="nope"
    )
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict == {
        "record_type": ["“nope”不是公众搜索登记的记录类型"]
    }
    CatalogBinding(
        item=regulations, kind=BindingKind.RECORD_TYPE, record_type="question"
    ).full_clean()


def test_admin_shows_the_status_report_and_exports(client, superuser, site_tree):
    client.force_login(superuser)
    response = client.get("/admin/catalog/status/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-item="就业信息服务 › 岗位信息发布" data-state="暂无内容"' in body
    response = client.get("/admin/catalog/export.xlsx")
    assert response.status_code == 200
    exported = load_workbook(io.BytesIO(response.content)).active
    assert exported.max_row == 2 + CatalogItem.objects.count()
    response = client.get("/admin/snippets/catalog/catalogitem/add/")
    assert response.status_code == 200
    assert 'value="targeted_push"' in response.content.decode()


def _form(**fields):
    data = {
        "area": Area.EMPLOYMENT,
        "source": Source.LOCAL,
        "sequence": "9",
        "level1": "就业信息服务",
        "level2": "零工市场信息发布",
        "level3": "",
        "elements": "岗位",
        "basis": "《就业促进法》",
        "time_limit_kind": TimeLimitKind.FORMED,
        "time_limit_days": "20",
        "subject": "区人社局",
        "channels": [Channel.WEBSITE, Channel.NEW_MEDIA],
        "for_public": "on",
        "proactive": "on",
        "level_district": "on",
        "is_listed": "on",
        "bindings-TOTAL_FORMS": "0",
        "bindings-INITIAL_FORMS": "0",
        "bindings-MIN_NUM_FORMS": "0",
        "bindings-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_admin_refuses_an_overlapping_item_with_a_field_error(
    client, superuser, site_tree
):
    client.force_login(superuser)
    before = CatalogItem.objects.count()
    response = client.post(
        "/admin/snippets/catalog/catalogitem/add/", _form(level2="岗位信息发布")
    )
    assert response.status_code == 200
    assert "与标准指引的二级事项“就业信息服务 › 岗位信息发布”重叠" in (
        response.content.decode()
    )
    assert CatalogItem.objects.count() == before
    response = client.post("/admin/snippets/catalog/catalogitem/add/", _form())
    assert response.status_code == 302
    created = CatalogItem.objects.get(path="就业信息服务 › 零工市场信息发布")
    assert created.channels == [Channel.WEBSITE, Channel.NEW_MEDIA]
