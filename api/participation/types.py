"""Shared GraphQL types for public submissions: field-level validation errors."""

from __future__ import annotations

from collections.abc import Mapping

import strawberry
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from strawberry.utils.str_converters import to_camel_case

# The ``field`` of an error that belongs to the whole input, not one field.
INPUT_FIELD = "input"


@strawberry.type(description="输入中的一个错误：出错的字段（输入字段名）和中文说明。")
class FieldError:
    field: str
    message: str


@strawberry.type(description="提交未被接受：逐字段的错误说明，没有保存任何内容。")
class ValidationErrors:
    errors: list[FieldError]

    @classmethod
    def of(cls, errors: Mapping[str, list[str] | str]) -> ValidationErrors:
        """From {inputFieldName: message(s)}."""
        items = []
        for name, messages in errors.items():
            for message in [messages] if isinstance(messages, str) else messages:
                items.append(FieldError(field=name, message=str(message)))
        return cls(errors=items)

    @classmethod
    def from_django(
        cls,
        error: ValidationError,
        field_names: Mapping[str, str] | None = None,
    ) -> ValidationErrors:
        """From a Django ValidationError (a form's or a model's full_clean()).

        Model/form field names become the camelCase input names (or what
        ``field_names`` maps them to); errors not tied to a field get ``input``.
        """
        field_names = field_names or {}
        if not hasattr(error, "error_dict"):
            return cls.of({INPUT_FIELD: error.messages})
        errors: dict[str, list[str]] = {}
        for name, field_errors in error.message_dict.items():
            if name == NON_FIELD_ERRORS:
                key = INPUT_FIELD
            else:
                key = field_names.get(name, to_camel_case(name))
            errors.setdefault(key, []).extend(field_errors)
        return cls.of(errors)

    @classmethod
    def from_form(cls, form, field_names: Mapping[str, str] | None = None):
        field_names = field_names or {}
        errors: dict[str, list[str]] = {}
        for name, messages in form.errors.items():
            key = (
                INPUT_FIELD
                if name == NON_FIELD_ERRORS
                else field_names.get(name, to_camel_case(name))
            )
            errors.setdefault(key, []).extend(messages)
        return cls.of(errors)
