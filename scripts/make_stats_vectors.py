#!/usr/bin/env python3
"""Reference values for src/stats, computed with numpy + scipy, written to tests/data/stats_vectors.json.

Run: python3 scripts/make_stats_vectors.py   (needs numpy, scipy and scikit-learn; e.g. in a venv:
     pip install numpy scipy scikit-learn)

The rules mirror the Rust module exactly:
  * pairs where either value is NaN or +-inf are dropped first and counted ("dropped");
  * fewer than 2 pairs, or a constant side, gives NaN;
  * top k %: m = ceil(n * k / 100) over the n finite pairs (float arithmetic, n*k then /100), clamped
    to [1, n]; threshold t = m-th largest truth; every pair with truth >= t is kept (boundary ties in);
  * nDCG@k: order by score descending; gains = raw truth; equal scores form one group whose
    positions each get the group's mean gain (McSherry & Najork 2008); DCG = sum gain_i /
    log2(i + 1), i = 1..k; divided by the same over truth sorted descending; k clamped to n; NaN
    when n = 0 or IDCG <= 0. Checked here against scikit-learn's ndcg_score(ignore_ties=False);
  * best of top k: the expected max truth among the k highest-scored when a group of equal scores
    straddling the cut is sampled uniformly (best pick = k of 1: the mean truth of the tied top),
    with "tied" = the size of that group (1 when the pick is certain). Checked here by enumerating
    every subset where there are few;
  * bootstrap: the project's RNG (xoshiro256++ seeded by SplitMix64, ported below), n draws of
    below(n) per resample, non-finite replicates left out, linear-interpolation quantiles.
Non-finite floats are written as the strings "NaN", "inf", "-inf" (JSON has no such numbers).
"""

import itertools
import json
import math
import warnings
from pathlib import Path

import numpy as np
from scipy import stats
from sklearn.metrics import ndcg_score

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "stats_vectors.json"
TOPK_PERCENTS = [5.0, 10.0, 20.0, 50.0]
NDCG_KS = [1, 3, 10, 50]
PICK_KS = [1, 3, 10]
MASK = (1 << 64) - 1


# ---------- the project's RNG (src/rng.rs), for the bootstrap ----------
class Rng:
    def __init__(self, seed):
        sm = seed & MASK
        state = []
        for _ in range(4):
            sm = (sm + 0x9E3779B97F4A7C15) & MASK
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        self.s = state

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next_u64(self):
        s = self.s
        result = (self._rotl((s[0] + s[3]) & MASK, 23) + s[0]) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def below(self, n):
        zone = MASK - (MASK % n)
        while True:
            x = self.next_u64()
            if x < zone:
                return x % n


# ---------- statistics with the module's policies ----------
def finite(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep], np.nonzero(keep)[0], int((~keep).sum())


def constant(v):
    return len(v) == 0 or bool(np.all(v == v[0]))


def spearman(x, y):
    if len(x) < 2 or constant(x) or constant(y):
        return math.nan
    return float(stats.spearmanr(x, y).statistic)


def kendall(x, y):
    if len(x) < 2 or constant(x) or constant(y):
        return math.nan
    return float(stats.kendalltau(x, y, variant="b").statistic)


def pearson(x, y):
    if len(x) < 2 or constant(x) or constant(y):
        return math.nan
    return float(stats.pearsonr(x, y).statistic)


METHODS = {"spearman": spearman, "kendall": kendall, "pearson": pearson}


def top_k_subset(x, y, k):
    n = len(y)
    if n == 0:
        return x, y
    m = min(max(math.ceil(n * k / 100), 1), n)
    threshold = np.sort(y)[::-1][m - 1]
    keep = y >= threshold
    return x[keep], y[keep]


def tie_groups(score):
    """Positions (in descending score order) of each group of equal scores, best first."""
    order = np.argsort(-score, kind="stable")
    groups, start = [], 0
    while start < len(order):
        end = start + 1
        while end < len(order) and score[order[end]] == score[order[start]]:
            end += 1
        groups.append([int(i) for i in order[start:end]])
        start = end
    return groups


