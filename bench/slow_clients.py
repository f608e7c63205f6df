"""What slow clients cost everyone else: throughput and latency of normal requests, without and with them.

    python bench/slow_clients.py --url http://127.0.0.1:8000 --slow 200       # gunicorn alone
    python bench/slow_clients.py --url http://127.0.0.1:8080 --slow 200       # behind nginx (bench/proxy_setup.sh)

First ``--seconds`` of normal traffic alone (``--clients`` clients asking for ``--path`` one after the
other, each request on a new connection), then the same while ``--slow`` connections send their request
one byte per second (a phone in a dead spot, or someone holding connections on purpose), then the
normal traffic alone again. Prints requests per second, p50 and p95 and the failures of each phase.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from urllib.parse import urlsplit


async def one_request(host: str, port: int, path: str, timeout: float) -> float | None:
    """Seconds for one whole GET on a new connection, or None when it failed or took longer than ``timeout``."""
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.read(), timeout)
        writer.close()
        if not head.startswith(b"HTTP/1.1 200"):
            return None
    except (TimeoutError, OSError):
        return None
    return time.perf_counter() - started


async def normal_traffic(host: str, port: int, path: str, clients: int, seconds: float) -> tuple[list[float], int]:
    times: list[float] = []
    failed = 0
    deadline = time.monotonic() + seconds

    async def client() -> None:
        nonlocal failed
        while time.monotonic() < deadline:
            took = await one_request(host, port, path, timeout=10.0)
            if took is None:
                failed += 1
            else:
                times.append(took)

    await asyncio.gather(*(client() for _ in range(clients)))
    return times, failed


async def slow_client(host: str, port: int, stop: asyncio.Event) -> None:
    """Send a request one byte per second until told to stop (or the server gives up on it)."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return
    request = f"GET /anmelden HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {'x' * 400}\r\n\r\n".encode()
    try:
        for byte in request:
            if stop.is_set() or reader.at_eof():
                break
            writer.write(bytes([byte]))
            await writer.drain()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    except OSError:
        pass
    finally:
        writer.close()


def report(name: str, times: list[float], failed: int, seconds: float) -> None:
    if times:
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"| {name} | {len(times) / seconds:.1f} | {statistics.median(ordered) * 1000:.0f} ms | {p95 * 1000:.0f} ms | {failed} |".replace(".", ","))
    else:
        print(f"| {name} | 0 | – | – | {failed} |")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--path", default="/anmelden")
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    url = urlsplit(args.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80

    print(f"{args.url}{args.path}: {args.clients} normal clients; {args.slow} slow clients (1 byte/s) in the middle phase\n")
    print("| phase | requests/s | p50 | p95 | failed |\n|---|---|---|---|---|")
    times, failed = await normal_traffic(host, port, args.path, args.clients, args.seconds)
    report("alone", times, failed, args.seconds)
    stop = asyncio.Event()
    slow = [asyncio.create_task(slow_client(host, port, stop)) for _ in range(args.slow)]
    await asyncio.sleep(1.0)
    times, failed = await normal_traffic(host, port, args.path, args.clients, args.seconds)
    report(f"with {args.slow} slow clients", times, failed, args.seconds)
    stop.set()
    await asyncio.gather(*slow)
    times, failed = await normal_traffic(host, port, args.path, args.clients, args.seconds)
    report("alone again", times, failed, args.seconds)


if __name__ == "__main__":
    asyncio.run(main())
