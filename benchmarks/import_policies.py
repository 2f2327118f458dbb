"""Import throughput: generate N policies as JSONL and time `import_policies` twice.

    .venv/bin/python benchmarks/import_policies.py [N]

Runs against the configured database (set DATABASE_URL to a scratch database), with the
site set up first. The second run re-imports the same file (nothing changes). Prints
numbers; asserts nothing.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

TOPICS = [
    "就业补贴",
    "失业保险",
    "工伤保险",
    "职业技能提升",
    "创业扶持",
    "劳动人事争议仲裁",
]
AUDIENCES = ["高校毕业生", "失业人员", "小微企业", "灵活就业人员"]
PARAGRAPH = (
    "为贯彻落实就业优先战略，进一步做好稳就业工作，根据有关规定，结合本区实际，"
    "现就有关事项通知如下。符合条件的用人单位和个人可通过一网通办平台申请，"
    "经办机构应在规定时限内完成审核并按规定拨付资金。"
)


def record(n: int) -> dict:
    return {
        "title": f"关于做好第{n}批就业创业补贴申领工作的通知",
        "doc_number": f"闵人社规〔2024〕{n}号",
        "issuing_orgs": ["闵行区人力资源和社会保障局"],
        "topics": [TOPICS[n % len(TOPICS)]],
        "audiences": [AUDIENCES[n % len(AUDIENCES)]],
        "written_date": "2024-03-01",
        "publish_date": "2024-03-05",
        "effective_date": "2024-04-01",
        "expiry_date": None,
        "summary": PARAGRAPH[:60],
        "body": "\n\n".join([PARAGRAPH] * 6),
        "service_items": [],
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    call_command("setup_cms", verbosity=0)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for n in range(1, count + 1):
            handle.write(json.dumps(record(n), ensure_ascii=False) + "\n")
    for label in ("first import", "re-import (unchanged)"):
        started = time.perf_counter()
        call_command("import_policies", handle.name, "--no-progress", verbosity=0)
        elapsed = time.perf_counter() - started
        print(f"{label}: {count} policies in {elapsed:.1f} s = {count / elapsed:.1f}/s")
    Path(handle.name).unlink()


if __name__ == "__main__":
    main()
