"""What every import command shares: the file, its format, the progress bar and the
report. A command names its importer in ``importer``."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .errors import ImportFileError, RowError
from .kernel import Importer
from .sources import FORMATS, read_file


class ImportCommand(BaseCommand):
    """``manage.py <command> FILE``: CSV (UTF-8 or GBK), Excel .xlsx or JSON Lines."""

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="要导入的文件：CSV（UTF-8 或 GBK 编码）、Excel（.xlsx）或 JSONL（每行一个 JSON 对象）",
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="文件格式（默认按扩展名判断）",
        )
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="显示进度条（默认在终端中显示）",
        )

    def importer(self, **options) -> Importer:
        """The importer for this run; raise CommandError for bad options."""
        raise NotImplementedError

    def read_source(self, path: Path, format: str | None):  # noqa: A002
        """The file's rows; a type with its own sheet layout reads it here."""
        return read_file(path, format=format)

    def handle(self, *args, file, format, progress, **options):  # noqa: A002
        try:
            source = self.read_source(Path(file), format)
            importer = self.importer(**options)
            if progress is None:
                progress = self.stderr.isatty()
            report = importer.run(source, progress=progress)
        except (ImportFileError, RowError) as error:
            raise CommandError(str(error)) from None

        if report.ignored_columns:
            self.stderr.write(
                self.style.WARNING(
                    f"以下列不是{importer.label}的字段，未导入："
                    + "、".join(report.ignored_columns)
                )
            )
        for error in report.errors:
            self.stderr.write(str(error))
        style = self.style.WARNING if report.errors else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        if report.errors:
            raise CommandError(
                f"{report.failed} 行未能导入，其余各行已导入", returncode=1
            )
