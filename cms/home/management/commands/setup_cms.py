from django.core.management.base import BaseCommand

from cms.home.site_tree import ensure_site_tree
from cms.review.setup import ensure_review_setup
from cms.taxonomy.seed import seed_taxonomy


class Command(BaseCommand):
    help = "创建站点结构、基础分类、用户组和审查流程（可重复执行）。"

    def handle(self, *args, **options):
        seed_taxonomy()
        tree = ensure_site_tree()
        ensure_review_setup(tree)
        self.stdout.write(
            self.style.SUCCESS("站点结构、分类、用户组和审查流程已就绪。")
        )
