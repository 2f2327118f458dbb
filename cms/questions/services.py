"""Writes with rules for 网上咨询: submit, 转办, 分办, answer, 选登."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.submissions import submit_once
from cms.participation import codes
from cms.participation.notifications import notify_staff, staff_emails
from cms.participation.validators import normalize_phone
from cms.taxonomy.models import Organization

from .deadlines import answered_over_three_months
from .forms import QuestionSubmissionForm
from .models import Question, QuestionRouting, QuestionStatus, RoutingKind
from .scrub import scrub_personal_data

QUERY_CODE_LENGTH = 8
QUERY_CODE_PURPOSE = "cms.questions.query_code"
# Questions from before codes were derived keep a keyed digest of their code
# (migration 0002).
LEGACY_QUERY_CODE_PURPOSE = "cms.questions.legacy_query_code"
LEGACY_PREFIX = "digest:"
STAFF_PERMISSION = "questions.change_question"


@dataclass(frozen=True)
class SubmittedQuestion:
    question: Question
    created: bool


def _tracking_number() -> str:
    today = timezone.localdate()
    return f"ZX{today:%Y%m%d}{secrets.randbelow(10**6):06d}"


def query_code_for(question: Question) -> str | None:
    """The asker's 查询码, derived again; None for a question from before derived
    codes (only a digest of its code is kept)."""
    if question.query_code_salt.startswith(LEGACY_PREFIX):
        return None
    return codes.derived_code(
        purpose=QUERY_CODE_PURPOSE,
        tracking_number=question.tracking_number,
        salt=question.query_code_salt,
        length=QUERY_CODE_LENGTH,
    )


def _code_matches(question: Question, given: str) -> bool:
    salt = question.query_code_salt
    if salt.startswith(LEGACY_PREFIX):
        return codes.digest_matches(
            purpose=LEGACY_QUERY_CODE_PURPOSE,
            digest=salt.removeprefix(LEGACY_PREFIX),
            given=given,
        )
    return codes.code_matches(
        purpose=QUERY_CODE_PURPOSE,
        tracking_number=question.tracking_number,
        salt=salt,
        length=QUERY_CODE_LENGTH,
        given=given,
    )


def question_submit(
    *,
    topic_id: object,
    title: str,
    content: str,
    phone: str,
    name: str = "",
    email: str = "",
    consent_to_publish: bool = False,
    idempotency_key: str = "",
) -> SubmittedQuestion:
    """Validate and store a question from the public, with its staff notification.

    Raises ``ValidationError`` (keyed by these arguments' names) for bad input, and
    ``SubmissionNotSaved`` (or the database's error) when the commit did not
    happen: the caller must not hand out a receipt then.

    A retry with the same ``idempotency_key`` returns the first question; a key
    reused for a different question is refused, so a guessed key reveals nothing.
    """
    form = QuestionSubmissionForm(
        data={
            "topic_id": topic_id,
            "title": title,
            "content": content,
            "name": name,
            "phone": phone,
            "email": email,
            "consent_to_publish": consent_to_publish,
            "idempotency_key": idempotency_key,
        }
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = form.cleaned_data
    key = data["idempotency_key"]
    phone = normalize_phone(data["phone"])
    title = data["title"]

    def create() -> Question:
        question = Question(
            tracking_number=_tracking_number(),
            query_code_salt=codes.new_salt(),
            idempotency_key=key,
            topic=data["topic_id"],
            title=title.strip(),
            content=data["content"].strip(),
            name=data["name"].strip(),
            phone=phone,
            email=data["email"].strip(),
            consent_to_publish=data["consent_to_publish"],
        )
        question.save()
        _notify_staff_of(question)
        return question

    submitted = submit_once(
        key=key,
        find=lambda: Question.objects.filter(idempotency_key=key).first(),
        same=lambda existing: (
            existing.phone == phone and existing.title == title.strip()
        ),
        conflict_message=_("该幂等键已用于另一份提交，请为新的提交生成新的键。"),
        create=create,
        attempts=5,  # a tracking number collision draws again
    )
    return SubmittedQuestion(question=submitted.record, created=submitted.created)


def _notify_staff_of(question: Question) -> None:
    notify_staff(
        kind="question.submitted",
        subject=f"[网上咨询] 新咨询 {question.tracking_number}：{question.title}",
        body=(
            f"收到新的网上咨询，请及时分办。\n编号：{question.tracking_number}\n"
            f"主题：{question.topic.name}\n标题：{question.title}\n"
            "详情（含咨询人信息）请登录后台查看。"
        ),
        recipients=staff_emails(STAFF_PERMISSION),
        reference=f"questions.Question:{question.pk}",
    )


def find_question(*, tracking_number: str, query_code: str) -> Question | None:
    """The asker's own question, by its tracking number and query code.

    An unknown tracking number costs the same HMAC as a wrong code, so the answer
    time does not tell which of the two was wrong.
    """
    tracking_number = (tracking_number or "").strip().upper()
    question = (
        Question.objects.select_related("department", "topic")
        .filter(tracking_number=tracking_number)
        .first()
    )
    if question is None:
        _code_matches(
            Question(tracking_number=tracking_number, query_code_salt=codes.new_salt()),
            query_code,
        )
        return None
    return question if _code_matches(question, query_code) else None


@transaction.atomic
def question_transfer(
    *, question: Question, department: Organization, user=None, note: str = ""
) -> QuestionRouting:
    """转办: hand the question to (another) department or organization."""
    if question.status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED):
        raise ValidationError(_("已答复或不予受理的咨询不能再转办。"))
    routing = QuestionRouting.objects.create(
        question=question,
        kind=RoutingKind.TRANSFER,
        from_department=question.department,
        to_department=department,
        note=note,
        routed_by=user,
    )
    question.department = department
    question.handler = None
    question.status = QuestionStatus.ASSIGNED
    question.save(update_fields=["department", "handler", "status"])
    return routing


@transaction.atomic
def question_assign(
    *, question: Question, handler, user=None, note: str = ""
) -> QuestionRouting:
    """分办: give the question to a handler of the department that holds it."""
    if question.department_id is None:
        raise ValidationError(_("请先转办到承办单位，再分办给承办人。"))
    if question.status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED):
        raise ValidationError(_("已答复或不予受理的咨询不能再分办。"))
    routing = QuestionRouting.objects.create(
        question=question,
        kind=RoutingKind.ASSIGN,
        from_department=question.department,
        to_department=question.department,
        handler=handler,
        note=note,
        routed_by=user,
    )
    question.handler = handler
    question.status = QuestionStatus.ASSIGNED
    question.save(update_fields=["handler", "status"])
    return routing


def question_answer(
    *,
    question: Question,
    answer: str,
    user=None,
    now: datetime.datetime | None = None,
) -> Question:
    """Answer (or correct the answer to) a question.

    The first answer fixes ``answered_at`` and whether it came more than three
    months after the question (deadlines.py says how the months are counted);
    correcting the text later changes neither.
    """
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("请填写答复内容。")})
    if question.department_id is None:
        raise ValidationError({"department": _("请先确定承办单位。")})
    if question.status == QuestionStatus.CLOSED:
        raise ValidationError(_("不予受理的咨询不能答复。"))
    question.answer = answer
    if question.answered_at is None:
        question.answered_at = now or timezone.now()
        question.answered_over_three_months = answered_over_three_months(
            submitted_at=question.submitted_at, answered_at=question.answered_at
        )
    question.answered_by = user
    question.status = QuestionStatus.ANSWERED
    question.save(
        update_fields=[
            "answer",
            "answered_at",
            "answered_over_three_months",
            "answered_by",
            "status",
        ]
    )
    return question


def publication_defaults(question: Question) -> tuple[str, str]:
    """The 选登 title and text proposed to staff: the original, scrubbed."""
    names = [question.name] if question.name else []
    return (
        scrub_personal_data(question.title, names=names),
        scrub_personal_data(question.content, names=names),
    )


def publication_errors(question: Question) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not question.consent_to_publish:
        errors["is_published"] = _("咨询人未同意选登，不能公开。")
    elif question.status != QuestionStatus.ANSWERED or not question.answer:
        errors["is_published"] = _("答复后才能选登。")
    return errors


def question_publish(
    *, question: Question, title: str = "", content: str = ""
) -> Question:
    """选登: publish the question (scrubbed, or as staff edited it) and its answer."""
    if errors := publication_errors(question):
        raise ValidationError(errors)
    default_title, default_content = publication_defaults(question)
    question.published_title = (title or "").strip() or default_title
    question.published_content = (content or "").strip() or default_content
    question.is_published = True
    if question.published_at is None:
        question.published_at = timezone.now()
    question.save(
        update_fields=[
            "published_title",
            "published_content",
            "is_published",
            "published_at",
        ]
    )
    return question


def question_unpublish(*, question: Question) -> Question:
    question.is_published = False
    question.save(update_fields=["is_published"])
    return question


def question_close(*, question: Question, note: str, user=None) -> Question:
    """不予受理 (spam, abuse, not a question for the bureau), with the reason noted."""
    if question.status == QuestionStatus.ANSWERED:
        raise ValidationError(_("已答复的咨询不能改为不予受理。"))
    question.status = QuestionStatus.CLOSED
    question.is_published = False
    question.internal_note = "\n".join(
        filter(None, [question.internal_note, _("不予受理：") + note])
    )[:2000]
    question.save(update_fields=["status", "is_published", "internal_note"])
    return question
