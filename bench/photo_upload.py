"""CV photos as phones and attackers send them: time and peak extra memory of ``clean_photo``.

    python bench/photo_upload.py

Each case runs in a fresh process, so that its peak memory is its own. Target: every upload (accepted or
refused) under 100 MB extra; a refused one in well under a second.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _jpeg(size, **save) -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", size, (180, 140, 120)).save(out, "JPEG", quality=80, **save)
    return out.getvalue()


def _png(size, mode="RGB") -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def _comments(data: bytes, text: bytes, parts: int) -> bytes:
    """A JPEG with ``parts`` comment segments of ``text`` each, right after the start marker (70,000 characters in all)."""
    segment = b"".join(b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text for _ in range(parts))
    return data[:2] + segment + data[2:]


CASES = {
    "phone photo, JPEG 4032 x 3024": lambda: _jpeg((4032, 3024)),
    "phone photo, JPEG 8000 x 6000 (48 MP)": lambda: _jpeg((8000, 6000)),
    "JPEG with two comments of 35,000 characters": lambda: _comments(_jpeg((600, 800)), b"Wohnheim Lange Str. 5 " * 1590, 2),
    "PNG 4000 x 3000 (the largest decoded whole)": lambda: _png((4000, 3000)),
    "PNG 6300 x 6300, 0.1 MB (refused before decoding)": lambda: _png((6300, 6300), "L"),
    "PNG 20000 x 20000 declared (refused before decoding)": lambda: _png((20000, 20000), "1"),
}


def run_case(path: str) -> dict:
    """In a fresh process: read the file (made by the parent), then clean it and measure."""
    from PIL import Image  # noqa: F401 - loaded before the baseline

    from webapp.cv.photo import PhotoError, clean_photo

    data = Path(path).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # Linux: the peak (VmHWM) starts again from now
    base = _vm("VmRSS")
    start = time.perf_counter()
    try:
        answer = f"stored {len(clean_photo(data)) / 1024:.0f} KB"
    except PhotoError as error:
        answer = f"refused: {error}"
    seconds = time.perf_counter() - start
    return {"size": len(data), "seconds": seconds, "rss_mb": (_vm("VmHWM") - base) / 1024, "answer": answer}


def _vm(field: str) -> int:
    """A memory figure of this process in KB, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return
    import tempfile

    print(f"{'case':<54} {'file':>9} {'time':>7} {'+RSS':>9}  answer")
    worst = 0.0
    folder = Path(tempfile.mkdtemp())
    for number, (name, build) in enumerate(CASES.items()):
        path = folder / f"{number}.img"
        path.write_bytes(build())
        out = subprocess.run([sys.executable, __file__, "--case", str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        worst = max(worst, r["rss_mb"])
        print(f"{name:<54} {r['size'] / 1024:>7.0f}KB {r['seconds']:>6.2f}s {r['rss_mb']:>7.1f}MB  {r['answer']}")
    print(f"\nworst case: +{worst:.1f} MB resident (target < 100 MB per upload)")


if __name__ == "__main__":
    main()
