"""网上咨询 in the admin: masked listing, permitted export, 转办/分办/答复/选登."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cms.questions.models import Question, QuestionRouting, QuestionStatus, RoutingKind

INDEX = "/admin/snippets/questions/question/"


@pytest.fixture
def staff(db, django_user_model):
    user = django_user_model.objects.create_user(
        username="handler", email="handler@example.com", password="pw-handler-123"
    )
    for codename in ("access_admin", "view_question", "change_question"):
        user.user_permissions.add(
            Permission.objects.get(
                codename=codename,
                content_type__app_label=(
                    "wagtailadmin" if codename == "access_admin" else "questions"
                ),
            )
        )
    return user


@pytest.fixture
def question(make_question):
    return make_question(
        title="社保卡补办",
        content="我是张三，手机 13812345678，社保卡丢了怎么补办？",
        name="张三",
        phone="13812345678",
        email="zhangsan@example.com",
        consent_to_publish=True,
    )


def _export(client, fmt="csv"):
    response = client.get(INDEX, {"export": fmt})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


@pytest.mark.django_db
def test_listing_masks_personal_data(client, staff, question):
    client.force_login(staff)
    response = client.get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    assert question.tracking_number in html
    assert "138****5678" in html
    assert "张*" in html
    assert "13812345678" not in html
    assert "zhangsan@example.com" not in html
    # The clock column: age in working days and the internal target.
    assert "个工作日" in html


@pytest.mark.django_db
def test_export_is_full_only_with_the_permission(client, staff, question):
    client.force_login(staff)
    (row,) = _export(client)
    assert (row["联系电话"], row["咨询人姓名"], row["电子邮箱"]) == (
        "138****5678",
        "张*",
        "z***@example.com",
    )
    staff.user_permissions.add(
        Permission.objects.get(
            codename="view_personal_data", content_type__app_label="questions"
        )
    )
    client.force_login(staff)
    (row,) = _export(client)
    assert (row["联系电话"], row["咨询人姓名"], row["电子邮箱"], row["办理状态"]) == (
        "13812345678",
        "张三",
        "zhangsan@example.com",
        "待分办",
    )


@pytest.mark.django_db
def test_edit_view_masks_asker_without_permission(client, staff, question):
    client.force_login(staff)
    html = client.get(f"{INDEX}edit/{question.pk}/").content.decode()
    assert "138****5678" in html
    assert "zhangsan@example.com" not in html
    # The proposed 选登 text is already scrubbed.
    assert "我是张某，手机 [电话已隐去]，社保卡丢了怎么补办？" in html


def _post(client, question, **fields):
    data = {
        "department": "",
        "handler": "",
        "routing_note": "",
        "answer": "",
        "published_title": "",
        "published_content": "",
        "internal_note": "",
        "close_reason": "",
    }
    data.update({k: v for k, v in fields.items() if v is not None})
    return client.post(f"{INDEX}edit/{question.pk}/", data)


@pytest.mark.django_db
def test_transfer_assign_answer_publish(
    client, superuser, staff, question, departments
):
    client.force_login(superuser)
    insurance, employment = departments["insurance"], departments["employment"]

    response = _post(
        client, question, department=employment.pk, routing_note="先交就业科"
    )
    assert response.status_code == 302
    response = _post(
        client,
        question,
        department=insurance.pk,
        handler=staff.pk,
        routing_note="属社保业务，转社保科并分办",
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.department, question.handler) == (
        QuestionStatus.ASSIGNED,
        insurance,
        staff,
    )
    assert [
        (r.kind, r.from_department, r.to_department, r.handler, r.note)
        for r in QuestionRouting.objects.filter(question=question)
    ] == [
        (RoutingKind.TRANSFER, None, employment, None, "先交就业科"),
        (
            RoutingKind.TRANSFER,
            employment,
            insurance,
            None,
            "属社保业务，转社保科并分办",
        ),
        (RoutingKind.ASSIGN, insurance, insurance, staff, "属社保业务，转社保科并分办"),
    ]

    # Publishing before an answer is refused.
    response = _post(
        client, question, department=insurance.pk, handler=staff.pk, is_published="on"
    )
    assert response.status_code == 200
    assert "答复后才能选登。" in response.content.decode()
    assert not Question.objects.get(pk=question.pk).is_published

    response = _post(
        client,
        question,
        department=insurance.pk,
        handler=staff.pk,
        answer="携带身份证到社保中心补办。",
        is_published="on",
        published_title="社保卡丢失如何补办",
        published_content="我是张某，社保卡丢了怎么补办？",
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (
        question.status,
        question.answer,
        question.answered_by,
        question.is_published,
        question.published_title,
        question.published_content,
    ) == (
        QuestionStatus.ANSWERED,
        "携带身份证到社保中心补办。",
        superuser,
        True,
        "社保卡丢失如何补办",
        "我是张某，社保卡丢了怎么补办？",
    )
    assert question.answered_at is not None and question.published_at is not None


@pytest.mark.django_db
def test_publication_needs_consent(client, superuser, make_question, departments):
    question = make_question(consent_to_publish=False)
    client.force_login(superuser)
    response = _post(
        client,
        question,
        department=departments["insurance"].pk,
        answer="答复内容",
        is_published="on",
    )
    assert response.status_code == 200
    assert "咨询人未同意选登，不能公开。" in response.content.decode()
    question.refresh_from_db()
    assert (question.is_published, question.answer) == (False, "")


@pytest.mark.django_db
def test_close_as_not_accepted(client, superuser, question):
    client.force_login(superuser)
    response = _post(client, question, close_reason="广告信息")
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.internal_note) == (
        QuestionStatus.CLOSED,
        "不予受理：广告信息",
    )


@pytest.mark.django_db
def test_clock_filter_in_listing(client, staff, make_question):
    make_question(title="很久以前的咨询")
    client.force_login(staff)
    html = client.get(INDEX, {"clock": "inspection_overdue"}).content.decode()
    assert "很久以前的咨询" in html
    html = client.get(INDEX, {"clock": "due_soon"}).content.decode()
    assert "很久以前的咨询" not in html


@pytest.mark.django_db
def test_questions_cannot_be_made_up_in_the_admin(client, superuser, question):
    client.force_login(superuser)
    add_url = reverse("wagtailsnippets_questions_question:add")
    assert f'href="{add_url}"' not in client.get(INDEX).content.decode()
    response = client.get(add_url)
    assert response.status_code == 302, response.status_code
    assert response["Location"] == INDEX
    assert Question.objects.count() == 1


@pytest.mark.django_db
def test_staff_search_finds_every_question_by_number_or_original_title(
    client, staff, question, make_question
):
    """The search index holds only published Q&As (their 选登 text); the listing's
    search looks in the database, for every question."""
    other = make_question(title="失业金申领")
    client.force_login(staff)
    for term in (question.tracking_number, "社保卡"):
        response = client.get(INDEX, {"q": term})
        assert response.status_code == 200
        html = response.content.decode()
        assert question.tracking_number in html
        assert other.tracking_number not in html
