#!/usr/bin/env python3
"""Benchmark ministack's query API on SQLite and Postgres with wrk.

    python3 bench/run.py                       # both databases, all five queries, 10 s each
    python3 bench/run.py --databases sqlite --queries by_pk --duration 5

For each database it: generates one dataset (authors, articles, comments: 62,000 rows by
default) with a fixed random seed; loads it into a fresh SQLite file, or into a throwaway
Postgres cluster started here (initdb/pg_ctl on a free loopback port, stopped at the end);
starts the release binary against it with the example metadata; checks each query answers
without errors; then runs wrk (POST, fixed duration, 2 threads, 16 connections) per query
after a short warm-up. It prints requests/s and p50/p99 latency and writes the same table to
bench/results/latest.md.

Needs Python 3 (standard library only), wrk (`apt-get install -y wrk`), and for Postgres the
Debian `postgresql` package. Builds `.build/release/ministack` with `swift build -c release`
when it is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import glob
import json
import os
import platform
import pwd
import random
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds" / "default"
METADATA = REPO / "metadata"
RESULTS = REPO / "bench" / "results"
DEFAULT_BINARY = REPO / ".build" / "release" / "ministack"
DIALECTS = ("sqlite", "postgres")


# --- Queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """One GraphQL request to measure.

    When `random_id_variable` is set, every request sends that variable with a random article id
    (1…number of articles), so the server sees one document with changing variables.
    """

    name: str
    description: str
    document: str
    random_id_variable: str | None = None
    # Run as this role with a JWT (HS256, user id 1) instead of the admin secret.
    jwt_role: str | None = None

    def headers(self) -> dict[str, str]:
        if self.jwt_role:
            return {"Authorization": f"Bearer {bench_token(self.jwt_role)}"}
        return {"x-hasura-admin-secret": ADMIN_SECRET}

    def body(self, id_value: int | str = 1) -> str:
        payload: dict = {"query": self.document}
        if self.random_id_variable:
            payload["variables"] = {self.random_id_variable: id_value}
        return json.dumps(payload, ensure_ascii=False)


ADMIN_SECRET = "bench-admin-secret"
JWT_KEY = "bench-jwt-key-bench-jwt-key-bench-jwt-key-0123456789"
JWT_CONFIGURATION = json.dumps({"type": "HS256", "key": JWT_KEY})


def bench_token(role: str) -> str:
    """An HS256 token with Hasura's claims for user 1 acting as `role`, valid for a day."""
    import base64
    import hashlib
    import hmac

    def encode(part: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()

    claims = {"sub": "1", "exp": int(time.time()) + 86_400, "https://hasura.io/jwt/claims": {
        "x-hasura-allowed-roles": [role], "x-hasura-default-role": role, "x-hasura-user-id": "1"}}
    signing_input = encode({"alg": "HS256", "typ": "JWT"}) + "." + encode(claims)
    signature = hmac.new(JWT_KEY.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


# The nested query with only columns every role of the example metadata may read.
NESTED_PERMITTED = (
    "query NestedPermitted { author(limit: 10, order_by: {id: asc}) { id name "
    "articles(limit: 5, order_by: {id: desc}) { id title "
    "comments(limit: 3, order_by: {id: asc}) { id body } } } }"
)

QUERIES = (
    Query(
        "list_limit",
        "20 articles, by primary key order",
        "query ListArticles { article(limit: 20, order_by: {id: asc}) "
        "{ id title views published published_at } }",
    ),
    Query(
        "by_pk",
        "one article by primary key, random id in a variable",
        "query ArticleByPk($id: Int!) { article_by_pk(id: $id) "
        "{ id title body views published_at metadata } }",
        random_id_variable="id",
    ),
    Query(
        "nested_3_levels",
        "10 authors → 5 articles each → 3 comments each",
        "query Nested { author(limit: 10, order_by: {id: asc}) { id name "
        "articles(limit: 5, order_by: {id: desc}) { id title "
        "comments(limit: 3, order_by: {id: asc}) { id body created_at } } } }",
    ),
    Query(
        "filtered_ordered",
        "published articles with views > 9000 and 'a' in the title, most viewed first",
        'query Filtered { article(where: {published: {_eq: true}, views: {_gt: 9000}, title: {_like: "%a%"}}, '
        "order_by: [{views: desc}, {id: asc}], limit: 20) { id title views author { name } } }",
    ),
    Query(
        "aggregate",
        "count, sum, avg and max over published articles",
        "query Aggregate { article_aggregate(where: {published: {_eq: true}}) "
        "{ aggregate { count sum { views } avg { views } max { published_at } } } }",
    ),
    Query(
        "nested_admin",
        "the nested query of nested_jwt_reader, as admin (the baseline for the role's cost)",
        NESTED_PERMITTED,
    ),
    Query(
        "nested_jwt_reader",
        "the same nested query as role reader with a JWT: row filters (published OR own, comments "
        "through their article) and a per-row column condition compiled into the statement",
        NESTED_PERMITTED,
        jwt_role="reader",
    ),
    Query(
        "insert_one",
        "insert_comment_one: one row per request, in its own transaction",
        'mutation InsertOne { insert_comment_one(object: {article_id: 1, body: "bench"}) { id } }',
    ),
    Query(
        "insert_batch_100",
        "insert_comment with 100 rows per request, in one transaction (rows/s = 100 × requests/s)",
        "mutation InsertBatch { insert_comment(objects: ["
        + ", ".join('{article_id: %d, body: "bench"}' % (1 + index % 50) for index in range(100))
        + "]) { affected_rows } }",
    ),
)


# --- Dataset ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetSize:
    authors: int
    articles: int
    comments: int

    @property
    def rows(self) -> int:
        return self.authors + self.articles + self.comments


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple]


WORDS = (
    "graph query engine table index join filter order limit offset schema relation column "
    "café naïve 日本 東京 database latency throughput cache plan aggregate nested"
).split()
EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def timestamp(rng: random.Random) -> str:
    """A timestamptz in the form Postgres prints in UTC (and SQLite stores as written).

    The microseconds never end in 0, so Postgres prints all six digits, as SQLite stores them.
    """
    microseconds = rng.randrange(100_000) * 10 + rng.randint(1, 9)
    offset = datetime.timedelta(seconds=rng.randrange(4 * 365 * 86400), microseconds=microseconds)
    moment = EPOCH + offset
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def maybe(rng: random.Random, probability_of_null: float, value):
    return None if rng.random() < probability_of_null else value


def generate_dataset(size: DatasetSize, seed: int) -> list[Table]:
    """The same rows for every database: the example project's schema at a larger scale."""
    rng = random.Random(seed)
    authors = [
        (
            i,
            f"Author {i}",
            maybe(rng, 0.1, f"author{i}@example.com"),
            maybe(rng, 0.3, sentence(rng, 8)),
            maybe(rng, 0.2, round(rng.uniform(-5, 5), 2)),
            rng.random() < 0.8,
            maybe(rng, 0.2, (datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20_000))).isoformat()),
            timestamp(rng),
            maybe(rng, 0.5, {"lang": rng.choice(["en", "es", "ja"]), "tags": rng.sample(WORDS, 2)}),
            rng.randrange(10**6),
            maybe(rng, 0.2, round(rng.uniform(0, 100), 3)),
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        )
        for i in range(1, size.authors + 1)
    ]
    articles = []
    for i in range(1, size.articles + 1):
        published = rng.random() < 0.7
        articles.append(
            (
                i,
                rng.randint(1, size.authors),
                sentence(rng, rng.randint(2, 6)),
                maybe(rng, 0.2, sentence(rng, 30)),
                published,
                rng.randrange(10_000),
                timestamp(rng) if published else None,
                maybe(rng, 0.5, {"words": rng.randrange(5000), "topics": rng.sample(WORDS, 3)}),
            )
        )
    comments = [
        (
            i,
            rng.randint(1, size.articles),
            maybe(rng, 0.1, rng.randint(1, size.authors)),
            sentence(rng, 12),
            timestamp(rng),
        )
        for i in range(1, size.comments + 1)
    ]
    return [
        Table(
            "author",
            ("id", "name", "email", "bio", "rating", "is_active", "born", "created_at", "profile",
             "followers", "score", "external_id"),
            authors,
        ),
        Table("article", ("id", "author_id", "title", "body", "published", "views", "published_at", "metadata"),
              articles),
        Table("comment", ("id", "article_id", "author_id", "body", "created_at"), comments),
    ]