def ndcg(score, truth, k):
    n = len(truth)
    if n == 0:
        return math.nan
    k = min(k, n)
    ideal = np.sort(truth)[::-1]
    dcg, pos = 0.0, 0
    for group in tie_groups(score):
        mean_gain = float(np.mean(truth[group]))
        for _ in group:
            if pos < k:
                dcg += mean_gain / math.log2(pos + 2)
            pos += 1
    idcg = sum(float(ideal[i]) / math.log2(i + 2) for i in range(k))
    value = dcg / idcg if idcg > 0 and math.isfinite(idcg) and math.isfinite(dcg) else math.nan
    if n >= 2 and math.isfinite(value) and (truth >= 0).all():
        ref = ndcg_score(truth[None, :], score[None, :], k=k, ignore_ties=False)
        assert abs(ref - value) <= 1e-12, (ref, value)
    return value


def best_of_top_k(score, truth, k):
    if len(truth) == 0:
        return math.nan, 0
    k = min(k, len(truth))
    certain, pos = -math.inf, 0
    for group in tie_groups(score):
        if pos >= k:
            break
        t = sorted(float(truth[i]) for i in group)
        if pos + len(group) <= k:
            certain = max([certain] + t)
            value, tied = certain, 1
        else:
            m, r = len(t), k - pos
            value = sum(math.comb(j - 1, r - 1) / math.comb(m, r) * max(certain, t[j - 1]) for j in range(r, m + 1))
            if math.comb(m, r) <= 20000:
                subsets = [max([certain] + list(c)) for c in itertools.combinations(t, r)]
                assert abs(sum(subsets) / len(subsets) - value) <= 1e-9 * abs(value), (subsets, value)
            tied = m
        pos += len(group)
    return value, tied


def quantile(sorted_values, q):
    if not sorted_values:
        return math.nan
    last = len(sorted_values) - 1
    h = last * q
    lo = min(int(math.floor(h)), last)
    hi = min(lo + 1, last)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def bootstrap(x, y, fn, resamples, confidence, seed):
    n = len(x)
    out = {"estimate": fn(x, y), "low": math.nan, "high": math.nan, "valid": 0}
    if n < 2:
        return out
    rng = Rng(seed)
    reps = []
    for _ in range(resamples):
        idx = np.array([rng.below(n) for _ in range(n)])
        v = fn(x[idx], y[idx])
        if math.isfinite(v):
            reps.append(v)
    reps.sort()
    alpha = 1.0 - confidence
    out.update(valid=len(reps), low=quantile(reps, alpha / 2.0), high=quantile(reps, 1.0 - alpha / 2.0))
    return out


# ---------- cases ----------
def cases():
    nan, inf = math.nan, math.inf
    out = [
        ("ties_small", [1, 2, 2, 3, 4, 4, 4, 5], [0.3, 0.1, 0.5, 0.5, 0.9, 0.2, 0.7, 0.7]),
        ("nan_and_inf", [0.5, nan, 1.5, 2.0, inf, 3.0, 3.0, -1.0, 4.0, 2.5], [10, 20, nan, 30, 40, 35, -inf, 15, 50, 30]),
        ("constant_score", [2.0] * 6, [1, 2, 3, 4, 5, 6]),
        ("constant_truth", [1, 2, 3, 4, 5, 6], [0.7] * 6),
        ("n2", [1.0, 3.0], [0.2, 0.9]),
        ("n2_reversed", [1.0, 3.0], [0.9, 0.2]),
        ("reversed", [5, 4, 3, 2, 1, 0], [60, 70, 80, 85, 90, 93]),
        ("perfect", [0.1, 0.4, 0.2, 0.8], [1.0, 4.0, 2.0, 8.0]),
        ("signed_zero", [-0.0, 0.0, 1.0, -1.0, 0.0], [1.0, 2.0, 3.0, 0.5, 2.0]),
        ("all_nan", [nan, nan, nan], [1, 2, 3]),
        ("one_pair", [1.0, nan], [2.0, 3.0]),
        ("empty", [], []),
        ("negative_truth", [3, 1, 2, 5, 4], [-2.0, 1.0, 0.5, -1.0, 3.0]),
    ]
    rng = np.random.default_rng(20240601)
    truth = np.round(rng.uniform(10, 95, 200), 0)  # many ties
    score = np.round(truth / 10 + rng.normal(0, 2.0, 200), 0)  # noisy, heavily tied
    score[[3, 50, 120]] = math.nan
    truth[[7, 50]] = math.nan
    score[199] = -math.inf
    out.append(("seeded_200_ties", score.tolist(), truth.tolist()))
    truth = np.round(rng.uniform(0, 94, 1000), 1)
    score = np.round(np.log1p(truth) + rng.normal(0, 0.6, 1000), 2)
    out.append(("seeded_1000", score.tolist(), truth.tolist()))
    return out


