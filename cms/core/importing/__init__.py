"""The import kernel: CSV, Excel and JSON Lines files → validated records → writes.

See kernel.py for how a run goes, records.py for plain models written in bulk, and
command.py for the management command every import shares.
"""

from .columns import (
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    NamesColumn,
    TextColumn,
)
from .errors import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportFileError,
    ImportReport,
    LineError,
    RowError,
)
from .kernel import Importer, Row, RowByRowImporter, validation_message
from .records import RecordImporter
from .sources import FORMATS, Source, SourceRow, read_bytes, read_file

__all__ = [
    "CREATED",
    "FORMATS",
    "UNCHANGED",
    "UPDATED",
    "ChoiceColumn",
    "Column",
    "DateColumn",
    "DecimalColumn",
    "ImportFileError",
    "ImportReport",
    "Importer",
    "LineError",
    "NamesColumn",
    "RecordImporter",
    "Row",
    "RowByRowImporter",
    "RowError",
    "Source",
    "SourceRow",
    "TextColumn",
    "read_bytes",
    "read_file",
    "validation_message",
]
