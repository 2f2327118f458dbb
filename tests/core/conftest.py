from __future__ import annotations

import pytest
from django.db import connection

from .records import PermitDecision


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the table of the kernel's test record type."""
    with django_db_blocker.unblock():
        if PermitDecision._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(PermitDecision)
