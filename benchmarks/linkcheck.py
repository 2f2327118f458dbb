"""Link inspection (cms/linkcheck) over 5,000 links against a local web server.

    .venv/bin/python benchmarks/linkcheck.py [LINKS] [CONCURRENCY ...]

A threaded http.server in its own process stands in for the sites content links to:
of every 100 links, 90 answer 200, 4 answer 404, 3 redirect twice, 2 answer after
0.5 s and 1 answers 500. The checker runs as the nightly job does: batches of
LINKCHECK_BATCH_SIZE (500) links, each checked with LINKCHECK_CONCURRENCY threads,
results and history written to a scratch SQLite database (``migrate linkcheck``). Prints wall time, links per second and peak memory (Python
allocations by tracemalloc, and the process's maximum resident set) per concurrency;
asserts nothing. Defaults: 5000 links, concurrency 8, 16 and 32.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
SCRATCH = Path(tempfile.mkdtemp(prefix="linkcheck-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.setdefault("CMS_INSECURE_EMBEDDED_KEY", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")


class Site(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes; without this each keep-alive
    # response waits for the client's delayed ACK (40 ms).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        number = int(self.path.rsplit("/", 1)[1])
        kind = number % 100
        if self.path.startswith("/hop"):
            hops = int(self.path.split("/")[2])
            if hops:
                return self._redirect(f"/hop/{hops - 1}/{number}")
            return self._send(200)
        if kind < 90:
            return self._send(200)
        if kind < 94:
            return self._send(404)
        if kind < 97:
            return self._redirect(f"/hop/1/{number}")
        if kind < 99:
            time.sleep(0.5)
            return self._send(200)
        return self._send(500)

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status):
        body = b"<html><body><p>page</p></body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(port_queue):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    server.request_queue_size = 256
    port_queue.put(server.server_port)
    server.serve_forever()


def main() -> None:
    links_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    levels = [int(arg) for arg in sys.argv[2:]] or [8, 16, 32]

    queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{queue.get(timeout=10)}"

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from cms.linkcheck.models import Link, LinkCheck, LinkKind, link_key
    from cms.linkcheck.services import check_links

    # The link tables and what they refer to (pages, service items), nothing else.
    call_command("migrate", "linkcheck", verbosity=0)

    print(
        f"{links_wanted} links against {base} (local http.server, own process), "
        "batches of 500"
    )
    print(
        f"{'concurrency':>11} {'seconds':>8} {'links/s':>8} {'py peak MB':>10} "
        f"{'max RSS MB':>10}  statuses"
    )
    for round_number, concurrency in enumerate(levels):
        settings.LINKCHECK_CONCURRENCY = concurrency
        Link.objects.all().delete()
        Link.objects.bulk_create(
            [
                Link(
                    key=link_key("external", f"{base}/r{round_number}/{n}"),
                    kind=LinkKind.EXTERNAL,
                    url=f"{base}/r{round_number}/{n}",
                )
                for n in range(links_wanted)
            ],
            batch_size=1000,
        )
        ids = list(Link.objects.order_by("pk").values_list("pk", flat=True))
        tracemalloc.start()
        started = time.perf_counter()
        statuses = Counter()
        for start in range(0, len(ids), 500):
            batch = Link.objects.filter(pk__in=ids[start : start + 500])
            run = check_links(list(batch), force=True)
            statuses.update(run.counts)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{concurrency:>11} {seconds:>8.2f} {len(ids) / seconds:>8.0f} "
            f"{peak / 1e6:>10.1f} {rss:>10.1f}  {dict(sorted(statuses.items()))}"
        )
    print(f"history rows written: {LinkCheck.objects.count()}")
    server.terminate()


if __name__ == "__main__":
    main()
