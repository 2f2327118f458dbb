"""Reply notices (告知书): wording per reply type with its legal basis and remedy."""

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
from cms.disclosure.reply_types import REASONS_BY_TYPE, grounds_for
from cms.disclosure.report_models import ReplyNotice, private_storage

from .notice_cases import (
    CASES,
    REG,
    REMEDY,
    REMEDY_PARTIAL,
    REMEDY_REVIEW_FIRST,
    case_id,
    remedy_for,
    replied,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def opening(application) -> str:
    return (
        f"本机关于2025年9月30日收到您提出的政府信息公开申请（申请编号："
        f"{application.tracking_number}），申请获取“本区2024年职业技能培训补贴发放名单”。"
    )


def test_the_cases_cover_every_type_reason_and_ground():
    combos = {
        (reply_type, reason, ground)
        for reply_type, reasons in REASONS_BY_TYPE.items()
        for reason in reasons or ("",)
        for ground in grounds_for(reply_type, reason) or ("",)
    }
    assert combos == {case[:3] for case in CASES}
    assert len(CASES) == 25


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_each_reply_cites_its_article_and_remedy(case):
    reply_type, reason, ground, basis = case
    assert reply_types.legal_basis(
        reply_type=reply_type, reason=reason, ground=ground
    ) == (basis)
    content = render_notice(replied(reply_type, reason, ground))
    assert content.legal_basis == (f"{REG}{basis}" if basis else "")
    if basis:
        assert f"{REG}{basis}的规定" in content.as_text()
    assert "第二条" not in content.as_text()
    assert content.paragraphs[-2:] == [remedy_for(reply_type), "特此告知。"]


def test_already_published_information_notice_in_full():
    application = replied(
        "disclose",
        ground="already_public",
        provision_method="本局网站“政府信息公开—财政资金”栏目。",
        text="您也可以在本局政务服务大厅查阅。",
        name="李华",
    )
    content = render_notice(application)
    assert content.title == "政府信息公开申请答复告知书（予以公开）"
    assert content.salutation == "李华："
    assert content.paragraphs == [
        opening(application),
        "经审查，现答复如下：",
        f"您申请获取的政府信息已经主动公开。根据{REG}第三十六条第（一）项的规定，"
        "现告知您获取该政府信息的方式、途径：本局网站“政府信息公开—财政资金”栏目。",
        "您也可以在本局政务服务大厅查阅。",
        REMEDY,
        "特此告知。",
    ]
    assert content.issuer == "闵行区人力资源和社会保障局"
    assert content.issued_on_display == "2025年10月20日"
    assert content.attachments == []


def test_disclosable_information_notice_says_how_and_when():
    application = replied(
        "disclose",
        ground="can_disclose",
        provision_method="以纸质件邮寄至您提供的通信地址",
        provision_on=D(2025, 10, 24),
        text="所提供信息共12页。",
    )
    content = render_notice(application)
    assert content.paragraphs[2:5] == [
        f"您申请获取的政府信息属于公开范围。根据{REG}第三十六条第（二）项的规定，"
        "本机关向您提供该政府信息。提供的方式、途径：以纸质件邮寄至您提供的通信地址；"
        "提供的时间：2025年10月24日。",
        "所提供信息共12页。",
        REMEDY,
    ]
    assert content.attachments == [], "sent later, not attached"
    same_day = replied("disclose", ground="can_disclose")
    assert render_notice(same_day).attachments == ["所申请公开的政府信息"]
    assert render_notice(same_day).body_paragraphs[-1] == "附件：所申请公开的政府信息"


def test_partial_disclosure_notice_in_full():
    application = replied(
        "partial",
        text="名单中的身份证号码、银行账号属于个人隐私，已作删除处理。",
    )
    assert render_notice(application).paragraphs == [
        opening(application),
        "经审查，现答复如下：",
        "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
        f"根据{REG}第三十七条的规定，本机关向您提供可以公开的政府信息内容。"
        "提供的方式、途径：通过电子邮件发送至您预留的电子邮箱；提供的时间：2025年10月20日。",
        "对不予公开的内容，说明理由如下：",
        "名单中的身份证号码、银行账号属于个人隐私，已作删除处理。",
        REMEDY_PARTIAL,
        "特此告知。",
    ]


def test_withholding_notice_in_full_says_reconsideration_comes_first():
    application = replied(
        "withhold", "process_information", text="该材料为内部请示报告的过程稿。"
    )
    content = render_notice(application)
    assert content.title == "政府信息公开申请答复告知书（不予公开）"
    assert content.paragraphs == [
        opening(application),
        "经审查，现答复如下：",
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、"
        "过程稿、磋商信函、请示报告等过程性信息。"
        f"根据{REG}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
        "该材料为内部请示报告的过程稿。",
        REMEDY_REVIEW_FIRST,
        "特此告知。",
    ]
    assert "六个月内" not in content.as_text()


def test_third_party_refusal_cites_article_32():
    refused = render_notice(replied("withhold", "third_party", "third_party_refused"))
    assert refused.paragraphs[2] == (
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
        "本机关已书面征求第三方的意见，第三方不同意公开且有合理理由。"
        f"根据{REG}第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开。"
    )
    harm = render_notice(replied("withhold", "third_party", "third_party_harm"))
    assert "第三方不同意" not in harm.as_text()
    assert "第三十二条" not in harm.as_text()


def test_not_held_and_not_responsible_are_two_decisions():
    not_held = replied("unable", "not_held", text="经查询本局公文系统，未检索到。")
    assert render_notice(not_held).paragraphs[2:4] == [
        "经检索，本机关没有您申请公开的政府信息。"
        f"根据{REG}第三十六条第（四）项的规定，现告知您该政府信息不存在。",
        "经查询本局公文系统，未检索到。",
    ]
    elsewhere = replied(
        "unable", "not_responsible", text="医疗保险待遇信息由医疗保障部门制作和保存。"
    )
    assert render_notice(elsewhere).paragraphs[2:6] == [
        "您申请获取的政府信息不属于本机关负责公开，理由如下：",
        "医疗保险待遇信息由医疗保障部门制作和保存。",
        f"根据{REG}第三十六条第（五）项的规定，现告知您：负责公开该政府信息的行政机关为"
        "闵行区医疗保障局，联系方式：021-64120000。您可以向该机关提出申请。",
        REMEDY,
    ]
    unknown = replied(
        "unable",
        "not_responsible",
        text="该信息不属于人力资源和社会保障部门的职责。",
        responsible_agency="",
        responsible_agency_contact="",
    )
    assert render_notice(unknown).paragraphs[4] == (
        "本机关无法确定负责公开该政府信息的行政机关。"
        f"根据{REG}第三十六条第（五）项的规定，特此告知。"
    )


def test_confirmation_requests_cite_38_or_39_never_article_2():
    created = render_notice(
        replied("not_processed", "confirmation", "confirmation_creation")
    )
    assert created.paragraphs[2] == (
        "您的申请系要求本机关对您已获取的信息予以确认。本机关向申请人提供的信息，"
        "应当是已制作或者获取的政府信息；对已获取信息作出确认需要本机关另行制作信息。"
        f"根据{REG}第三十八条的规定，本机关对该申请不予处理。"
    )
    channel = render_notice(
        replied(
            "not_processed",
            "confirmation",
            "confirmation_channel",
            text="补发证明请至区社保中心窗口办理。",
        )
    )
    assert channel.paragraphs[2:4] == [
        "您的申请系要求本机关重新出具您已获取的信息，实为请求本机关办理其他事项，"
        f"不属于获取政府信息的申请。根据{REG}第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过以下渠道提出：",
        "补发证明请至区社保中心窗口办理。",
    ]


def test_unpaid_fee_notice_names_the_fee_notice():
    content = render_notice(replied("other", "fee_unpaid"))
    assert content.paragraphs[2] == (
        "本机关已于2025年9月30日向您发出收取信息处理费的通知（收费金额200元，"
        "缴费截止日2025年10月16日），您逾期未按通知要求缴纳费用。"
        f"根据{REG}第四十二条的规定和《政府信息公开信息处理费管理办法》有关规定，"
        "视为您放弃申请，本机关不再处理该政府信息公开申请。"
    )


def test_other_processing_uses_the_office_text():
    other = render_notice(
        replied("other", "other", text="申请人已撤回申请。\n\n特此说明。")
    )
    assert other.paragraphs[2:5] == ["申请人已撤回申请。", "特此说明。", REMEDY]
    assert other.legal_basis == ""


def test_correction_and_extension_appear_in_the_notice():
    application = replied("unable", "still_unclear")
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


def messages(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_an_incomplete_reply_gets_no_notice():
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("withhold", "duplicate"))
    assert messages(excinfo) == {"reply_reason": ["所选理由不属于答复类型“不予公开”。"]}
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("withhold", ""))
    assert messages(excinfo) == {"reply_reason": ["答复类型“不予公开”须选择具体理由。"]}
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("disclose", "state_secret"))
    assert messages(excinfo) == {"reply_reason": ["所选理由不属于答复类型“予以公开”。"]}
    with pytest.raises(ValidationError, match="尚未选择答复类型"):
        render_notice(replied(""))
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("disclose", complete=False))
    assert messages(excinfo) == {
        "reply_ground": ["“予以公开”须选择答复情形：不同情形适用的条款和告知内容不同。"]
    }
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("disclose", "", "can_disclose", complete=False))
    assert messages(excinfo) == {
        "provision_method": [
            "请填写提供信息的方式、途径（条例第三十六条第（二）项）。"
        ],
        "provision_on": ["请填写提供信息的时间（条例第三十六条第（二）项）。"],
    }
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("withhold", "internal_affairs", text=""))
    assert messages(excinfo) == {
        "reply_text": ["请说明不予公开的理由（条例第三十六条第（三）项）。"]
    }
    with pytest.raises(ValidationError) as excinfo:
        render_notice(
            replied("withhold", "third_party", "third_party_refused", complete=False)
        )
    assert messages(excinfo) == {
        "reply_ground": [
            "本申请没有已结束的征求第三方意见记录：第三方不同意公开须先书面征求其意见"
            "（条例第三十二条）。"
        ]
    }


