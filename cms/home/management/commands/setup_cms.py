from django.core.management.base import BaseCommand

from cms.home.setup import setup_cms


class Command(BaseCommand):
    help = "创建站点结构、基础分类、用户组和审查流程（可重复执行）。"

    def handle(self, *args, **options):
        setup_cms()
        self.stdout.write(
            self.style.SUCCESS("站点结构、分类、用户组和审查流程已就绪。")
        )
