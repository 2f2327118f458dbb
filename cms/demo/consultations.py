"""Demo 征求意见 and 重大行政决策: an open 惠企 draft with comments, a closed draft with
its published 意见采纳情况, a closed draft whose window was shortened for a stated
reason, and the 2025 decision catalog with one meeting."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.consultations.models import (
    CommenterType,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    Decision,
    DecisionMeeting,
    DecisionStage,
    DraftKind,
    EnterpriseSize,
    FollowUpStatus,
    Industry,
    MajorDecisionCatalogPage,
    MajorDecisionPage,
    MeetingAttendee,
    MeetingKind,
    ModerationStatus,
    RepresentativeCategory,
    RepresentativeSuggestion,
)
from cms.consultations.services import adoption_report_generate
from cms.taxonomy.models import Organization

D = datetime.date
DAY = datetime.timedelta(days=1)

OPEN_COMMENTS = [
    # (type, industry, size, name, content, contact, moderation)
    (
        "enterprise",
        Industry.MANUFACTURING,
        EnterpriseSize.SMALL,
        "上海闵联精密机械有限公司",
        "建议将吸纳重点群体就业的一次性补贴标准由每人1000元提高至1500元，并简化申领材料。",
        "13800001111",
        ModerationStatus.APPROVED,
    ),
    (
        "enterprise",
        Industry.INFORMATION,
        EnterpriseSize.MICRO,
        "",
        "建议允许小微企业按季度集中申领稳岗补贴，减少每月申报的工作量。",
        "hr@example.com",
        ModerationStatus.APPROVED,
    ),
    (
        "individual",
        "",
        "",
        "陈先生",
        "建议明确灵活就业人员是否适用本措施。",
        "",
        ModerationStatus.APPROVED,
    ),
    (
        "individual",
        "",
        "",
        "",
        "希望政策解读能配图示说明申领流程。",
        "021-64121234",
        ModerationStatus.PENDING,
    ),
    (
        "individual",
        "",
        "",
        "刘女士",
        "建议延长政策有效期至2027年底。",
        "",
        ModerationStatus.PENDING,
    ),
]

CLOSED_COMMENTS = [
    (
        "enterprise",
        Industry.BUSINESS_SERVICES,
        EnterpriseSize.MEDIUM,
        "上海某人力资源服务有限公司",
        "建议将见习补贴标准与本市最低工资标准挂钩动态调整。",
        Decision.ADOPTED,
        "",
    ),
    (
        "enterprise",
        Industry.MANUFACTURING,
        EnterpriseSize.SMALL,
        "",
        "建议见习期满留用率达到50%的见习基地给予额外奖励。",
        Decision.PARTLY_ADOPTED,
        "留用奖励按市级政策执行，区级对留用率较高的基地在年度评估中予以加分。",
    ),
    (
        "individual",
        "",
        "",
        "",
        "建议见习人员年龄上限放宽至40周岁。",
        Decision.NOT_ADOPTED,
        "见习对象年龄范围由市级政策统一规定（16-24岁失业青年及离校2年内未就业高校毕业生），区级无权调整。",
    ),
]


def _publish(page, editor) -> None:
    page.save_revision(user=editor).publish(user=None, skip_permission_checks=True)


def _add_comments(page: ConsultationPage, rows: list[dict], first: datetime.datetime):
    if page.consultation_comments.exists():
        return
    for n, row in enumerate(rows):
        enterprise = row["commenter_type"] == CommenterType.ENTERPRISE
        ConsultationComment.objects.create(
            consultation=page,
            receipt_number=f"YJDEMO{page.pk:04d}{n + 1:02d}",
            created_at=first + n * datetime.timedelta(hours=5),
            **{
                **row,
                "industry": row.get("industry", "") if enterprise else "",
                "enterprise_size": row.get("enterprise_size", "") if enterprise else "",
            },
        )


def _open_rows() -> list[dict]:
    keys = (
        "commenter_type",
        "industry",
        "enterprise_size",
        "name",
        "content",
        "contact",
        "moderation_status",
    )
    return [dict(zip(keys, row, strict=True)) for row in OPEN_COMMENTS]


def _closed_rows() -> list[dict]:
    keys = (
        "commenter_type",
        "industry",
        "enterprise_size",
        "name",
        "content",
        "decision",
        "decision_reason",
    )
    return [
        {
            **dict(zip(keys, row, strict=True)),
            "moderation_status": ModerationStatus.APPROVED,
        }
        for row in CLOSED_COMMENTS
    ]


def _consultation(
    section, editor, slug: str, **fields
) -> tuple[ConsultationPage, bool]:
    page = ConsultationPage.objects.child_of(section).filter(slug=slug).first()
    if page is not None:
        return page, False
    # Published at 09:00 on its opening day: the window runs as planned.
    fields.setdefault(
        "first_published_at",
        timezone.make_aware(
            datetime.datetime.combine(fields["open_date"], datetime.time(9))
        ),
    )
    page = ConsultationPage(slug=slug, owner=editor, live=False, **fields)
    section.add_child(instance=page)
    _publish(page, editor)
    return page, True


def load_consultations_demo(*, home, editor) -> dict[str, int]:
    """Idempotent: what exists (by slug) is left as it is."""
    section = ConsultationIndexPage.objects.child_of(home).get()
    employment = Organization.objects.filter(name="就业促进科").first()
    office = Organization.objects.filter(name="办公室").first()
    today = timezone.localdate()
    created = {"consultations": 0, "decisions": 0}

    open_page, new = _consultation(
        section,
        editor,
        "wengang-kuogang-zhengqiu",
        title="闵行区支持企业稳岗扩岗的若干措施（征求意见稿）",
        kind=DraftKind.NORMATIVE,
        is_market_related=True,
        is_enterprise_related=True,
        open_date=today - 5 * DAY,
        close_date=today + 30 * DAY,
        department=employment,
        summary="面向区内中小微企业的稳岗扩岗补贴、社保补贴和培训支持措施，公开征求社会各界特别是企业的意见。",
        body=[
            (
                "paragraph",
                "<p>第一条 为进一步稳定和扩大就业，支持企业稳岗扩岗，结合本区实际，制定本措施。</p>",
            ),
            (
                "paragraph",
                "<p>第二条 对吸纳本区户籍登记失业人员就业并缴纳社会保险满6个月的企业，给予一次性吸纳就业补贴每人1000元。</p>",
            ),
            (
                "paragraph",
                "<p>第三条 本措施自2026年1月1日起施行，有效期至2026年12月31日。</p>",
            ),
        ],
        explanation="<p>一、起草背景：落实国家和本市稳就业政策要求。</p><p>二、主要内容：吸纳就业补贴、稳岗补贴和培训支持。</p>",
        contact_phone="021-64120000",
        contact_email="jiuye@example.gov.cn",
        contact_address="上海市闵行区沪闵路6258号 闵行区人力资源和社会保障局就业促进科",
    )
    created["consultations"] += new
    _add_comments(
        open_page,
        _open_rows(),
        timezone.make_aware(
            datetime.datetime.combine(open_page.open_date, datetime.time(9))
        ),
    )

    closed_page, new = _consultation(
        section,
        editor,
        "jiuye-jianxi-zhengqiu",
        title="闵行区就业见习管理办法（征求意见稿）",
        kind=DraftKind.NORMATIVE,
        open_date=D(2025, 9, 1),
        close_date=D(2025, 9, 12),
        department=employment,
        summary="规范就业见习基地管理和见习补贴发放。",
        body=[("paragraph", "<p>第一条 为规范本区就业见习工作，制定本办法。</p>")],
        explanation="<p>根据本市就业见习管理有关规定，结合本区实际起草。</p>",
        contact_phone="021-64120001",
    )
    created["consultations"] += new
    if new:
        _add_comments(
            closed_page,
            _closed_rows(),
            timezone.make_aware(datetime.datetime(2025, 9, 2, 10)),
        )
        revision = adoption_report_generate(consultation=closed_page, user=editor)
        revision.publish(user=None, skip_permission_checks=True)

    # A window shorter than the general 30 days, with the reason the public reads.
    _page, new = _consultation(
        section,
        editor,
        "xina-jiuye-butie-jingban-zhengqiu",
        title="闵行区一次性吸纳就业补贴申领经办规程（征求意见稿）",
        kind=DraftKind.NORMATIVE,
        is_market_related=True,
        open_date=D(2025, 12, 1),
        close_date=D(2025, 12, 10),
        short_window_reason=(
            "本规程须在2026年1月1日补贴申领启动前印发，以保障企业按期申领。"
            "经局长办公会议研究，征求意见期缩短为10日。"
        ),
        department=employment,
        summary="明确一次性吸纳就业补贴的申领材料、办理时限和资金拨付流程。",
        body=[
            (
                "paragraph",
                "<p>第一条 为规范一次性吸纳就业补贴经办工作，制定本规程。</p>",
            )
        ],
        explanation="<p>根据本区稳岗扩岗政策起草，细化经办流程。</p>",
        contact_phone="021-64120000",
    )
    created["consultations"] += new

    catalog = MajorDecisionCatalogPage.objects.filter(year=2025).first()
    if catalog is None:
        catalog = MajorDecisionCatalogPage(
            title="2025年度重大行政决策事项目录",
            slug="zhongda-juece-2025",
            year=2025,
            department=office,
            intro="<p>根据《闵行区人力资源和社会保障局重大行政决策程序规定》，现将本局2025年度重大行政决策事项目录予以公布。</p>",
            owner=editor,
            live=False,
        )
        section.add_child(instance=catalog)
        _publish(catalog, editor)
    decisions = [
        dict(
            slug="jineng-tisheng-fangan",
            title="闵行区职业技能提升行动实施方案（2025-2027年）",
            stage=DecisionStage.DECIDED,
            summary="围绕重点产业开展大规模职业技能培训，完善技能人才评价激励机制。",
            legal_basis="《职业技能提升行动方案》《上海市职业技能提升行动实施方案》",
            planned_date="2025年第二季度",
            decision_date=D(2025, 6, 20),
            result="<p>2025年6月20日经局长办公会议审议通过，同意印发实施。</p>",
            consultation=closed_page,
        ),
        dict(
            slug="wengang-kuogang-cuoshi",
            title="闵行区支持企业稳岗扩岗的若干措施",
            stage=DecisionStage.CONSULTING,
            summary="制定面向中小微企业的稳岗扩岗支持措施。",
            planned_date="2025年第四季度",
            consultation=open_page,
        ),
        dict(
            slug="chanyeyuan-guihua",
            title="闵行人力资源服务产业园发展规划",
            stage=DecisionStage.PROPOSED,
            summary="明确产业园功能定位、入驻机构培育和公共服务配套。",
            planned_date="2026年第一季度",
        ),
    ]
    pages = {}
    for spec in decisions:
        page = (
            MajorDecisionPage.objects.child_of(catalog)
            .filter(slug=spec["slug"])
            .first()
        )
        if page is None:
            page = MajorDecisionPage(
                department=employment, owner=editor, live=False, **spec
            )
            catalog.add_child(instance=page)
            _publish(page, editor)
            created["decisions"] += 1
        pages[spec["slug"]] = page

    decided = pages["jineng-tisheng-fangan"]
    if not decided.meetings.exists():
        meeting = DecisionMeeting.objects.create(
            decision=decided,
            kind=MeetingKind.DIRECTORS_MEETING,
            date=D(2025, 6, 20),
            topic="审议《闵行区职业技能提升行动实施方案（2025-2027年）》",
            is_public=True,
        )
        for name, category, affiliation in [
            ("周明", RepresentativeCategory.EXPERT, "华东师范大学 教授"),
            ("吴芳", RepresentativeCategory.DEPUTY, "区人大代表"),
            ("郑强", RepresentativeCategory.PUBLIC, "上海某智能制造企业 人力资源总监"),
            ("王律", RepresentativeCategory.LEGAL_ADVISER, "本局法律顾问"),
            ("孙丽", RepresentativeCategory.GRASSROOTS, "莘庄镇社区就业服务站 站长"),
        ]:
            MeetingAttendee.objects.create(
                meeting=meeting, name=name, category=category, affiliation=affiliation
            )
        RepresentativeSuggestion.objects.create(
            meeting=meeting,
            representative="郑强",
            category=RepresentativeCategory.PUBLIC,
            content="建议培训补贴向中小企业倾斜，并支持企业自主开展技能等级认定。",
            status=FollowUpStatus.CLOSED,
            handling_department=Organization.objects.filter(
                name="职业能力建设科"
            ).first(),
            response="已在实施方案第五条增加对中小企业的倾斜措施，并将企业自主评价纳入支持范围。",
            responded_on=D(2025, 7, 10),
        )
        RepresentativeSuggestion.objects.create(
            meeting=meeting,
            representative="孙丽",
            category=RepresentativeCategory.GRASSROOTS,
            content="建议在社区就业服务站设置技能培训报名点。",
            status=FollowUpStatus.IN_PROGRESS,
            handling_department=Organization.objects.filter(
                name="闵行区就业促进中心"
            ).first(),
        )
    return created