def test_generated_notice_is_numbered_stored_privately_and_kept(
    superuser, private_root, settings
):
    first = replied("withhold", "third_party", "third_party_refused")
    notice = generate_reply_notice(application=first, user=superuser)
    assert notice.number == "闵人社信公开告〔2025〕1号"
    assert notice.issued_on == D(2025, 10, 20)
    assert notice.generated_by == superuser
    assert (notice.reply_type, notice.reply_reason, notice.reply_ground) == (
        "withhold",
        "third_party",
        "third_party_refused",
    )
    assert notice.legal_basis == f"{REG}第十五条、第三十二条、第三十六条第（三）项"
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
    assert REMEDY_REVIEW_FIRST in notice.body.split("\n")
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
    application = replied("disclose", ground="already_public")
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


def test_correction_records_decide_the_correction_replies():
    unanswered = replied("other", "no_correction")
    render_notice(unanswered)
    Correction.objects.filter(application=unanswered).update(
        received_on=D(2025, 10, 14)
    )
    with pytest.raises(ValidationError) as excinfo:
        render_notice(DisclosureApplication.objects.get(pk=unanswered.pk))
    assert messages(excinfo) == {
        "reply_reason": [
            "只有发出补正通知后申请人逾期未补正的，才能以此答复（条例第三十条）。"
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        render_notice(replied("unable", "still_unclear", complete=False))
    assert messages(excinfo) == {
        "reply_reason": [
            "只有收到补正后申请内容仍不明确的，才能以此答复（条例第三十条）。"
        ]
    }
