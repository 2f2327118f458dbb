"""查询码 are never stored: derived for new questions, a keyed digest for old ones."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.participation import codes
from cms.questions.models import Question
from cms.questions.services import (
    LEGACY_QUERY_CODE_PURPOSE,
    find_question,
    query_code_for,
)

PROGRESS = """
query ($t: String!, $c: String!) { question(trackingNumber: $t, queryCode: $c) { title } }
"""


def _legacy(code: str) -> str:
    return "digest:" + codes.code_digest(purpose=LEGACY_QUERY_CODE_PURPOSE, code=code)


@pytest.mark.django_db
def test_codes_already_handed_out_keep_their_value(settings):
    """Pinned: changing the derivation would lock every applicant out."""
    from cms.disclosure.intake import query_code_for as disclosure_code_for
    from cms.disclosure.models import DisclosureApplication

    settings.SECRET_KEY = "pinned-secret"
    salt = "00112233445566778899aabbccddeeff"
    application = DisclosureApplication(
        tracking_number="YSQ-2025-000001", query_code_salt=salt
    )
    question = Question(tracking_number="ZX20260302000001", query_code_salt=salt)
    assert disclosure_code_for(application) == "44F8KQR9JD"
    assert query_code_for(question) == "48AZ73CK"


@pytest.mark.django_db
def test_a_question_from_before_derived_codes_opens_with_its_old_code(
    make_question, graphql
):
    question = make_question(query_code_salt=_legacy("ABCDEFGH"))
    assert query_code_for(question) is None  # cannot be shown again
    found = graphql(PROGRESS, {"t": question.tracking_number, "c": " abcdefgh "})
    assert found["data"]["question"] == {"title": question.title}
    wrong = graphql(PROGRESS, {"t": question.tracking_number, "c": "ABCDEFGX"})
    assert wrong["data"]["question"] is None


@pytest.mark.django_db
def test_codes_survive_a_secret_key_rotation(make_question, settings):
    derived = make_question()
    legacy = make_question(query_code_salt=_legacy("HJKLMNPQ"))
    code = query_code_for(derived)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789"
    assert query_code_for(derived) != code  # new questions get codes under the new key
    assert find_question(tracking_number=derived.tracking_number, query_code=code)
    assert find_question(tracking_number=legacy.tracking_number, query_code="HJKLMNPQ")
    settings.SECRET_KEY_FALLBACKS = []
    assert not find_question(tracking_number=derived.tracking_number, query_code=code)


@pytest.mark.serial
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_digests_codes_already_handed_out():
    from cms.taxonomy.models import Topic

    topic = Topic.objects.create(name="迁移测试主题")
    executor = MigrationExecutor(connection)
    before = [("questions", "0001_initial")]
    latest = executor.loader.graph.leaf_nodes("questions")
    try:
        executor.migrate(before)
        old_apps = executor.loader.project_state(before).apps
        OldQuestion = old_apps.get_model("questions", "Question")
        OldQuestion.objects.create(
            tracking_number="ZX20250101000001",
            query_code="K7M2P9QX",
            topic_id=topic.pk,
            title="迁移前的咨询",
            content="迁移前提交的咨询内容。",
            phone="13812345678",
        )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    question = Question.objects.get(tracking_number="ZX20250101000001")
    assert question.query_code_salt.startswith("digest:")
    assert "K7M2P9QX" not in str(Question.objects.values().get(pk=question.pk))
    assert find_question(tracking_number="ZX20250101000001", query_code="k7m2p9qx")
    assert not find_question(tracking_number="ZX20250101000001", query_code="K7M2P9QA")
