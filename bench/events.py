#!/usr/bin/env python3
"""Benchmark event trigger delivery: events/s and commit-to-webhook latency.

    python3 bench/events.py                     # both databases, 10,000 inserts
    python3 bench/events.py --databases sqlite --events 2000

For each database it starts the release binary with the example metadata plus an insert
trigger on `tag` (delivering to a webhook served by this script), inserts `--events` rows
through GraphQL (`insert_tag`, 100 rows per request), and waits until the webhook has
received every event. It reports events/s (events ÷ time from the first insert to the last
receipt) and p50/p99 latency from the event's `created_at` (written by the database trigger
in the inserting transaction, just before its commit) to the webhook's receipt.

The webhook is a minimal asyncio HTTP/1.1 keep-alive server in this script, on the same
machine, so it shares the two cores with ministack and the database; it answers 200 at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (the query benchmark's helpers: clusters, binary, HTTP)

TRIGGER = """event_triggers:
  - name: tag_created
    definition:
      enable_manual: false
      insert:
        columns: "*"
    retry_conf:
      interval_sec: 1
      num_retries: 3
      timeout_sec: 10
    webhook: {url}
"""


class Receipts:
    """Event id → (receipt time, created_at) for each first delivery."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: dict[str, tuple[float, str]] = {}
        self.duplicates = 0

    def add(self, payload: dict) -> None:
        now = time.time()
        with self.lock:
            if payload["id"] in self.events:
                self.duplicates += 1
            else:
                self.events[payload["id"]] = (now, payload["created_at"])


class WebhookProtocol(asyncio.Protocol):
    """A minimal HTTP/1.1 keep-alive server answering 200 to each POST (Python's http.server tops
    out near 600 requests/s here, below what is being measured)."""

    def __init__(self, receipts: Receipts) -> None:
        self.receipts = receipts
        self.buffer = b""

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1").lower()
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4:end + 4 + length]
            self.buffer = self.buffer[end + 4 + length:]
            self.receipts.add(json.loads(body))
            self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


def webhook(receipts: Receipts) -> tuple[asyncio.AbstractEventLoop, str]:
    loop = asyncio.new_event_loop()
    port = bench.free_port()
    server = loop.run_until_complete(
        loop.create_server(lambda: WebhookProtocol(receipts), "127.0.0.1", port))
    threading.Thread(target=loop.run_forever, daemon=True).start()
    return loop, f"http://127.0.0.1:{port}/hook"


def created_at_seconds(text: str) -> float:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(database: str, binary: Path, events: int, workdir: Path, bulk: bool) -> dict:
    receipts = Receipts()
    server, url = webhook(receipts)
    metadata = workdir / f"metadata-{database}"
    shutil.copytree(bench.METADATA, metadata)
    tag_file = metadata / "databases" / "default" / "tables" / "main_tag.yaml"
    tag_file.write_text(tag_file.read_text() + TRIGGER.format(url=url))
    with contextlib.ExitStack() as stack:
        if database == "sqlite":
            database_url = f"sqlite:{workdir / 'events.sqlite'}"
            seeds = bench.seed_files("sqlite")
            connection = sqlite3.connect(workdir / "events.sqlite")
            for seed in seeds:
                connection.executescript(seed.read_text())
            connection.close()
        else:
            cluster_url, psql = stack.enter_context(bench.postgres_cluster())
            database_url = bench.load_postgres(cluster_url, psql, [], workdir)
        port = bench.free_port()
        log = open(workdir / f"ministack-events-{database}.log", "wb")
        process = bench.subprocess.Popen(
            [str(binary), "serve", "--database-url", database_url, "--metadata-dir", str(metadata), "--port",
             str(port)], cwd=workdir, stdout=log, stderr=bench.subprocess.STDOUT)
        stack.callback(process.wait)
        stack.callback(process.terminate)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if bench.http("GET", f"{base}/healthz", timeout=1)[0] == 200:
                    break
            time.sleep(0.2)
        started = time.time()
        if bulk:
            # One statement from another client: the capture is the database's, not ministack's.
            sql = (f"INSERT INTO tag (id, name) SELECT 10000 + g, 'event ' || g FROM "
                   + (f"generate_series(0, {events - 1}) AS g" if database == "postgres" else
                      f"(WITH RECURSIVE s(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM s WHERE g < {events - 1}) "
                      "SELECT g FROM s)"))
            if database == "postgres":
                bench.run([str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database_url, "-c", sql])
            else:
                connection = sqlite3.connect(workdir / "events.sqlite", timeout=30)
                connection.execute(sql)
                connection.commit()
                connection.close()
        for batch in range(0, 0 if bulk else events, 100):
            objects = ", ".join(f'{{id: {10_000 + batch + i}, name: "event {batch + i}"}}'
                                for i in range(min(100, events - batch)))
            status, answer = bench.http("POST", f"{base}/v1/graphql",
                                        json.dumps({"query": f"mutation {{ insert_tag(objects: [{objects}]) "
                                                             "{ affected_rows } }"}))
            if status != 200 or b"errors" in answer:
                sys.exit(f"insert failed: {answer[:300]!r}")
        inserted = time.time()
        deadline = time.monotonic() + 300
        while len(receipts.events) < events and time.monotonic() < deadline:
            time.sleep(0.05)
        server.call_soon_threadsafe(server.stop)
    received = dict(receipts.events)
    if not received:
        return {"database": database, "note": "no event arrived"}
    last = max(at for at, _ in received.values())
    latencies = [(at - created_at_seconds(created)) * 1000 for at, created in received.values()]
    return {
        "database": database, "events": len(received), "duplicates": receipts.duplicates,
        "insert_seconds": inserted - started, "events_per_second": len(received) / (last - started),
        "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--binary", type=Path, default=bench.DEFAULT_BINARY)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--bulk", action="store_true",
                        help="insert every row in one statement from another client (psql / sqlite3), so the "
                             "figures are delivery's own rather than bounded by GraphQL insert speed")
    arguments = parser.parse_args()
    binary = bench.ensure_binary(arguments.binary.absolute(), arguments.build)
    results = []
    with tempfile.TemporaryDirectory(prefix="ministack-events-") as temporary:
        for database in [d for d in arguments.databases.split(",") if d]:
            print(f"{database}: {arguments.events:,} inserts …", flush=True)
            results.append(measure(database, binary, arguments.events, Path(temporary), arguments.bulk))
    print("\n| database | events | events/s | p50 ms | p99 ms | duplicates | inserts took s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if "note" in r:
            print(f"| {r['database']} | {r['note']} |")
            continue
        print(f"| {r['database']} | {r['events']:,} | {r['events_per_second']:,.0f} | {r['p50_ms']:.0f} | "
              f"{r['p99_ms']:.0f} | {r['duplicates']} | {r['insert_seconds']:.1f} |")


if __name__ == "__main__":
    main()
