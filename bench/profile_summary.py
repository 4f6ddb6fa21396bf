"""Where the time goes: a summary of py-spy raw profiles (``python -m bench.run --profile DIR``).

``python -m bench.profile_summary DIR/sqlite/baucu-unlimited.txt [DIR/sqlite/echo.txt ...]`` prints, per profile,
the share of samples in which each layer (our code, PTB, httpx, SQLAlchemy, the drivers, asyncio…) is on the stack
(inclusive), the layer of the innermost frame (self), and the functions most often on the stack.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

LAYERS = [
    ("bot.handlers/turn", ("bot/handlers/", "bot/turn.py")),
    ("bot (other)", ("/bot/",)),
    ("db.queries", ("db/queries/",)),
    ("sqlalchemy", ("sqlalchemy/",)),
    ("aiosqlite/sqlite3", ("aiosqlite/", "sqlite3/")),
    ("asyncpg", ("asyncpg/",)),
    ("telegram (PTB)", ("telegram/",)),
    ("aiolimiter", ("aiolimiter/",)),
    ("httpx/httpcore", ("httpx/", "httpcore/", "h11/", "anyio/")),
    ("babel/gettext", ("babel/", "gettext.py")),
    ("json", ("json/",)),
    ("logging", ("logging/",)),
    ("asyncio", ("asyncio/",)),
]


def layer_of(frame: str) -> str | None:
    for name, needles in LAYERS:
        if any(n in frame for n in needles):
            return name
    return None


def summarise(path: Path, top: int = 15) -> str:
    stacks: list[tuple[list[str], int]] = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    total = sum(c for _, c in stacks) or 1
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    for frames, count in stacks:
        for layer in {layer_of(f) for f in frames} - {None}:
            inclusive[layer] += count  # type: ignore[index]
        leaf = next((layer_of(f) for f in reversed(frames) if layer_of(f)), None) or "other"
        own[leaf] += count
        for f in {f.split(" (")[0] + " (" + f.split(" (")[-1].split(":")[0] + ")" for f in frames}:
            functions[f] += count
    out = [f"{path}  ({total} samples at 200/s, idle excluded)", "  layer                 on stack   innermost"]
    for name, _ in [*LAYERS, ("other", ())]:
        if inclusive[name] or own[name]:
            out.append(f"  {name:<20} {inclusive[name] / total:8.0%} {own[name] / total:10.0%}")
    out.append("  functions most often on the stack:")
    boring = ("asyncio/", "runpy", "bench/worker.py", "threading.py", "concurrent/futures")
    shown = [(n, c) for n, c in functions.most_common() if not any(b in n for b in boring)]
    for name, count in shown[:top]:
        out.append(f"    {count / total:5.0%}  {name[-110:]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print(__doc__)
        return 2
    for p in paths:
        print(summarise(p))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