def sql_literal(value) -> str:
    """A literal both SQLite (≥ 3.23) and Postgres read the same way."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    return "'" + str(value).replace("'", "''") + "'"


def dataset_sql(tables: list[Table], dialect: str, batch: int = 500) -> str:
    """Replace the example rows with the dataset, index the foreign keys, refresh statistics."""
    lines = ["BEGIN;"]
    # Children first, so foreign keys hold at every step.
    for name in ("comment", "article_tag", "article", "tag", "author"):
        lines.append(f"DELETE FROM {name};")
    for table in tables:
        columns = ", ".join(table.columns)
        for start in range(0, len(table.rows), batch):
            values = ",\n".join(
                "(" + ", ".join(sql_literal(v) for v in row) + ")" for row in table.rows[start:start + batch]
            )
            lines.append(f"INSERT INTO {table.name} ({columns}) VALUES\n{values};")
    # Hasura does not create indexes; a real deployment indexes the columns relationships join on.
    lines += [
        "CREATE INDEX article_author_id_idx ON article (author_id);",
        "CREATE INDEX comment_article_id_idx ON comment (article_id);",
        "CREATE INDEX comment_author_id_idx ON comment (author_id);",
    ]
    if dialect == "postgres":
        for table in tables:
            lines.append(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT max(id) FROM {table.name}));"
            )
    lines += ["COMMIT;", "ANALYZE;"]
    return "\n".join(lines) + "\n"


def seed_files(dialect: str) -> list[Path]:
    """The seed files ministack runs for `dialect`: `*.<dialect>.sql` plus plain `*.sql`."""
    files = []
    for path in sorted(SEEDS.glob("*.sql")):
        suffixes = path.name.split(".")[1:-1]
        if not suffixes or suffixes[-1] == dialect or suffixes[-1] not in DIALECTS:
            files.append(path)
    return files


# --- Databases -------------------------------------------------------------------------------


def run(command: list[str], check: bool = True) -> subprocess.CompletedProcess:
    """Runs a setup command quietly; its errors still reach stderr."""
    return subprocess.run(command, check=check, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_sqlite(path: Path, tables: list[Table]) -> str:
    connection = sqlite3.connect(path)
    try:
        for seed in seed_files("sqlite"):
            connection.executescript(seed.read_text(encoding="utf-8"))
        connection.executescript(dataset_sql(tables, "sqlite"))
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()
    return f"sqlite:{path}"


def postgres_bin_dir() -> Path:
    """The newest Debian PostgreSQL installation, or the one whose `initdb` is on PATH."""
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if candidates:
        newest = max(candidates, key=lambda p: int(Path(p).parent.parent.name.split(".")[0]))
        return Path(newest).parent
    if initdb := shutil.which("initdb"):
        return Path(initdb).parent
    sys.exit("PostgreSQL not found: sudo apt-get install -y postgresql")


@contextlib.contextmanager
def postgres_cluster() -> Iterator[tuple[str, Path]]:
    """A throwaway cluster on a free loopback port; yields (URL, psql path); stopped and deleted after."""
    bin_dir = postgres_bin_dir()
    directory = Path(tempfile.mkdtemp(prefix="ministack-bench-pg-"))
    # initdb refuses to run as root: run the server as the `postgres` user then.
    as_owner: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(directory, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    data = directory / "data"
    port = free_port()
    pg_ctl = [*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        run([*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8"])
        options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c TimeZone=UTC"
        run([*pg_ctl, "-o", options, "-l", str(directory / "server.log"), "-w", "start"])
        started = True
        yield f"postgres://postgres@127.0.0.1:{port}/postgres", bin_dir / "psql"
    finally:
        if started:
            run([*pg_ctl, "-m", "fast", "-w", "stop"], check=False)
        shutil.rmtree(directory, ignore_errors=True)


def load_postgres(url: str, psql: Path, tables: list[Table], workdir: Path) -> str:
    script = workdir / "dataset.postgres.sql"
    script.write_text(dataset_sql(tables, "postgres"), encoding="utf-8")
    for sql_file in [*seed_files("postgres"), script]:
        run([str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", str(sql_file)])
    return url


# --- Server and wrk --------------------------------------------------------------------------


def ensure_binary(binary: Path, build: bool) -> Path:
    if build or not binary.exists():
        if binary != DEFAULT_BINARY:
            sys.exit(f"{binary} not found")
        print("Building the release binary: swift build -c release --product ministack", flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "ministack"], cwd=REPO, check=True)
    return binary


def http(method: str, url: str, body: str | None = None, timeout: float = 10,
         headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body.encode() if body is not None else None, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def ministack_server(binary: Path, database_url: str, workdir: Path, name: str) -> Iterator[str]:
    """The server on a free port, started in `workdir`; yields its base URL once /healthz answers 200."""
    port = free_port()
    log_path = workdir / f"ministack-{name}.log"
    command = [str(binary), "serve", "--database-url", database_url, "--metadata-dir", str(METADATA),
               "--port", str(port), "--admin-secret", ADMIN_SECRET, "--jwt-secret", JWT_CONFIGURATION]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log_tail = log_path.read_text(errors="replace")[-4000:]
                sys.exit(f"ministack exited with {process.returncode}:\n{log_tail}")
            with contextlib.suppress(OSError):
                if http("GET", f"{base}/healthz", timeout=1)[0] == 200:
                    break
            if time.monotonic() > deadline:
                sys.exit(f"ministack did not become healthy in 60 s; log: {log_path}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def check_query(base: str, query: Query) -> str | None:
    """None when the query answers with data and no errors, else what went wrong."""
    status, payload = http("POST", f"{base}/v1/graphql", query.body(), headers=query.headers())
    try:
        answer = json.loads(payload)
    except ValueError:
        return f"HTTP {status}, not JSON: {payload[:200]!r}"
    if status != 200 or "errors" in answer or not answer.get("data"):
        return f"HTTP {status}: {json.dumps(answer, ensure_ascii=False)[:300]}"
    return None


def lua_long_string(text: str) -> str:
    level = "="
    while f"]{level}]" in text:
        level += "="
    return f"[{level}[{text}]{level}]"


def wrk_script(query: Query, max_id: int) -> str:
    lines = [
        f"-- {query.name}: {query.description} (generated by bench/run.py)",
        'wrk.method = "POST"',
        'wrk.headers["Content-Type"] = "application/json"',
    ]
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in query.headers().items()]
    if query.random_id_variable:
        # The id goes in with string.format, so escape the body's own % signs.
        template = query.body(id_value="__ID__").replace("%", "%%").replace('"__ID__"', "%d")
        lines += [
            f"local template = {lua_long_string(template)}",
            f"local max_id = {max_id}",
            "request = function()",
            "  return wrk.format(nil, nil, nil, string.format(template, math.random(1, max_id)))",
            "end",
        ]
    else:
        lines.append(f"wrk.body = {lua_long_string(query.body())}")
    lines += [
        "done = function(summary, latency, requests)",
        "  local e = summary.errors",
        '  io.write(string.format("BENCH_RESULT %d %d %.0f %.0f %d %d\\n",',
        "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),",
        "    e.connect + e.read + e.write + e.timeout, e.status))",
        "end",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Measurement:
    database: str
    query: str
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    errors: int = 0
    note: str = ""


@dataclass(frozen=True)
class WrkSettings:
    duration: int
    warmup: int
    threads: int
    connections: int


def run_wrk(base: str, script: Path, settings: WrkSettings, seconds: int) -> list[int]:
    command = ["wrk", f"-t{settings.threads}", f"-c{settings.connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), f"{base}/v1/graphql"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_RESULT "):
            return [int(field) for field in line.split()[1:]]
    raise RuntimeError(f"wrk printed no result:\n{output}")


def measure(database: str, base: str, query: Query, settings: WrkSettings, max_id: int, workdir: Path) -> Measurement:
    if problem := check_query(base, query):
        return Measurement(database, query.name, note=f"skipped: {problem}")
    script = workdir / f"{query.name}.lua"
    script.write_text(wrk_script(query, max_id), encoding="utf-8")
    if settings.warmup > 0:
        run_wrk(base, script, settings, settings.warmup)
    requests, duration_us, p50_us, p99_us, socket_errors, status_errors = run_wrk(
        base, script, settings, settings.duration
    )
    return Measurement(
        database,
        query.name,
        requests_per_second=requests / (duration_us / 1e6),
        p50_ms=p50_us / 1000,
        p99_ms=p99_us / 1000,
        errors=socket_errors + status_errors,
    )


# --- Report ----------------------------------------------------------------------------------


def results_table(measurements: list[Measurement]) -> str:
    rows = ["| database | query | requests/s | p50 ms | p99 ms | errors | note |",
            "|---|---|---:|---:|---:|---:|---|"]
    for m in measurements:
        if m.requests_per_second is None:
            rows.append(f"| {m.database} | {m.query} | – | – | – | – | {m.note} |")
        else:
            rows.append(f"| {m.database} | {m.query} | {m.requests_per_second:,.0f} | {m.p50_ms:.2f} | "
                        f"{m.p99_ms:.2f} | {m.errors} | {m.note} |")
    return "\n".join(rows)


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def command_output(command: list[str]) -> str:
    """The first line a command prints (`wrk --version` prints its version and exits 1)."""
    with contextlib.suppress(OSError, IndexError):
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    return "unknown"


def write_report(measurements: list[Measurement], settings: WrkSettings, size: DatasetSize, version: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "latest.md"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = shlex.join(["python3", "bench/run.py", *sys.argv[1:]])
    path.write_text(
        f"# ministack benchmark, {now}\n\n"
        f"- command: `{command}`\n"
        f"- ministack: {version}, commit {command_output(['git', 'rev-parse', '--short', 'HEAD'])}\n"
        f"- machine: {machine_description()}\n"
        f"- wrk: {command_output(['wrk', '--version'])}; {settings.threads} threads, {settings.connections} "
        f"connections, {settings.duration} s per query after {settings.warmup} s warm-up\n"
        f"- dataset: {size.authors:,} authors, {size.articles:,} articles, {size.comments:,} comments "
        f"({size.rows:,} rows)\n\n"
        f"{results_table(measurements)}\n\n"
        + "".join(f"- `{q.name}`: {q.description}: `{q.document}`\n" for q in QUERIES),
        encoding="utf-8",
    )
    return path


# --- Main ------------------------------------------------------------------------------------


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    names = [q.name for q in QUERIES]
    parser.add_argument("--databases", default=",".join(DIALECTS), help="comma-separated: sqlite,postgres")
    parser.add_argument("--queries", default=",".join(names), help="comma-separated: " + ",".join(names))
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per query (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per query (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--authors", type=int, default=2_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=42, help="random seed of the dataset")
    parser.add_argument("--binary", type=Path, default=DEFAULT_BINARY, help="the ministack binary to run")
    parser.add_argument("--build", action="store_true", help="run swift build -c release first")
    arguments = parser.parse_args()
    arguments.databases = [d for d in arguments.databases.split(",") if d]
    arguments.queries = [q for q in arguments.queries.split(",") if q]
    for database in arguments.databases:
        if database not in DIALECTS:
            parser.error(f"unknown database {database!r}")
    for query in arguments.queries:
        if query not in names:
            parser.error(f"unknown query {query!r}")
    return arguments


def main() -> None:
    arguments = parse_arguments()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: sudo apt-get install -y wrk")
    binary = ensure_binary(arguments.binary.absolute(), arguments.build)
    settings = WrkSettings(arguments.duration, arguments.warmup, arguments.threads, arguments.connections)
    size = DatasetSize(arguments.authors, arguments.articles, arguments.comments)
    queries = [q for q in QUERIES if q.name in arguments.queries]

    print(f"Generating {size.rows:,} rows (seed {arguments.seed})", flush=True)
    tables = generate_dataset(size, arguments.seed)

    measurements: list[Measurement] = []
    version = "unknown"
    with tempfile.TemporaryDirectory(prefix="ministack-bench-") as temporary:
        workdir = Path(temporary)
        for database in arguments.databases:
            with contextlib.ExitStack() as stack:
                print(f"Loading {database}", flush=True)
                if database == "sqlite":
                    url = load_sqlite(workdir / "bench.sqlite", tables)
                else:
                    cluster_url, psql = stack.enter_context(postgres_cluster())
                    url = load_postgres(cluster_url, psql, tables, workdir)
                base = stack.enter_context(ministack_server(binary, url, workdir, database))
                status, payload = http("GET", f"{base}/v1/version")
                if status == 200:
                    version = json.loads(payload).get("version", version)
                for query in queries:
                    print(f"  {database} {query.name} …", flush=True)
                    measurements.append(measure(database, base, query, settings, size.articles, workdir))

    print()
    print(results_table(measurements))
    print(f"\nWritten to {write_report(measurements, settings, size, version).relative_to(REPO)}")


if __name__ == "__main__":
    main()
