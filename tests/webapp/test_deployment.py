"""The production server set-up (gunicorn.conf.py) as it runs: ready at once, not stalled by slow clients (issue 19)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _answers(port: int, within: float) -> bool:
    """Whether /healthz on ``port`` answers within ``within`` seconds (a server that is starting)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            get(port, "/healthz", timeout=1)
            return True
        except OSError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with the repository's configuration (2 workers) on an empty, migrated SQLite database."""
    folder = tmp_path_factory.mktemp("deploy")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder}/kmu.sqlite3",
        "KMU_ENV": "development",
        "KMU_INSTANCE_PATH": str(folder),
        "KMU_WORKERS": "2",
    }
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    log = folder / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
    if not _answers(port, within=60):
        process.kill()
        pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])
    yield port
    process.terminate()
    process.wait(timeout=30)


def test_a_worker_is_ready_from_its_first_request(server):
    """The index is built in the master before the workers fork: no worker answers "building"."""
    for _ in range(6):  # several connections, so more than one worker answers
        status, body = get(server, "/readyz")
        assert status == 200
        assert json.loads(body)["status"] == "ok"  # not "starting": the index is built


def test_idle_and_slow_clients_do_not_stall_the_others(server):
    """Six connections that send nothing and six that send a header line now and then, held
    longer than a worker waits for data (the outside test held six idle ones: all sync workers
    were killed): every other request is still answered at once."""
    idle = [socket.create_connection(("127.0.0.1", server)) for _ in range(6)]
    slow = [socket.create_connection(("127.0.0.1", server)) for _ in range(6)]
    for s in slow:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: kmu\r\n")
    worst = 0.0
    try:
        started = time.monotonic()
        while time.monotonic() - started < 8:
            t = time.perf_counter()
            status, _body = get(server, "/healthz", timeout=5)
            worst = max(worst, time.perf_counter() - t)
            assert status == 200
            for s in slow:
                s.sendall(b"X-Slow: 1\r\n")
            time.sleep(0.25)
    finally:
        for s in idle + slow:
            s.close()
    assert worst < 1.0


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:  # make test installs it (scripts/ensure-nginx.sh), as it does chromium
        pytest.fail("nginx is missing: run `make test` (it installs it) or `apt-get install nginx-light`")
    return found


@pytest.fixture
def proxy(server, tmp_path):
    """nginx with the repository's proxy settings (deploy/kmu-match-proxy.conf) in front of ``server``."""
    port = free_port()
    temps = "".join(f"  {name}_temp_path {tmp_path / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"worker_processes 1; pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'} warn; daemon off;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n  access_log off;\n{temps}"
        f"  upstream kmu_match {{ server 127.0.0.1:{server}; keepalive 8; }}\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    include {ROOT / 'deploy' / 'kmu-match-proxy.conf'};\n"
        "    location / { proxy_pass http://kmu_match; }\n  }\n}\n"
    )
    process = subprocess.Popen([_nginx(), "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    if not _answers(port, within=10):
        process.kill()
        pytest.fail("nginx did not start: " + process.communicate()[1].decode(errors="replace"))
    yield port
    process.terminate()
    process.communicate(timeout=10)


def _slow_connections(port: int, count: int) -> list[socket.socket]:
    """``count`` clients that send their request a byte at a time (a phone in a dead spot): half are still
    in the request's head, half have sent a form's head and dribble its body."""
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    for i, s in enumerate(slow):
        s.sendall(b"G" if i % 2 else b"POST /anmelden HTTP/1.1\r\nHost: kmu\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\ne")
    return slow


def test_behind_the_buffering_proxy_slow_clients_hold_no_thread(server, proxy):
    """Three times as many slow clients as gunicorn has threads (2 workers x 16). Straight at gunicorn each
    holds a thread (bench/slow_clients.py: 200 of them, nobody else answered); through nginx with
    deploy/kmu-match-proxy.conf nginx holds them, heads and bodies alike, until each request is whole, and
    every other request is answered (README, "Langsame Verbindungen")."""
    slow = _slow_connections(proxy, 96)
    try:
        started = time.monotonic()
        answered = 0
        while time.monotonic() - started < 4:
            assert get(proxy, "/healthz", timeout=5)[0] == 200
            answered += 1
            for s in slow:
                s.sendall(b"e")
            time.sleep(0.1)
    finally:
        for s in slow:
            s.close()
    assert answered >= 10


def test_the_app_entry_point_starts_openblas_with_one_thread(tmp_path):
    """gunicorn and ``flask --app wsgi`` (make run, the worker) load wsgi.py before anything loads NumPy: OpenBLAS
    then runs with one thread (matching.threads), unless the environment says otherwise."""
    code = (
        "import sys, wsgi; assert 'numpy' in sys.modules; import threadpoolctl; "
        "print(max(p['num_threads'] for p in threadpoolctl.threadpool_info() if p['internal_api'] == 'openblas'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path}/kmu.sqlite3", "KMU_ENV": "development", "KMU_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "1"
