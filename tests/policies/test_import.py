"""``manage.py import_policies``: bulk import of policies that are already public."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from cms.policies.importing import import_policy_record
from cms.policies.models import PolicyPage
from cms.taxonomy.models import Audience, Organization, ServiceItem, Topic

FULL_RECORD = {
    "title": "关于做好2024年高校毕业生就业补贴申领工作的通知",
    "doc_number": "闵人社规〔2024〕3号",
    "index_number": "11310112MB2F12345Q/2024-00042",
    "issuing_orgs": [
        "闵行区人力资源和社会保障局",
        "闵行区财政局",
        "闵行区新经济发展办公室",
    ],
    "topics": ["就业补贴", "新就业形态"],
    "audiences": ["高校毕业生", "平台从业人员"],
    "written_date": "2024-03-01",
    "publish_date": "2024-03-05",
    "effective_date": "2024-04-01",
    "expiry_date": "2029-03-31",
    "summary": "明确高校毕业生就业补贴的申领条件、标准和程序。",
    "body": "各有关单位：\n\n一、补贴对象 <离校两年内>\n毕业生 & 用人单位\n\n　　二、申领程序",
    "service_items": [
        {
            "name": "高校毕业生就业补贴申领",
            "code": "310112001000",
            "url": "https://zwdt.sh.gov.cn/item/310112001000",
        },
        {
            "name": "灵活就业登记",
            "code": None,
            "url": "https://zwdt.sh.gov.cn/item/lhjy",
        },
    ],
}


def record(**changes) -> dict:
    return {**FULL_RECORD, **changes}


def minimal(title: str, **fields) -> dict:
    return {"title": title, "written_date": "2024-05-10", **fields}


def write_jsonl(tmp_path, rows, name="policies.jsonl"):
    path = tmp_path / name
    lines = [
        row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)
        for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_policies", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_failing_import(path, **options):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_policies", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue(), str(caught.value)


def policy_fields(page: PolicyPage) -> dict:
    return {
        "title": page.title,
        "doc_number": page.doc_number,
        "doc_number_normalized": page.doc_number_normalized,
        "index_number": page.index_number,
        "written_date": page.written_date,
        "publish_date": page.publish_date,
        "effective_date": page.effective_date,
        "expiry_date": page.expiry_date,
        "validity_override": page.validity_override,
        "disclosure": page.disclosure,
        "interpretation_required": page.interpretation_required,
        "summary": page.summary,
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
    }


def body_blocks(page: PolicyPage) -> list:
    return [(child.block_type, child.value.source) for child in page.body]


def revision_count(page: PolicyPage) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_import_creates_live_policy_with_all_fields(site_tree, tmp_path):
    path = write_jsonl(tmp_path, [FULL_RECORD])

    out, err = run_import(path, progress=False)

    assert (out, err) == ("新建 1 条，更新 0 条，未变化 0 条，失败 0 条\n", "")
    page = PolicyPage.objects.get()
    assert policy_fields(page) == {
        "title": "关于做好2024年高校毕业生就业补贴申领工作的通知",
        "doc_number": "闵人社规〔2024〕3号",
        "doc_number_normalized": "闵人社规〔2024〕3号",
        "index_number": "11310112MB2F12345Q/2024-00042",
        "written_date": datetime.date(2024, 3, 1),
        "publish_date": datetime.date(2024, 3, 5),
        "effective_date": datetime.date(2024, 4, 1),
        "expiry_date": datetime.date(2029, 3, 31),
        "validity_override": "",
        "disclosure": "public",
        "interpretation_required": False,
        "summary": "明确高校毕业生就业补贴的申领条件、标准和程序。",
        "live": True,
        "has_unpublished_changes": False,
    }
    assert page.get_parent().pk == site_tree.policies.pk
    assert page.live_revision_id == page.latest_revision_id
    assert body_blocks(page) == [
        ("paragraph", "<p>各有关单位：</p>"),
        (
            "paragraph",
            "<p>一、补贴对象 &lt;离校两年内&gt;<br/>毕业生 &amp; 用人单位</p>",
        ),
        ("paragraph", "<p>二、申领程序</p>"),
    ]
    assert [org.name for org in page.ordered_issuers()] == [
        "闵行区人力资源和社会保障局",
        "闵行区财政局",
        "闵行区新经济发展办公室",
    ]
    new_org = Organization.objects.get(name="闵行区新经济发展办公室")
    assert (new_org.level, new_org.credit_code, new_org.parent_id) == (
        "district",
        "",
        None,
    )

    topics = {
        (t.name, t.slug, t.parent.name if t.parent else None) for t in page.topics.all()
    }
    assert topics == {
        ("就业补贴", "jiuye-butie", "就业创业"),
        ("新就业形态", "xin-jiu-ye-xing-tai", None),
    }
    audiences = {(a.name, a.slug, a.kind) for a in page.audiences.all()}
    assert audiences == {
        ("高校毕业生", "gaoxiao-biyesheng", "person"),
        ("平台从业人员", "ping-tai-cong-ye-ren-yuan", "person"),
    }
    links = [
        (
            link.sort_order,
            link.service_item.name,
            link.service_item.code,
            link.service_item.web_url,
        )
        for link in page.service_item_links.all()
    ]
    assert links == [
        (
            0,
            "高校毕业生就业补贴申领",
            "310112001000",
            "https://zwdt.sh.gov.cn/item/310112001000",
        ),
        (1, "灵活就业登记", None, "https://zwdt.sh.gov.cn/item/lhjy"),
    ]
    entries = PageLogEntry.objects.filter(page=page).order_by("pk")
    assert list(entries.values_list("action", "revision_id", "user_id")) == [
        ("wagtail.create", None, None),
        ("cms.import", page.live_revision_id, None),
    ]


def test_import_generates_index_number_and_links_existing_service_item(
    site_tree, bureau, tmp_path
):
    item = ServiceItem.objects.create(
        name="就业补贴申领（旧名称）",
        code="310112001000",
        web_url="https://example.cn/a",
    )
    path = write_jsonl(
        tmp_path,
        [
            minimal(
                "关于调整失业保险金标准的通知",
                issuing_orgs=["闵行区人力资源和社会保障局"],
                service_items=[
                    {"name": "另一个名称", "code": "310112001000", "url": ""}
                ],
            )
        ],
    )

    run_import(path, progress=False)

    page = PolicyPage.objects.get()
    assert page.index_number == f"{bureau.credit_code}/2024-00001"
    assert page.publish_date == datetime.date(2024, 5, 10)  # 成文日期 stands in
    assert [link.service_item_id for link in page.service_item_links.all()] == [item.pk]
    assert ServiceItem.objects.count() == 1


def test_reimport_with_changes_updates_the_same_page(site_tree, tmp_path):
    run_import(write_jsonl(tmp_path, [FULL_RECORD]), progress=False)
    page = PolicyPage.objects.get()
    changed = record(
        summary="修订后的摘要。",
        body="新的正文。",
        issuing_orgs=["闵行区财政局", "闵行区人力资源和社会保障局"],
        topics=["就业补贴"],
        service_items=[],
    )

    out, err = run_import(write_jsonl(tmp_path, [changed], "v2.jsonl"), progress=False)

    assert (out, err) == ("新建 0 条，更新 1 条，未变化 0 条，失败 0 条\n", "")
    updated = PolicyPage.objects.get()
    assert updated.pk == page.pk
    assert (updated.summary, updated.live, updated.has_unpublished_changes) == (
        "修订后的摘要。",
        True,
        False,
    )
    assert body_blocks(updated) == [("paragraph", "<p>新的正文。</p>")]
    assert [o.name for o in updated.ordered_issuers()] == [
        "闵行区财政局",
        "闵行区人力资源和社会保障局",
    ]
    assert [t.name for t in updated.topics.all()] == ["就业补贴"]
    assert list(updated.service_item_links.all()) == []
    assert revision_count(updated) == 2
    assert updated.live_revision_id == updated.latest_revision_id
    actions = PageLogEntry.objects.filter(page=updated).order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "wagtail.create",
        "cms.import",
        "cms.import",
    ]


def test_reimport_of_unchanged_file_changes_nothing(site_tree, tmp_path):
    rows = [
        FULL_RECORD,
        minimal("关于开展职业技能提升行动的通知", doc_number="闵人社发〔2024〕8号"),
        minimal("2024年政务公开工作要点", topics=["工作要点"], validity="废止"),
    ]
    path = write_jsonl(tmp_path, rows)
    run_import(path, progress=False)
    revisions = {page.pk: revision_count(page) for page in PolicyPage.objects.all()}
    counts = (
        Topic.objects.count(),
        Audience.objects.count(),
        ServiceItem.objects.count(),
    )

    out, err = run_import(path, progress=False)

    assert (out, err) == ("新建 0 条，更新 0 条，未变化 3 条，失败 0 条\n", "")
    assert {
        page.pk: revision_count(page) for page in PolicyPage.objects.all()
    } == revisions
    assert revisions == {pk: 1 for pk in revisions}
    assert (
        Topic.objects.count(),
        Audience.objects.count(),
        ServiceItem.objects.count(),
    ) == counts
    assert PageLogEntry.objects.filter(action="cms.import").count() == 3


def test_reimport_matches_doc_number_written_differently(site_tree, tmp_path):
    first = minimal("关于做好就业援助工作的通知", doc_number="闵人社发〔2025〕19号")
    run_import(write_jsonl(tmp_path, [first]), progress=False)
    page = PolicyPage.objects.get()
    again = minimal(
        "关于做好就业援助工作的通知（更正）", doc_number="闵人社发 [2025] 019 号"
    )

    out, _err = run_import(write_jsonl(tmp_path, [again], "v2.jsonl"), progress=False)

    assert out == "新建 0 条，更新 1 条，未变化 0 条，失败 0 条\n"
    updated = PolicyPage.objects.get()
    assert (updated.pk, updated.title, updated.doc_number, updated.index_number) == (
        page.pk,
        "关于做好就业援助工作的通知（更正）",
        "闵人社发 [2025] 019 号",
        page.index_number,
    )


def test_reimport_matches_title_and_written_date_without_numbers(site_tree, tmp_path):
    run_import(
        write_jsonl(tmp_path, [minimal("关于公布2024年度见习基地名单的公告")]),
        progress=False,
    )
    page = PolicyPage.objects.get()
    rows = [
        minimal("关于公布2024年度见习基地名单的公告", summary="补充了摘要。"),
        minimal("关于公布2024年度见习基地名单的公告", written_date="2024-11-01"),
    ]

    out, _err = run_import(write_jsonl(tmp_path, rows, "v2.jsonl"), progress=False)

    assert out == "新建 1 条，更新 1 条，未变化 0 条，失败 0 条\n"
    pages = PolicyPage.objects.order_by("written_date")
    assert [(p.pk == page.pk, p.written_date, p.summary) for p in pages] == [
        (True, datetime.date(2024, 5, 10), "补充了摘要。"),
        (False, datetime.date(2024, 11, 1), ""),
    ]


def test_same_title_and_date_under_another_doc_number_is_another_policy(
    site_tree, tmp_path
):
    rows = [
        minimal("关于公布见习基地名单的公告", doc_number="闵人社发〔2024〕5号"),
        minimal("关于公布见习基地名单的公告", doc_number="闵人社发〔2024〕6号"),
    ]

    out, _err = run_import(write_jsonl(tmp_path, rows), progress=False)

    assert out == "新建 2 条，更新 0 条，未变化 0 条，失败 0 条\n"
    assert sorted(PolicyPage.objects.values_list("doc_number", flat=True)) == [
        "闵人社发〔2024〕5号",
        "闵人社发〔2024〕6号",
    ]


def test_user_option_attributes_revisions_and_log_entries(
    site_tree, superuser, tmp_path
):
    path = write_jsonl(tmp_path, [minimal("由指定用户导入的政策")])

    run_import(path, user="root", progress=False)

    page = PolicyPage.objects.get()
    entries = PageLogEntry.objects.filter(page=page).order_by("pk")
    assert list(entries.values_list("action", "user_id")) == [
        ("wagtail.create", superuser.pk),
        ("cms.import", superuser.pk),
    ]
    assert page.live_revision.user_id == superuser.pk
    _out, _err, message = run_failing_import(path, user="nobody")
    assert message == "找不到用户：nobody"


def test_bad_lines_are_reported_and_the_rest_imported(site_tree, tmp_path):
    rows = [
        minimal("第一条好的政策"),
        '{"title": "坏的 JSON", ',
        minimal("日期格式错误", written_date="2024/05/10"),
        {"written_date": "2024-05-10", "topics": ["不应出现的主题"]},
        minimal("有效性错误", validity="暂停"),
        minimal("发布早于成文", publish_date="2024-05-01"),
        "",
        minimal("第一条好的政策"),
        "[1, 2]",
        minimal("不存在的日期", expiry_date="2024-02-30"),
        minimal("第二条好的政策", topics=["新主题"]),
    ]

    out, err, message = run_failing_import(write_jsonl(tmp_path, rows), progress=False)

    assert out == "新建 2 条，更新 0 条，未变化 0 条，失败 8 条\n"
    assert err.splitlines() == [
        "第 2 行：不是有效的 JSON（第 22 列附近）",
        "第 3 行：成文日期格式应为 YYYY-MM-DD",
        "第 4 行：缺少标题",
        "第 5 行：有效性应为 有效、失效、废止 或 已修订，不能是“暂停”",
        "第 6 行：发布日期不能早于成文日期",
        "第 8 行：与第 1 行是同一政策《第一条好的政策》，文件中不能重复",
        "第 9 行：每行应为一个 JSON 对象",
        "第 10 行：失效日期 2024-02-30 不是有效的日期",
    ]
    assert message == "8 行未能导入，其余各行已导入"
    assert sorted(PolicyPage.objects.values_list("title", flat=True)) == [
        "第一条好的政策",
        "第二条好的政策",
    ]
    assert PolicyPage.objects.filter(live=True).count() == 2
    assert not Topic.objects.filter(name="不应出现的主题").exists()
    assert Topic.objects.filter(name="新主题", parent=None).exists()


def test_doc_number_clash_rolls_back_the_whole_line(site_tree, tmp_path):
    rows = [
        minimal(
            "甲政策", doc_number="闵人社发〔2024〕1号", index_number="X/2024-00001"
        ),
        minimal(
            "乙政策", doc_number="闵人社发〔2024〕2号", index_number="X/2024-00002"
        ),
    ]
    run_import(write_jsonl(tmp_path, rows), progress=False)
    clash = minimal(
        "甲政策（新）",
        doc_number="闵人社发[2024]2号",
        index_number="X/2024-00001",
        topics=["不应出现的主题"],
        issuing_orgs=["不应出现的机构"],
    )

    out, err, _message = run_failing_import(
        write_jsonl(tmp_path, [clash], "v2.jsonl"), progress=False
    )

    assert out == "新建 0 条，更新 0 条，未变化 0 条，失败 1 条\n"
    assert err == "第 1 行：发文字号与已有政策《乙政策》重复。\n"
    assert list(
        PolicyPage.objects.order_by("title").values_list("title", "doc_number")
    ) == [
        ("乙政策", "闵人社发〔2024〕2号"),
        ("甲政策", "闵人社发〔2024〕1号"),
    ]
    assert not Topic.objects.filter(name="不应出现的主题").exists()
    assert not Organization.objects.filter(name="不应出现的机构").exists()
    assert revision_count(PolicyPage.objects.get(title="甲政策")) == 1


def test_validity_maps_to_override(site_tree, tmp_path):
    rows = [
        minimal("有效的政策", validity="有效"),
        minimal("未写有效性的政策"),
        minimal("到期的政策", validity="有效", expiry_date="2024-06-01"),
        minimal("失效的政策", validity="失效"),
        minimal("废止的政策", validity="废止"),
        minimal("已修订的政策", validity="已修订"),
    ]

    run_import(write_jsonl(tmp_path, rows), progress=False)

    pages = PolicyPage.objects.all()
    assert {p.title: (p.validity_override, p.validity) for p in pages} == {
        "有效的政策": ("", "valid"),
        "未写有效性的政策": ("", "valid"),
        "到期的政策": ("", "expired"),
        "失效的政策": ("expired", "expired"),
        "废止的政策": ("repealed", "repealed"),
        "已修订的政策": ("amended", "amended"),
    }


def test_parent_option_and_progress_bar(site_tree, tmp_path, capsys):
    path = write_jsonl(tmp_path, [minimal("放入指定文件库的政策")])

    run_import(path, parent=site_tree.policies.pk, progress=True)

    assert PolicyPage.objects.get().get_parent().pk == site_tree.policies.pk
    assert "导入政策" in capsys.readouterr().err
    _out, _err, message = run_failing_import(path, parent=site_tree.home.pk)
    assert message == f"找不到 ID 为 {site_tree.home.pk} 的政策文件库页面"


def test_missing_file_is_reported(site_tree, tmp_path):
    _out, _err, message = run_failing_import(tmp_path / "none.jsonl")

    assert message == f"找不到文件：{tmp_path / 'none.jsonl'}"


def test_service_records_one_policy_and_reports_its_status(site_tree):
    row = minimal("由服务函数导入的政策", doc_number="闵人社发〔2024〕30号")

    page, status = import_policy_record(row)
    again, again_status = import_policy_record(row)

    assert (status, again_status, again.pk) == ("created", "unchanged", page.pk)
    assert (page.live, page.doc_number_normalized) == (True, "闵人社发〔2024〕30号")
