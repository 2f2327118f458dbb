"""A plain record type for the import kernel's tests: 行政许可决定 (permit
decisions), the kind of record the kernel is for. Not an installed app's model: its
table is made by tests/core/conftest.py, and no migration knows it."""

from __future__ import annotations

from django.db import models

from cms.core.importing import (
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    RecordImporter,
    RowError,
    TextColumn,
)


class PermitKind(models.TextChoices):
    NEW = "new", "新办"
    RENEWAL = "renewal", "延续"
    CHANGE = "change", "变更"


class PermitDecision(models.Model):
    decision_number = models.CharField("决定书文号", max_length=60, unique=True)
    holder = models.CharField("行政相对人名称", max_length=40)
    kind = models.CharField("许可类别", max_length=20, choices=PermitKind.choices)
    decided_on = models.DateField("许可决定日期")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    # Unique, but no import key: a clash is the database's to find.
    licence_number = models.CharField(
        "许可证编号", max_length=40, unique=True, null=True, blank=True
    )
    fee = models.DecimalField(
        "收费金额", max_digits=10, decimal_places=2, null=True, blank=True
    )
    content = models.TextField("许可内容", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "core_tests"
        verbose_name = "行政许可决定"

    def __str__(self) -> str:
        return self.decision_number


class PermitImporter(RecordImporter):
    label = "许可决定"
    model = PermitDecision
    keys = (("decision_number",),)
    batch_size = 100
    columns = (
        TextColumn("decision_number", "决定书文号", required=True, aliases=("文号",)),
        TextColumn("holder", "行政相对人名称", required=True),
        ChoiceColumn(
            "kind",
            "许可类别",
            required=True,
            choices={label: value for value, label in PermitKind.choices},
        ),
        DateColumn("decided_on", "许可决定日期", required=True),
        DateColumn("valid_until", "有效期至"),
        TextColumn("licence_number", "许可证编号"),
        DecimalColumn("fee", "收费金额", max_digits=10, decimal_places=2),
        TextColumn("content", "许可内容"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[tuple[list, list]] = []

    def clean(self, record: dict) -> dict:
        if record["valid_until"] and record["valid_until"] < record["decided_on"]:
            raise RowError("有效期至不能早于许可决定日期")
        return record

    def written(self, *, created, updated) -> None:
        self.batches.append(
            (
                [obj.decision_number for obj in created],
                [obj.decision_number for obj in updated],
            )
        )
