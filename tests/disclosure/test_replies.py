"""What a reply must hold: refused with field-level errors when drafted and when sent.

Through the service and the admin form; a refused step changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.disclosure import services
from cms.disclosure.models import (
    ApplicationEvent,
    DisclosureApplication,
    EventKind,
    Status,
)
from cms.disclosure.replies import form_rules
from cms.disclosure.report_models import ReplyNotice
from cms.participation.models import Notification

from .conftest import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def accepted(clerk) -> DisclosureApplication:
    application = make_application().application
    return services.accept_application(
        application=application, user=clerk, on=date(2025, 10, 9)
    )


def snapshot(application) -> dict:
    """Everything a refused step must leave as it was."""
    row = DisclosureApplication.objects.filter(pk=application.pk).values().get()
    row.pop("updated_at")
    return {
        "row": row,
        "events": list(
            ApplicationEvent.objects.filter(application=application).values_list(
                "kind", flat=True
            )
        ),
        "notices": ReplyNotice.objects.filter(application=application).count(),
        "notifications": Notification.objects.count(),
    }


def reviewed(clerk, lawyer, **reply) -> DisclosureApplication:
    application = accepted(clerk)
    services.draft_reply(application=application, user=clerk, **reply)
    services.submit_for_legal_review(application=application, user=clerk)
    return services.legal_review(application=application, user=lawyer, approve=True)


WITHHOLD = {
    "reply_type": "withhold",
    "reply_reason": "internal_affairs",
    "reply_text": "该制度用于本局内部人事管理。",
}


def test_a_draft_without_its_reason_is_refused_on_the_field(clerk):
    application = accepted(clerk)
    before = snapshot(application)
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(
            application=application,
            user=clerk,
            reply_type="withhold",
            reply_text="不予公开。",
        )
    assert excinfo.value.message_dict == {
        "reply_reason": ["答复类型“不予公开”须选择具体理由。"]
    }
    assert snapshot(application) == before


def test_a_reply_without_a_reason_is_refused_when_sent_and_changes_nothing(
    clerk, lawyer
):
    application = reviewed(clerk, lawyer, **WITHHOLD)
    # A record from before the rules (or changed since) reaches the reply step.
    DisclosureApplication.objects.filter(pk=application.pk).update(reply_reason="")
    before = snapshot(application)
    with pytest.raises(ValidationError) as excinfo:
        services.reply_application(
            application=application, user=clerk, on=date(2025, 10, 20)
        )
    assert excinfo.value.message_dict == {
        "reply_reason": ["答复类型“不予公开”须选择具体理由。"]
    }
    assert snapshot(application) == before
    assert before["row"]["status"] == Status.LEGAL_REVIEW
    assert before["row"]["replied_on"] is None


def test_the_admin_reply_step_refuses_it_too(client, clerk, lawyer):
    application = reviewed(clerk, lawyer, **WITHHOLD)
    DisclosureApplication.objects.filter(pk=application.pk).update(reply_reason="")
    before = snapshot(application)
    client.force_login(clerk)
    response = client.post(
        reverse("disclosure:edit", args=[application.pk]),
        {"step": "reply", "reply-on": "2025-10-20"},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "答复理由：答复类型“不予公开”须选择具体理由。",
        "请检查填写的内容。",
    ]
    assert snapshot(application) == before


def post_draft(client, application, **fields):
    data = {"step": "draft_reply"}
    data.update({f"draft_reply-{key}": value for key, value in fields.items()})
    return client.post(reverse("disclosure:edit", args=[application.pk]), data)


def draft_form(response):
    return next(
        s["form"] for s in response.context["steps"] if s["name"] == "draft_reply"
    )


def test_the_admin_form_shows_each_missing_particular_on_its_field(client, clerk):
    application = accepted(clerk)
    before = snapshot(application)
    client.force_login(clerk)
    response = post_draft(
        client,
        application,
        reply_type="disclose",
        reply_ground="can_disclose",
        reply_text="现提供该信息。",
    )
    assert response.status_code == 200
    assert draft_form(response).errors == {
        "provision_method": [
            "请填写提供信息的方式、途径（条例第三十六条第（二）项）。"
        ],
        "provision_on": ["请填写提供信息的时间（条例第三十六条第（二）项）。"],
    }
    html = response.content.decode()
    assert "请填写提供信息的时间（条例第三十六条第（二）项）。" in html
    response = post_draft(
        client,
        application,
        reply_type="unable",
        reply_reason="not_responsible",
        responsible_agency="闵行区医疗保障局",
        reply_text="",
    )
    assert draft_form(response).errors == {
        "reply_text": [
            "请说明不属于本机关负责公开的理由（条例第三十六条第（五）项）。"
        ],
        "responsible_agency_contact": [
            "请填写该行政机关的联系方式（条例第三十六条第（五）项）。"
        ],
    }
    response = post_draft(client, application, reply_type="withhold", reply_text="x")
    assert draft_form(response).errors == {
        "reply_reason": ["答复类型“不予公开”须选择具体理由。"]
    }
    assert snapshot(application) == before


def test_the_admin_form_carries_the_rules_that_show_its_fields(client, clerk):
    application = accepted(clerk)
    client.force_login(clerk)
    html = client.get(reverse("disclosure:edit", args=[application.pk])).content
    html = html.decode()
    for name in (
        "reply_type",
        "reply_reason",
        "reply_ground",
        "provision_method",
        "provision_on",
        "responsible_agency",
        "responsible_agency_contact",
        "reply_text",
    ):
        assert f'<div data-field="{name}">' in html
    rules = html.split('<script id="reply-field-rules" type="application/json">')[1]
    assert json.loads(rules.split("</script>")[0]) == form_rules()
    assert form_rules()["provision_on"] == ["disclose::can_disclose", "partial"]
    assert form_rules()["responsible_agency"] == ["unable:not_responsible"]
    assert form_rules()["reply_ground"] == [
        "disclose",
        "withhold:third_party",
        "not_processed:confirmation",
    ]
    # Reasons are grouped under their type, grounds under their type or reason.
    assert '<optgroup label="无法提供">' in html
    assert '<optgroup label="保护第三方合法权益">' in html


def test_a_complete_draft_keeps_only_the_fields_its_kind_uses(client, clerk):
    application = accepted(clerk)
    client.force_login(clerk)
    response = post_draft(
        client,
        application,
        reply_type="unable",
        reply_reason="not_responsible",
        responsible_agency=" 闵行区医疗保障局 ",
        responsible_agency_contact="021-64120000",
        provision_method="不该保存",
        provision_on="2025-10-20",
        reply_text="医疗保险待遇信息由医疗保障部门负责。",
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (
        application.status,
        application.reply_type,
        application.reply_reason,
        application.responsible_agency,
        application.responsible_agency_contact,
        application.provision_method,
        application.provision_on,
    ) == (
        Status.REPLY_DRAFTED,
        "unable",
        "not_responsible",
        "闵行区医疗保障局",
        "021-64120000",
        "",
        None,
    )


def test_information_cannot_be_promised_for_a_day_before_the_reply(clerk, lawyer):
    application = reviewed(
        clerk,
        lawyer,
        reply_type="partial",
        provision_method="随本告知书邮寄",
        provision_on=date(2025, 10, 15),
        reply_text="身份证号码已作删除处理。",
    )
    before = snapshot(application)
    with pytest.raises(ValidationError) as excinfo:
        services.reply_application(
            application=application, user=clerk, on=date(2025, 10, 20)
        )
    assert excinfo.value.message_dict == {
        "provision_on": ["提供信息的时间不能早于答复日期（2025-10-20）。"]
    }
    assert snapshot(application) == before


def test_third_party_refusal_needs_the_consultation_on_record(clerk, lawyer):
    application = accepted(clerk)
    reply = {
        "reply_type": "withhold",
        "reply_reason": "third_party",
        "reply_ground": "third_party_refused",
        "reply_text": "第三方书面表示不同意公开，理由为涉及其商业秘密。",
    }
    with pytest.raises(ValidationError) as excinfo:
        services.draft_reply(application=application, user=clerk, **reply)
    assert list(excinfo.value.message_dict) == ["reply_ground"]
    services.start_consultation(
        application=application,
        user=clerk,
        party_kind="third_party",
        party_name="上海示例人力资源有限公司",
        on=date(2025, 10, 10),
    )
    services.end_consultation(
        application=application, user=clerk, on=date(2025, 10, 17)
    )
    services.draft_reply(application=application, user=clerk, **reply)
    services.submit_for_legal_review(application=application, user=clerk)
    services.legal_review(application=application, user=lawyer, approve=True)
    outcome = services.reply_application(
        application=application, user=clerk, on=date(2025, 10, 20)
    )
    assert "第十五条、第三十二条、第三十六条第（三）项的规定" in outcome.notice.body
    assert EventKind.REPLIED in [e.kind for e in application.events.all()]
