# Coverage of the symmetric and the log-scale interval for ratios and means of values that are all
# 0 or more, by simulation (docs/statistics.md, "Ratios (log scale)" and "Means and totals").
# Simple random samples of n from populations of 400,000; 20,000 samples per row. Samples whose
# estimate is 0 have no log interval (nor, in Samla, any) and are left out of the rates.
# Run: python3 scripts/stats/interval-coverage.py   (numpy and scipy; a few minutes)
import numpy as np
from scipy import stats

rng = np.random.default_rng(1)
N, REPS = 400_000, 20_000

def ratio_population(kind):
    if kind == "fte-share":      # heavy-tailed sizes, a small share often 0 (the demo's target_group_staff)
        x = np.exp(rng.normal(1, 1.5, N)); y = x * np.where(rng.random(N) < 0.4, 0, rng.beta(1, 6, N))
    elif kind == "rare-events":  # events per exposure
        x = rng.gamma(2, 5, N); y = rng.poisson(0.01 * x).astype(float)
    elif kind == "money":        # money per person in a household, mostly 0
        x = rng.integers(1, 6, N).astype(float); y = np.where(rng.random(N) < 0.7, 0, np.exp(rng.normal(5, 1.2, N)))
    else:                        # a moderate share of moderate sizes
        x = rng.gamma(3, 2, N); y = x * rng.beta(3, 3, N)
    return y, x

def mean_population(kind):
    return {"money": lambda: np.where(rng.random(N) < 0.7, 0, np.exp(rng.normal(5, 1.2, N))),
            "volunteers": lambda: rng.poisson(rng.gamma(0.5, 4, N)).astype(float),
            "fte": lambda: np.exp(rng.normal(1, 1.5, N)),
            "score-0-100": lambda: 100 * rng.beta(0.6, 4, N)}[kind]()

def coverage(draw, truth, n):
    counts = {"symmetric": np.zeros(3), "log": np.zeros(3)}
    used = 0
    q = stats.t.ppf(0.975, n - 1)
    for _ in range(REPS):
        estimate, se = draw(n)
        if estimate is None or estimate == 0: continue
        used += 1
        for name, (lower, upper) in (("symmetric", (estimate - q * se, estimate + q * se)),
                                     ("log", (estimate * np.exp(-q * se / estimate), estimate * np.exp(q * se / estimate)))):
            counts[name] += [lower <= truth <= upper, truth < lower, truth > upper]
    return " | ".join(f"{k}: covers {v[0] / used:.3f}, below {v[1] / used:.3f}, above {v[2] / used:.3f}" for k, v in counts.items())

for kind in ["fte-share", "rare-events", "money", "moderate-share"]:
    Y, X = ratio_population(kind)
    def draw(n):
        i = rng.integers(0, N, n); y, x = Y[i], X[i]
        R = y.sum() / x.sum()
        return R, np.sqrt(((y - R * x) ** 2).sum() / (n * (n - 1))) / x.mean()
    for n in [10, 20, 35, 100]:
        print(f"ratio {kind:15s} n={n:3d} {coverage(draw, Y.sum() / X.sum(), n)}")

for kind in ["money", "volunteers", "fte", "score-0-100"]:
    Y = mean_population(kind)
    def draw(n):
        y = Y[rng.integers(0, N, n)]
        return y.mean(), y.std(ddof=1) / np.sqrt(n)
    for n in [10, 20, 35, 100]:
        print(f"mean  {kind:15s} n={n:3d} {coverage(draw, Y.mean(), n)}")
