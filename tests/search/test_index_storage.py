"""PostgreSQL keeps the index's word vectors in the row (migration 0003).

Ranking a broad word reads the title and body vectors of every match; out of line
(TOAST) each read costs index lookups in the TOAST table. The migration sets STORAGE
MAIN on the vectors and rewrites existing rows.
"""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TOAST storage exists only on PostgreSQL"
)

VECTORS = {"title", "autocomplete", "body"}


def _storage() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute"
            " WHERE attrelid = 'wagtailsearch_indexentry'::regclass AND attnum > 0"
            " AND NOT attisdropped"
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db
def test_word_vectors_are_kept_in_the_row():
    storage = _storage()
    assert {name: storage[name] for name in VECTORS} == dict.fromkeys(VECTORS, "m")
    # The plain-text copies, which searches never read, may still move out of line.
    assert storage["body_text"] == "x"