def enc(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def main():
    warnings.simplefilter("ignore")
    records = []
    for name, raw_x, raw_y in cases():
        raw_x = [float(v) for v in raw_x]
        raw_y = [float(v) for v in raw_y]
        x, y, _index, dropped = finite(raw_x, raw_y)
        rec = {"name": name, "score": [enc(v) for v in raw_x], "truth": [enc(v) for v in raw_y]}
        rec["n"], rec["dropped"] = len(x), dropped
        for mname, fn in METHODS.items():
            rec[mname] = enc(fn(x, y))
        # scipy's own nan_policy='omit' agrees with dropping pairs (it omits NaN only: inf -> NaN first).
        if len(x) >= 3 and not constant(x) and not constant(y):
            nx = np.where(np.isfinite(raw_x), raw_x, np.nan)
            ny = np.where(np.isfinite(raw_y), raw_y, np.nan)
            sp = stats.spearmanr(nx, ny, nan_policy="omit").statistic
            kt = stats.kendalltau(nx, ny, nan_policy="omit", variant="b").statistic
            assert abs(sp - rec["spearman"]) < 1e-12 and abs(kt - rec["kendall"]) < 1e-12, name
        rec["top_k"] = []
        for k in TOPK_PERCENTS:
            sx, sy = top_k_subset(x, y, k)
            entry = {"percent": k, "n": len(sx)}
            for mname, fn in METHODS.items():
                entry[mname] = enc(fn(sx, sy))
            rec["top_k"].append(entry)
        rec["ndcg"] = [{"k": k, "value": enc(ndcg(x, y, k))} for k in NDCG_KS]
        rec["best_of_top_k"] = []
        for k in PICK_KS:
            value, tied = best_of_top_k(x, y, k)
            rec["best_of_top_k"].append({"k": k, "value": enc(value), "tied": tied})
        if name == "seeded_200_ties":
            rec["bootstrap"] = []
            for mname in ("spearman", "kendall"):
                for seed in (7, 42):
                    b = bootstrap(x, y, METHODS[mname], 200, 0.95, seed)
                    rec["bootstrap"].append(
                        {"method": mname, "resamples": 200, "confidence": 0.95, "seed": seed,
                         **{key: enc(val) for key, val in b.items()}}
                    )
        records.append(rec)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "generator": "scripts/make_stats_vectors.py",
        "numpy": np.__version__,
        "scipy": __import__("scipy").__version__,
        "scikit-learn": __import__("sklearn").__version__,
    }
    # One case per line keeps the file short and its diffs readable.
    head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, allow_nan=False)[:-1]
    body = ",\n".join(json.dumps(r, allow_nan=False) for r in records)
    OUT.write_text(f'{head}, "cases": [\n{body}\n]}}\n')
    print(f"wrote {len(records)} cases to {OUT}")


if __name__ == "__main__":
    main()
