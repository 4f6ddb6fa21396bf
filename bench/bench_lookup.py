"""Benchmark PlaceIndex against a plain rapidfuzz ``process.extractOne`` scan over all names.

Run from the repository root:  python -m bench.bench_lookup [--queries 3000] [--baseline-sample 75] [--seed 7]

Query kinds (each with its known target): exact display name, folded name without the generic prefix, folded with
one typo, NFD input in the other tone-placement style, and "hamlet + commune" sentences (only there does the answer
depend on which of several same-named hamlets is meant, so correctness is by key; elsewhere by name).
Baselines: "naive" passes the raw names and raw query with rapidfuzz's default processor (lower case, no folding);
"folded" pre-folds the names once and folds the query, which is the fairer and faster baseline. For the
"+commune" kind the baselines scan "name, commune, province" strings. Timings are wall clock, single thread.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time
import tracemalloc
import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz, process, utils

from bench.placegen import generate
from bot.domain.search import PlaceEntry, PlaceIndex
from bot.domain.text import fold, normalize

_PREFIXES = ("Tổ dân phố ", "Khu phố ", "Thôn ", "Xóm ", "Ấp ", "Làng ", "Bản ", "Xã ", "Phường ")
_OLD_STYLE = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé", "ủy": "uỷ",
              "úy": "uý", "ùy": "uỳ", "ũy": "uỹ", "ụy": "uỵ"}  # fmt: skip


def core(name: str) -> str:
    for p in _PREFIXES:
        if name.startswith(p):
            return name[len(p) :]
    return name


def typo(rng: random.Random, text: str) -> str:
    words = text.split()
    idx = [i for i, w in enumerate(words) if len(w) >= 4] or [max(range(len(words)), key=lambda i: len(words[i]))]
    i = rng.choice(idx)
    w = words[i]
    p = rng.randrange(len(w))
    op = rng.choice(("sub", "del", "ins", "swap"))
    letters = "abcdeghiklmnopqrstuvxy"
    if op == "sub":
        w = w[:p] + rng.choice(letters.replace(w[p], "")) + w[p + 1 :]
    elif op == "del" and len(w) > 2:
        w = w[:p] + w[p + 1 :]
    elif op == "swap" and p < len(w) - 1 and w[p] != w[p + 1]:
        w = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    else:
        w = w[:p] + rng.choice(letters) + w[p:]
    words[i] = w
    return " ".join(words)


def old_style(name: str) -> str:
    out = normalize(name)
    for new, old in _OLD_STYLE.items():
        out = out.replace(new + " ", old + " ") if not out.endswith(new) else out[: -len(new)] + old
    return unicodedata.normalize("NFD", out)


def make_queries(entries: list[PlaceEntry], n: int, seed: int) -> list[tuple[str, str, PlaceEntry]]:
    """(kind, query, target) triples; targets are named hamlets and communes."""
    rng = random.Random(seed)
    named = [e for e in entries if e.kind in ("hamlet", "commune") and not core(e.name).split()[-1].isdigit()]
    out: list[tuple[str, str, PlaceEntry]] = []
    kinds = ("exact", "folded", "typo", "nfd-old-tone", "+commune")
    for i in range(n):
        kind = kinds[i % len(kinds)]
        t = rng.choice(named)
        if kind == "exact":
            q = t.name
        elif kind == "folded":
            q = fold(core(t.name))
        elif kind == "typo":
            q = typo(rng, fold(core(t.name)))
        elif kind == "nfd-old-tone":
            q = old_style(t.name)
        else:
            t = rng.choice([e for e in named[rng.randrange(len(named)) :][:50] if e.kind == "hamlet"] or named)
            q = (
                f"cho em hỏi {t.name.lower()} xã {t.context[0]} bầu ở đâu"
                if rng.random() < 0.5
                else (fold(f"{core(t.name)} {t.context[0]}"))
            )
        out.append((kind, q, t))
    return out


def correct(kind: str, found: PlaceEntry | None, target: PlaceEntry) -> bool:
    if found is None:
        return False
    if kind == "+commune":
        return found.key == target.key
    if kind in ("folded", "typo"):  # no prefix and no diacritics in the query: any same-named place is right
        return fold(core(found.name)) == fold(core(target.name))
    return normalize(found.name) == normalize(target.name)


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    label: str, queries: list[tuple[str, str, PlaceEntry]], lookup: Callable[[str, str], PlaceEntry | None]
) -> dict[str, tuple[int, int, float]]:
    stats: dict[str, tuple[int, int, float]] = {}
    for kind, q, target in queries:
        t0 = time.perf_counter()
        found = lookup(kind, q)
        dt = time.perf_counter() - t0
        ok, n, tt = stats.get(kind, (0, 0, 0.0))
        stats[kind] = (ok + correct(kind, found, target), n + 1, tt + dt)
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--baseline-sample", type=int, default=75)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-tracemalloc", action="store_true")
    args = ap.parse_args()

    entries = list(generate())
    kinds_count = {k: sum(e.kind == k for e in entries) for k in ("province", "commune", "hamlet", "area")}
    print(f"entries: {len(entries):,} {kinds_count}")

    gc.collect()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    index = PlaceIndex(entries)
    build_s = time.perf_counter() - t0
    gc.collect()
    rss1 = rss_mb()
    traced = ""
    if not args.no_tracemalloc:
        tracemalloc.start()
        PlaceIndex(entries)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        traced = f", tracemalloc peak during a second build {peak / 2**20:.0f} MB"
    print(f"PlaceIndex build: {build_s:.2f} s, RSS +{rss1 - rss0:.0f} MB (entries list itself excluded){traced}")

    queries = make_queries(entries, args.queries, args.seed)
    per_kind = max(1, args.baseline_sample // 5)
    sample = [x for k in dict.fromkeys(k for k, _, _ in queries) for x in [y for y in queries if y[0] == k][:per_kind]]

    names = [e.name for e in entries]
    folded_names = [fold(n) for n in names]
    with_ctx = [", ".join((e.name, *e.context)) for e in entries]
    folded_ctx = [fold(s) for s in with_ctx]

    def ix_lookup(kind: str, q: str) -> PlaceEntry | None:
        m = index.search(q, limit=5)
        return m[0].entry if m else None

    def naive(kind: str, q: str) -> PlaceEntry | None:
        choices = with_ctx if kind == "+commune" else names
        r = process.extractOne(q, choices, scorer=fuzz.WRatio, processor=utils.default_process)
        return entries[r[2]] if r else None

    def folded(kind: str, q: str) -> PlaceEntry | None:
        choices = folded_ctx if kind == "+commune" else folded_names
        r = process.extractOne(fold(q), choices, scorer=fuzz.WRatio)
        return entries[r[2]] if r else None

    ix_lookup("exact", "warm up")
    results = {
        "PlaceIndex (all queries)": run("index", queries, ix_lookup),
        "PlaceIndex (baseline sample)": run("index", sample, ix_lookup),
        "extractOne naive (sample)": run("naive", sample, naive),
        "extractOne folded (sample)": run("folded", sample, folded),
    }
    kinds = list(dict.fromkeys(k for k, _, _ in queries))
    header = f"{'system':30} {'n':>5} {'lookups/s':>10} {'ms/lookup':>10} {'top-1':>7}  " + "  ".join(
        f"{k:>12}" for k in kinds
    )
    print()
    print(header)
    print("-" * len(header))
    rates: dict[str, float] = {}
    for label, stats in results.items():
        ok = sum(v[0] for v in stats.values())
        n = sum(v[1] for v in stats.values())
        tt = sum(v[2] for v in stats.values())
        rates[label] = n / tt
        per_kind = "  ".join(f"{100 * stats[k][0] / stats[k][1]:>11.1f}%" if k in stats else " " * 12 for k in kinds)
        print(f"{label:30} {n:>5} {n / tt:>10.1f} {1000 * tt / n:>10.2f} {100 * ok / n:>6.1f}%  {per_kind}")
    ix_rate = rates["PlaceIndex (baseline sample)"]
    print()
    print(f"speed-up vs naive extractOne:  {ix_rate / rates['extractOne naive (sample)']:.1f}x")
    print(f"speed-up vs folded extractOne: {ix_rate / rates['extractOne folded (sample)']:.1f}x")


if __name__ == "__main__":
    main()
