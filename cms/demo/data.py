"""Reading the demo's data files in cms/demo/data/."""

from __future__ import annotations

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_json(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def read_jsonl(name: str) -> list[dict]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def policy_key(record: dict) -> str:
    """How the other data files refer to a policy: its 发文字号, else its title."""
    return record.get("doc_number") or record["title"]
