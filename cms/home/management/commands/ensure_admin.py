"""Create the local admin account once and print its credentials every time."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".admin-credentials"


class Command(BaseCommand):
    help = "创建本地管理员账号（如不存在）并打印用户名和密码。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        user_model = get_user_model()
        password = None
        if CREDENTIALS_FILE.exists():
            stored_user, _, stored_password = (
                CREDENTIALS_FILE.read_text().strip().partition(":")
            )
            if stored_user == username:
                password = stored_password
        user = user_model.objects.filter(username=username).first()
        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_model.objects.create_superuser(
                    username=username, email="admin@example.com", password=password
                )
            else:
                user.set_password(password)
                user.is_superuser = user.is_staff = user.is_active = True
                user.save()
            CREDENTIALS_FILE.write_text(f"{username}:{password}\n")
            CREDENTIALS_FILE.chmod(0o600)
        port = os.environ.get("PORT")
        url = f"http://127.0.0.1:{port}" if port else settings.WAGTAILADMIN_BASE_URL
        url = url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("管理后台账号"))
        self.stdout.write(f"  地址：{url}/admin/")
        self.stdout.write(f"  用户名：{username}")
        self.stdout.write(f"  密码：{password}")
        self.stdout.write("")
