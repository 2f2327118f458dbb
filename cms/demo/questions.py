"""Demo 网上咨询 and registrations: a 网上咨询 column with published Q&As, open
questions in each state, and registrations for the open activity still to come.

Found again before made (questions by tracking number, registrations by their
idempotency key), so loading twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from cms.events.models import EventStatus, OpenEventPage
from cms.events.services import RegistrationRefused, registration_create
from cms.participation import codes
from cms.questions.models import Question, QuestionIndexPage
from cms.questions.services import (
    question_answer,
    question_assign,
    question_publish,
    question_transfer,
)
from cms.taxonomy.models import Organization, Topic

# (number, topic slug, title, content, name, phone, consent, days ago, state,
#  department, answer)
QUESTIONS = (
    (
        1,
        "shiye",
        "失业保险金申领需要哪些条件？",
        "我叫陈建国，今年 6 月被公司裁员，已缴纳失业保险 3 年，"
        "请问怎样申领失业保险金？我的手机是 13916881234。",
        "陈建国",
        "13916881234",
        True,
        40,
        "published",
        "社会保险科",
        "参加失业保险、所在单位和本人已按规定履行缴费义务满 1 年、非因本人意愿中断就业、"
        "已办理失业登记并有求职要求的，可通过“一网通办”或户籍所在街镇社区事务受理服务中心"
        "申领失业保险金。",
    ),
    (
        2,
        "linghuo-jiuye",
        "灵活就业人员如何参加社会保险？",
        "本人从事网约车工作，身份证号 310112198805063217，想以灵活就业人员身份缴纳社保，"
        "请问去哪里办理？",
        "周敏",
        "13701234567",
        True,
        30,
        "published",
        "社会保险科",
        "具有本市户籍的灵活就业人员可在“一网通办”或就近的社区事务受理服务中心办理灵活就业"
        "登记和社会保险缴费，缴费基数可在规定范围内自行选择。",
    ),
    (
        3,
        "gaoxiao-biyesheng",
        "应届高校毕业生就业见习补贴怎么申请？",
        "我是 2025 届毕业生，在区内一家企业参加就业见习，邮箱 lixiao2025@example.com，"
        "请问见习期间有什么补贴？",
        "李晓",
        "13512345678",
        True,
        21,
        "published",
        "就业促进科",
        "见习单位按规定为见习人员发放见习生活费并购买意外伤害保险的，可按规定申请见习带教"
        "费和生活费补贴，由见习单位统一申请，无需见习人员个人办理。",
    ),
    (
        4,
        "zhongcai",
        "公司拖欠工资可以申请劳动仲裁吗？",
        "公司已经拖欠我两个月工资，多次催要无果，请问应当如何维权？",
        "王磊",
        "021-64121234",
        False,  # no consent: answered, never published
        15,
        "answered",
        "劳动关系科",
        "您可向用人单位所在地的劳动人事争议仲裁院申请仲裁，也可向劳动保障监察机构投诉，"
        "申请仲裁的时效期间为一年。",
    ),
    (
        5,
        "zhicheng",
        "中级职称评审的申报时间是什么时候？",
        "请问今年中级职称评审什么时候开始申报，需要准备哪些材料？",
        "",
        "13800138000",
        True,
        3,
        "assigned",
        "人才人事科",
        "",
    ),
    (
        6,
        "jiuye-butie",
        "小微企业吸纳就业补贴的申请条件",
        "我公司今年新招用了 3 名本区户籍失业人员，请问能申请哪些补贴？",
        "赵女士",
        "13611112222",
        True,
        8,
        "transferred",
        "闵行区就业促进中心",
        "",
    ),
    (
        7,
        "jineng-tisheng",
        "职业技能提升补贴如何领取？",
        "我今年取得了电工中级证书，听说可以领取技能提升补贴，请问如何申请？",
        "孙伟",
        "13322223333",
        True,
        1,
        "received",
        "",
        "",
    ),
    (
        8,
        "shiye",
        "失业保险金领取期满后还能申请其他补助吗？",
        "我的失业保险金下个月就领完了，还没有找到工作，请问之后还有什么补助可以申请？",
        "",
        "13788889999",
        False,
        130,
        "answered",
        "社会保险科",
        "您好，您的咨询因转办过程中遗漏未能及时答复，我们深表歉意。失业保险金领取期满仍未"
        "就业的，可到户籍所在街镇社区事务受理服务中心咨询就业援助和求职补贴等政策，"
        "符合条件的可申请城乡居民最低生活保障。",
    ),
)

# (key, name, phone, people)
REGISTRATIONS = (
    ("demo-registration-1", "刘洋", "13800001111", 2),
    ("demo-registration-2", "黄丽", "13800002222", 1),
    ("demo-registration-3", "吴强", "13800003333", 2),
    ("demo-registration-4", "郑华", "13800004444", 1),
)


def _index_page(home) -> QuestionIndexPage:
    page = QuestionIndexPage.objects.child_of(home).first()
    if page is not None:
        return page
    page = QuestionIndexPage(
        title="网上咨询",
        slug="zixun",
        intro="就业创业、社会保险、劳动关系等人社业务咨询，工作人员在 5 个工作日内答复。",
        notice=(
            "请勿在咨询内容中填写身份证号等个人敏感信息。经您同意，部分咨询在隐去个人信息后"
            "选登公开；联系电话、姓名和邮箱仅用于答复，不会公开。"
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


# Days from question to answer; 3 unless listed. Question 8 waited more than three
# months (it counts as a late answer in the compliance figures).
ANSWER_AFTER_DAYS = {8: 97}


def _question(spec, now, handler) -> bool:
    (n, slug, title, content, name, phone, consent, days, state, dept, answer) = spec
    tracking = f"ZX-DEMO-{n:04d}"
    if Question.objects.filter(tracking_number=tracking).exists():
        return False
    question = Question.objects.create(
        tracking_number=tracking,
        query_code_salt=codes.new_salt(),
        topic=Topic.objects.get(slug=slug),
        title=title,
        content=content,
        name=name,
        phone=phone,
        consent_to_publish=consent,
        submitted_at=now - datetime.timedelta(days=days),
    )
    if state == "received":
        return True
    department = Organization.objects.get(name=dept)
    question_transfer(question=question, department=department, note="按职责转办")
    if state == "transferred":
        return True
    if state == "assigned" or answer:
        question_assign(question=question, handler=handler, note="科室内分办")
    if answer:
        # Answered some days after it came in, not at load time.
        after = datetime.timedelta(days=ANSWER_AFTER_DAYS.get(n, 3))
        question_answer(
            question=question, answer=answer, now=question.submitted_at + after
        )
    if state == "published":
        question_publish(question=question)
    return True


def load_questions_demo(*, home, editor) -> dict[str, int]:
    """The 网上咨询 column, its questions and registrations for the open event."""
    _index_page(home)
    now = timezone.now()
    created = sum(_question(spec, now, editor) for spec in QUESTIONS)
    registered = 0
    open_events = [
        event
        for event in OpenEventPage.objects.live().filter(capacity__gt=0)
        if event.status == EventStatus.OPEN
    ]
    for event in open_events[:1]:
        site = event.get_site()
        for key, name, phone, people in REGISTRATIONS:
            people = min(people, event.max_people_per_registration)
            try:
                outcome = registration_create(
                    site=site,
                    event_id=event.pk,
                    name=name,
                    phone=phone,
                    people_count=people,
                    idempotency_key=f"{key}-{event.pk}",
                )
            except RegistrationRefused:
                continue
            registered += bool(outcome.created)
    return {"questions": created, "registrations": registered}
