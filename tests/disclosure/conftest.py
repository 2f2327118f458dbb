from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91320102MA1X7Y1236"

SUBMIT = """
mutation Submit($input: DisclosureApplicationInput!) {
  submitDisclosureApplication(input: $input) {
    __typename
    ... on DisclosureApplicationReceipt {
      trackingNumber queryCode receivedDate receiptConfirmed expectedConfirmationDate
      dueDate dueDateProvisional
    }
    ... on ValidationErrors { errors { field message } }
  }
}
"""

LOOKUP = """
query Lookup($trackingNumber: String!, $queryCode: String!) {
  disclosureApplication(trackingNumber: $trackingNumber, queryCode: $queryCode) {
    trackingNumber status receivedDate receiptConfirmed expectedConfirmationDate
    dueDate dueDateProvisional extended
    reply { type replyDate noticeText }
  }
}
"""

_keys = itertools.count(1)


def application_input(**overrides) -> dict:
    data = {
        "applicantType": "NATURAL_PERSON",
        "name": "张晓明",
        "idType": "RESIDENT_ID",
        "idNumber": RESIDENT_ID,
        "phone": "13812345678",
        "email": "zhang@example.com",
        "address": "江苏省南京市玄武区中山路1号",
        "description": "2024年度本区就业补贴资金发放情况",
        "docNumber": "",
        "deliveryMethod": "EMAIL",
        "idempotencyKey": f"key-{next(_keys):08d}",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post_graphql(client) -> Callable[..., dict]:
    def run(query: str, variables: dict, **extra) -> dict:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
            **extra,
        )
        run.last_response = response
        return response.json()

    return run


@pytest.fixture
def submit(post_graphql) -> Callable[..., dict]:
    def run(**overrides) -> dict:
        body = post_graphql(SUBMIT, {"input": application_input(**overrides)})
        run.last_response = post_graphql.last_response
        return body

    return run


def make_application(**overrides):
    """An application stored through the service, as received at ``received_at``."""
    from cms.disclosure.services import application_submit

    received_at = overrides.pop(
        "received_at", timezone.make_aware(datetime.datetime(2025, 9, 30, 10))
    )
    data = {
        "applicant_type": "natural_person",
        "name": "李华",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13912345678",
        "email": "lihua@example.com",
        "address": "江苏省南京市秦淮区建康路8号",
        "description": "本区2024年职业技能培训补贴发放名单",
        "doc_number": "",
        "delivery_method": "email",
        "idempotency_key": f"svc-{next(_keys):08d}",
    }
    data.update(overrides)
    return application_submit(**data, received_at=received_at)


def user_with(django_user_model, username: str, *codenames: str):
    user = django_user_model.objects.create_user(
        username=username,
        password="pw-123456",
        email=f"{username}@example.com",
        is_staff=True,
    )
    perms = Permission.objects.filter(
        content_type__app_label__in=["disclosure", "wagtailadmin"],
        codename__in=[*codenames, "access_admin"],
    )
    user.user_permissions.add(*perms)
    return user


@pytest.fixture
def clerk(django_user_model):
    return user_with(django_user_model, "clerk", "change_disclosureapplication")


@pytest.fixture
def head(django_user_model):
    return user_with(
        django_user_model,
        "head",
        "change_disclosureapplication",
        "approve_extension",
        "view_personal_data",
        "export_personal_data",
    )


@pytest.fixture
def lawyer(django_user_model):
    return user_with(
        django_user_model, "lawyer", "change_disclosureapplication", "legal_review"
    )
