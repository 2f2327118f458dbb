"""Reply notices (告知书): wording per reply type with its legal basis, stored privately."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from api.content.pdf import count_pdf_pages
from cms.disclosure import reply_types
from cms.disclosure.models import Correction, DisclosureApplication, Extension, Status
from cms.disclosure.notices import generate_reply_notice, latest_notice, render_notice
from cms.disclosure.reply_types import REASONS_BY_TYPE, ReplyReason, ReplyType
from cms.disclosure.report_models import ReplyNotice, private_storage

pytestmark = pytest.mark.django_db

D = datetime.date
REG = "《中华人民共和国政府信息公开条例》"
REPLIED_ON = D(2025, 10, 20)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def replied(
    reply_type: str,
    reason: str = "",
    text: str = "",
    *,
    on: D = REPLIED_ON,
    **fields,
) -> DisclosureApplication:
    """An application answered with the given reply (built directly, as staff left it)."""
    from tests.disclosure.conftest import make_application

    application = make_application(**fields).application
    application.status = Status.REPLIED
    application.reply_type = reply_type
    application.reply_reason = reason
    application.reply_text = text
    application.replied_on = on
    application.save()
    return application


def test_every_reason_belongs_to_exactly_one_type_and_has_a_basis():
    assert len(reply_types.TYPE_BY_REASON) == len(ReplyReason.values) == 19
    assert {t: len(r) for t, r in REASONS_BY_TYPE.items()} == {
        "disclose": 0,
        "partial": 0,
        "withhold": 8,
        "unable": 3,
        "not_processed": 5,
        "other": 3,
    }
    assert [r for r in ReplyReason if not reply_types.REASON_BASIS[r]] == [
        ReplyReason.OTHER
    ]
    assert reply_types.legal_basis(reply_type="withhold", reason="third_party") == (
        "第十五条"
    )
    with pytest.raises(ValueError):
        reply_types.legal_basis(reply_type="unable", reason="third_party")


def test_disclose_notice_in_full():
    application = replied(
        ReplyType.DISCLOSE,
        text="该信息已在本局网站“政府信息公开—财政资金”栏目公开。",
        received_at=datetime.datetime(2025, 9, 27, 9, tzinfo=datetime.UTC),
        name="李华",
    )
    content = render_notice(application)
    assert content.title == "政府信息公开申请答复告知书（予以公开）"
    assert content.salutation == "李华："
    assert content.paragraphs == [
        f"本机关于2025年9月28日收到您提出的政府信息公开申请（申请编号："
        f"{application.tracking_number}），申请获取“本区2024年职业技能培训补贴发放名单”。",
        "经审查，现答复如下：",
        f"您申请获取的政府信息属于公开范围。根据{REG}第三十六条第（一）项、第（二）项的规定，"
        "本机关向您提供该政府信息（见附件），或告知您获取该政府信息的方式、途径。",
        "该信息已在本局网站“政府信息公开—财政资金”栏目公开。",
        "如对本答复不服，可以自收到本告知书之日起六十日内向闵行区人民政府申请行政复议，"
        "也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼。",
        "特此告知。",
    ]
    assert content.issuer == "闵行区人力资源和社会保障局"
    assert content.issued_on_display == "2025年10月20日"
    assert content.attachments == ["所申请公开的政府信息"]


@pytest.mark.parametrize(
    ("reply_type", "reason", "basis", "phrase"),
    [
        ("withhold", "state_secret", "第十四条", "国家秘密"),
        ("withhold", "prohibited_by_law", "第十四条", "法律、行政法规禁止公开"),
        ("withhold", "security_stability", "第十四条", "经济安全、社会稳定"),
        ("withhold", "third_party", "第十五条", "第三方合法权益"),
        ("withhold", "internal_affairs", "第十六条第一款", "内部事务信息"),
        ("withhold", "process_information", "第十六条第二款", "过程性信息"),
        ("withhold", "enforcement_file", "第十六条第二款", "行政执法案卷"),
        ("withhold", "administrative_query", "第三十六条第（七）项", "特别规定"),
        ("unable", "not_held", "第三十六条第（四）项、第（五）项", "经检索"),
        ("unable", "needs_creation", "第三十八条", "加工、分析"),
        ("not_processed", "petition", "第三十九条第一款", "信访、投诉、举报"),
        ("not_processed", "duplicate", "第三十六条第（六）项", "不予重复处理"),
        ("not_processed", "publication", "第三十九条第二款", "公开出版物"),
        ("not_processed", "excessive", "第三十五条", "明显超过合理范围"),
        ("other", "fee_unpaid", "第四十二条", "信息处理费"),
        ("partial", "", "第三十七条", "区分处理"),
    ],
)
def test_each_reason_cites_its_article(reply_type, reason, basis, phrase):
    content = render_notice(replied(reply_type, reason, text="补充说明。"))
    text = content.as_text()
    assert f"{REG}{basis}的规定" in text
    assert phrase in text
    assert content.legal_basis == f"{REG}{basis}"
    assert content.paragraphs[-2].startswith("如对本答复不服")


def test_confirmation_request_names_article_two_and_other_uses_the_office_text():
    text = render_notice(replied("not_processed", "confirmation")).as_text()
    assert f"不属于{REG}第二条所称" in text
    other = render_notice(
        replied("other", "other", text="申请人已撤回申请。\n\n特此说明。")
    )
    assert other.paragraphs[2:4] == ["申请人已撤回申请。", "特此说明。"]
    assert other.legal_basis == ""


def test_correction_and_extension_appear_in_the_notice():
    application = replied("unable", "still_unclear")
    Correction.objects.create(
        application=application,
        requested_on=D(2025, 10, 9),
        request_text="请明确所需信息的年份",
        received_on=D(2025, 10, 13),
    )
    Extension.objects.create(
        application=application,
        days=15,
        reason="所需信息涉及多个科室，需汇总核对。",
        approved_on=D(2025, 10, 28),
    )
    paragraphs = render_notice(
        DisclosureApplication.objects.get(pk=application.pk)
    ).paragraphs
    assert paragraphs[1] == (
        "因所需信息涉及多个科室，需汇总核对，经本机关政府信息公开工作机构负责人同意，"
        "答复期限延长15个工作日，本机关已于2025年10月28日告知您。"
    )
    assert paragraphs[3].startswith(
        "本机关已于2025年10月9日一次性告知您对申请作出补正，"
    )
    assert f"{REG}第二十九条第二款、第三十条的规定" in paragraphs[3]


def test_reply_without_a_fitting_reason_is_refused():
    with pytest.raises(ValidationError, match="请选择与答复类型相符的具体理由"):
        render_notice(replied("withhold", "duplicate"))
    with pytest.raises(ValidationError, match="不需要选择理由"):
        render_notice(replied("disclose", "state_secret"))
    with pytest.raises(ValidationError, match="尚未选择答复类型"):
        render_notice(replied(""))


def test_generated_notice_is_numbered_stored_privately_and_kept(
    superuser, private_root, settings
):
    first = replied("withhold", "third_party", text="第三方书面表示不同意公开。")
    notice = generate_reply_notice(application=first, user=superuser)
    assert notice.number == "闵人社信公开告〔2025〕1号"
    assert notice.issued_on == D(2025, 10, 20)
    assert notice.generated_by == superuser
    assert (notice.reply_type, notice.reply_reason) == ("withhold", "third_party")
    assert notice.legal_basis == f"{REG}第十五条"
    path = Path(notice.file.path)
    assert path.is_relative_to(private_root)
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert notice.file.name.startswith("disclosure/notices/2025/")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert count_pdf_pages(data) == 1
    assert notice.sha256 == hashlib.sha256(data).hexdigest()
    assert notice.body.split("\n")[:3] == [
        "政府信息公开申请答复告知书（不予公开）",
        "闵人社信公开告〔2025〕1号",
        "李华：",
    ]
    with pytest.raises(ValueError):
        private_storage.url(notice.file.name)

    second = generate_reply_notice(
        application=replied("unable", "needs_creation"), user=superuser
    )
    assert second.number == "闵人社信公开告〔2025〕2号"
    again = generate_reply_notice(application=first, user=superuser)
    assert again.number == "闵人社信公开告〔2025〕3号"
    assert latest_notice(first) == again
    assert ReplyNotice.objects.filter(application=first).count() == 2


def test_no_official_notice_before_the_reply(superuser):
    application = replied("disclose")
    application.status = Status.LEGAL_REVIEW
    application.save()
    with pytest.raises(ValidationError, match="答复发出后才能生成正式告知书"):
        generate_reply_notice(application=application, user=superuser)
    assert not ReplyNotice.objects.exists()


def test_the_reply_transition_generates_the_notice(clerk, head, lawyer, private_root):
    from cms.disclosure import services
    from tests.disclosure.conftest import make_application

    application = make_application().application
    application = services.accept_application(
        application=application, user=clerk, on=D(2025, 10, 9)
    )
    application = services.draft_reply(
        application=application,
        user=clerk,
        reply_type="not_processed",
        reply_reason="publication",
        reply_text="可至区图书馆查阅《闵行年鉴2024》。",
    )
    application = services.submit_for_legal_review(application=application, user=clerk)
    application = services.legal_review(
        application=application, user=lawyer, approve=True
    )
    outcome = services.reply_application(
        application=application, user=clerk, on=D(2025, 10, 15)
    )
    assert outcome.notice_error == ""
    notice = outcome.notice
    assert isinstance(notice, ReplyNotice)
    assert notice.issued_on == D(2025, 10, 15)
    assert "可至区图书馆查阅《闵行年鉴2024》。" in notice.body
    assert f"{REG}第三十九条第二款的规定" in notice.body
    assert Path(notice.file.path).is_file()
