"""Importing plain models (行政处罚/许可 decisions, catalog items ...) in bulk.

Per batch of rows: one query per key finds the records that exist, then one
``bulk_create`` and one ``UPDATE`` sent with ``executemany`` write the batch. If the
database refuses the batch (a unique constraint no key covers, say), it is rolled
back and written row by row, so that only the rows at fault fail.

Bulk writes send no ``post_save``/``pre_save`` signals; a type that needs to follow
its writes (a search index) does it in ``written``, and ``records_written`` tells
everyone else (the API's response cache) once per written batch.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.dispatch import Signal
from django.utils import timezone

from .errors import CREATED, UNCHANGED, UPDATED, RowError
from .kernel import Importer, Row, validation_message
from .sources import is_blank

logger = logging.getLogger(__name__)

# Sent after each batch an importer wrote, with sender=the model and the created and
# updated objects (bulk writes send no post_save).
records_written = Signal()


class RecordImporter(Importer):
    """Imports rows of ``model``, matched to existing rows by ``keys``."""

    model: ClassVar[type[models.Model]]
    # Update-in-place keys, by precedence: the first key whose fields a record all
    # has (not empty) is what identifies it; re-importing it updates the row with
    # the same values. Each key must name its rows uniquely.
    keys: ClassVar[tuple[tuple[str, ...], ...]] = ()

    def fields(self, record: dict[str, Any]) -> dict[str, Any]:
        """The model field values of a checked record: by default, the record's
        values whose names are fields of the model, an empty text stored as NULL
        where the field allows it (so that empty values never clash as unique)."""
        fields = {field.name: field for field in self.model._meta.concrete_fields}
        return {
            name: None if value == "" and fields[name].null else value
            for name, value in record.items()
            if name in fields
        }

    def written(self, *, created: list[models.Model], updated: list[models.Model]):
        """Called after each batch is written, with what it created and updated."""

    # --- matching ------------------------------------------------------------------
    def key_values(self, record: dict[str, Any], key: tuple[str, ...]) -> tuple | None:
        values = tuple(record.get(name) for name in key)
        return None if any(is_blank(value) for value in values) else values

    def _key_label(self, key: tuple[str, ...]) -> str:
        labels = [str(self.model._meta.get_field(name).verbose_name) for name in key]
        return "+".join(labels)

    def _existing(self, rows: list[Row]) -> dict[Hashable, list[models.Model]]:
        """Existing objects by (key, values), for every key a row of the batch uses:
        one query per key."""
        found: dict[Hashable, list[models.Model]] = {}
        for key in self.keys:
            wanted = {
                values
                for row in rows
                if (values := self.key_values(row.record, key)) is not None
            }
            if not wanted:
                continue
            # Narrowed by the key's first field, matched on all of them here.
            first = {values[0] for values in wanted}
            for obj in self.model._default_manager.filter(**{f"{key[0]}__in": first}):
                values = tuple(getattr(obj, name) for name in key)
                if values in wanted:
                    found.setdefault((key, values), []).append(obj)
        return found

    def _match(self, row: Row, found) -> models.Model | None:
        for key in self.keys:
            values = self.key_values(row.record, key)
            if values is None:
                continue
            shown = "、".join(str(value) for value in values)
            self.claim(row, ("key", key, values), f"（{self._key_label(key)} {shown}）")
            matches = found.get((key, values), [])
            if len(matches) > 1:
                raise RowError(
                    f"{self._key_label(key)}为 {shown} 的已有{self.label}不止一条，"
                    "无法确定更新哪一条"
                )
            if matches:
                self.claim(row, ("pk", matches[0].pk))
                return matches[0]
            return None
        labels = "；或".join(self._key_label(key) for key in self.keys)
        raise RowError(f"缺少用于识别{self.label}的{labels}")

    # --- preparing ------------------------------------------------------------------
    def _changed(self, obj: models.Model, values: dict[str, Any]) -> list[str]:
        changed = []
        for name, value in values.items():
            field = self.model._meta.get_field(name)
            if field.is_relation:
                current = getattr(obj, field.attname)
                value = getattr(value, "pk", value)
            else:
                current = getattr(obj, name)
            if current != value:
                changed.append(name)
        return changed

    def _prepare(self, row: Row, found) -> list[str]:
        """Match and check the row's object; return the fields to update."""
        values = self.fields(row.record)
        obj = self._match(row, found)
        changed: list[str] = []
        if obj is None:
            obj = self.model(**values)
            row.status = CREATED
        else:
            changed = self._changed(obj, values)
            for name in changed:
                setattr(obj, name, values[name])
            row.status = UPDATED if changed else UNCHANGED
        row.obj = obj
        if row.status == UNCHANGED:
            # Nothing will be written: what is stored stays as it was checked.
            return changed
        try:
            # Uniqueness is the keys' and the database's business: no query per row.
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise RowError(validation_message(error, self.model)) from None
        return changed

    # --- writing --------------------------------------------------------------------
    def write(self, rows: list[Row]) -> None:
        found = self._existing(rows)
        creates: list[Row] = []
        updates: list[Row] = []
        fields: set[str] = set()
        for row in rows:
            try:
                changed = self._prepare(row, found)
            except RowError as error:
                row.error = str(error)
            except Exception as error:  # one bad row must not stop the rest
                logger.exception("Importing line %d failed", row.line)
                row.error = f"导入时发生意外错误：{error}"
            if row.error:
                self.release(row)
                continue
            if row.status == CREATED:
                creates.append(row)
            elif row.status == UPDATED:
                updates.append(row)
                fields.update(changed)
        if not creates and not updates:
            return
        fields.update(self._touch([row.obj for row in updates]))
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                self.model._default_manager.bulk_create([row.obj for row in creates])
                if updates:
                    self._bulk_update([row.obj for row in updates], sorted(fields))
        except DatabaseError:
            self._write_one_by_one(creates, updates, fields)
        created = [row.obj for row in creates if not row.error]
        updated = [row.obj for row in updates if not row.error]
        self.written(created=created, updated=updated)
        if created or updated:
            records_written.send(sender=self.model, created=created, updated=updated)

    def _bulk_update(self, objs: list[models.Model], names: list[str]) -> None:
        """One ``UPDATE ... WHERE pk = %s``, executed for every object at once.

        Django's ``bulk_update`` builds a CASE WHEN over the whole batch for each
        field, in Python, at a cost that grows with rows times fields: updating was
        four times slower than creating. The DB-API's ``executemany`` sends the one
        statement with every object's values (benchmarks/import_kernel.py).
        """
        connection = connections[router.db_for_write(self.model)]
        opts = self.model._meta
        fields = [opts.get_field(name) for name in names]
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        # Identifiers quoted by the backend; every value is a parameter.
        sql = (
            f"UPDATE {quote(opts.db_table)} SET {assignments} "  # noqa: S608
            f"WHERE {quote(opts.pk.column)} = %s"
        )
        params = [
            [
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for field in fields
            ]
            + [obj.pk]
            for obj in objs
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def _touch(self, objs: list[models.Model]) -> set[str]:
        """``auto_now`` fields, which bulk_update leaves alone, set on ``objs``."""
        names = {
            field.name
            for field in self.model._meta.concrete_fields
            if getattr(field, "auto_now", False)
        }
        now = timezone.now()
        for obj in objs:
            for name in names:
                setattr(obj, name, now)
        return names if objs else set()

    def _write_one_by_one(self, creates, updates, fields) -> None:
        for row in [*creates, *updates]:
            obj = row.obj
            try:
                with transaction.atomic():
                    if row.status == CREATED:
                        # The failed batch may have numbered it.
                        obj.pk = None
                        obj._state.adding = True
                        obj.save(force_insert=True)
                    else:
                        obj.save(update_fields=sorted(fields))
            except DatabaseError as error:
                row.error = self._refusal(obj, error)
                self.release(row)

    def _refusal(self, obj: models.Model, error: DatabaseError) -> str:
        """Why the database refused ``obj``, in words, where the model can say."""
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as problem:
            return validation_message(problem, self.model)
        return f"数据库拒绝写入：{error}"
