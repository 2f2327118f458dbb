"""The labelled relevance set: a fixed corpus of policies and citizen queries."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load_corpus() -> list[dict]:
    return json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))


def load_queries() -> list[dict]:
    return json.loads((DATA / "queries.json").read_text(encoding="utf-8"))


def build_corpus(parent, issuer) -> dict[int, str]:
    """Create the corpus as live policies under ``parent``; {page id: key}."""
    from wagtail.rich_text import RichText

    from tests.factories import PolicyPageFactory

    keys = {}
    for number, item in enumerate(load_corpus()):
        date = datetime.date.fromisoformat(item["date"])
        page = PolicyPageFactory(
            parent=parent,
            slug=f"rel-{number}",
            title=item["title"],
            doc_number=item["doc_number"],
            written_date=date,
            publish_date=date,
            summary=item["summary"],
            body=[("paragraph", RichText(f"<p>{item['body']}</p>"))],
            issuers=[issuer],
        )
        keys[page.pk] = item["key"]
    return keys


@dataclass
class Measured:
    mrr: float
    recall: float
    per_query: list[tuple[str, str, float, float, list[str]]]

    def table(self) -> str:
        lines = [f"MRR={self.mrr:.3f} recall@10={self.recall:.3f}"]
        for kind, query, rr, recall, top in self.per_query:
            lines.append(
                f"  [{kind}] {query}: RR={rr:.2f} R@10={recall:.2f} top={top[:3]}"
            )
        return "\n".join(lines)


def measure(site, keys: dict[int, str]) -> Measured:
    from search.engine import search_pages

    per_query = []
    for item in load_queries():
        outcome = search_pages(query=item["query"], site=site, limit=10)
        ranked = [keys.get(hit.page.pk, "?") for hit in outcome.hits]
        relevant = set(item["relevant"])
        rr = next((1 / (i + 1) for i, key in enumerate(ranked) if key in relevant), 0.0)
        recall = len(relevant & set(ranked[:10])) / len(relevant)
        per_query.append((item["kind"], item["query"], rr, recall, ranked))
    count = len(per_query)
    return Measured(
        mrr=sum(q[2] for q in per_query) / count,
        recall=sum(q[3] for q in per_query) / count,
        per_query=per_query,
    )
