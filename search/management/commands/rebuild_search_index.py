"""manage.py rebuild_search_index: re-segment and re-index everything, with progress.

``--type question`` (re)indexes the registered types named (search/registry.py) in
place instead, leaving the rest of the index as it is.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import registry
from search.segmentation import warm_up
from search.services import rebuild_index, reindex_types


class Command(BaseCommand):
    help = "重建站内搜索索引：用当前词典重新切词，逐个模型显示进度。"

    def add_arguments(self, parser):
        parser.add_argument("--backend", action="append", dest="backends")
        parser.add_argument("--chunk-size", type=int, default=500)
        parser.add_argument(
            "--type",
            action="append",
            dest="types",
            metavar="KEY",
            help="只重建这些搜索类型的索引（不做全量重建），例如 --type question",
        )

    def handle(self, *args, **options):
        seconds = warm_up()
        self.stdout.write(f"分词词典已加载（{seconds:.2f} 秒）")
        bars: list[tqdm] = []
        show = options["verbosity"] > 0

        def progress(label: str, total: int):
            bar = tqdm(
                total=total, desc=label, unit="条", file=self.stdout, disable=not show
            )
            bars.append(bar)

            def advance(done: int) -> None:
                bar.update(done - bar.n)
                if done >= total:
                    bar.close()

            return advance

        if options["types"]:
            unknown = [
                key for key in options["types"] if key not in registry.search_keys()
            ]
            if unknown:
                raise CommandError(
                    f"未知的搜索类型：{'、'.join(unknown)}；"
                    f"可用：{'、'.join(registry.search_keys())}"
                )
            count = reindex_types(
                keys=options["types"],
                backend_names=options["backends"],
                chunk_size=options["chunk_size"],
                progress=progress,
            )
        else:
            count = rebuild_index(
                backend_names=options["backends"],
                chunk_size=options["chunk_size"],
                progress=progress,
            )
        for bar in bars:
            bar.close()
        self.stdout.write(self.style.SUCCESS(f"已重建索引，处理 {count} 条内容。"))
