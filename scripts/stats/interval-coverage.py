# Coverage of the symmetric, the log-scale and (for a share of a whole) the logit-scale interval for
# ratios, and of the symmetric and log-scale interval for means of values that are all 0 or more, by
# simulation (docs/statistics.md, "Ratios (log scale)", "Shares of a whole (logit scale)" and "Means
# and totals"). Simple random samples of n from populations of 400,000; 20,000 samples per row; the
# unweighted linearised SE and the t quantile on n − 1 degrees of freedom, as Samla computes them.
# A sample whose estimate has no interval in Samla (a ratio of 0; a share of 0 or 1) is left out of the
# rates of every interval alike, so the columns compare the same samples; `left out` counts them.
# For a share of a whole, `over 1` is how often an interval's upper limit passes 1.
# Run: python3 scripts/stats/interval-coverage.py   (numpy and scipy; about a minute)
import numpy as np
from scipy import stats

rng = np.random.default_rng(1)
N, REPS = 400_000, 20_000
SIZES = [10, 20, 35, 100]

def fte():
    return np.exp(rng.normal(1, 1.5, N))      # heavy-tailed FTEs: most organisations small, a few very large

def ratio_population(kind):
    # Shares of a whole: 0 ≤ y ≤ x for every unit.
    if kind == "fte-share":            # a small share, often 0 (the demo's target_group_staff), R ≈ 0.09
        x = fte(); y = x * np.where(rng.random(N) < 0.4, 0, rng.beta(1, 6, N))
    elif kind == "fte-share-rare":     # a share near 0: mostly none, R ≈ 0.02
        x = fte(); y = x * np.where(rng.random(N) < 0.85, 0, rng.beta(1, 5, N))
    elif kind == "fte-share-large-low":  # the large employers have the smallest shares, R ≈ 0.05
        x = fte(); y = x * rng.beta(1, 4, N) / (1 + x / 5)
    elif kind == "fte-share-near-one":   # a share near 1: most have only target-group staff, R ≈ 0.93
        x = fte(); y = x * np.where(rng.random(N) < 0.6, 1, rng.beta(4, 1, N))
    elif kind == "moderate-share":     # a moderate share of moderate sizes, R ≈ 0.5
        x = rng.gamma(3, 2, N); y = x * rng.beta(3, 3, N)
    # Ratios that are not shares: y may exceed x.
    elif kind == "rare-events":        # events per exposure
        x = rng.gamma(2, 5, N); y = rng.poisson(0.01 * x).astype(float)
    else:                              # money per person in a household, mostly 0
        x = rng.integers(1, 6, N).astype(float); y = np.where(rng.random(N) < 0.7, 0, np.exp(rng.normal(5, 1.2, N)))
    return y, x

SHARES = ["fte-share", "fte-share-rare", "fte-share-large-low", "fte-share-near-one", "moderate-share"]
OTHER_RATIOS = ["rare-events", "money"]

def mean_population(kind):
    return {"money": lambda: np.where(rng.random(N) < 0.7, 0, np.exp(rng.normal(5, 1.2, N))),
            "volunteers": lambda: rng.poisson(rng.gamma(0.5, 4, N)).astype(float),
            "fte": fte,
            "score-0-100": lambda: 100 * rng.beta(0.6, 4, N)}[kind]()

def intervals(estimate, se, q, share):
    """Each interval's (lower, upper) for arrays of estimates and SEs."""
    out = {"symmetric": (estimate - q * se, estimate + q * se)}
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.exp(q * se / estimate)
        out["log"] = (estimate / spread, estimate * spread)
        if share:
            logit = np.log(estimate / (1 - estimate)); half = q * se / (estimate * (1 - estimate))
            out["logit"] = (1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half))))
    return out

def report(label, estimate, se, truth, n, share):
    usable = (estimate > 0) & ((estimate < 1) if share else True)
    estimate, se = estimate[usable], se[usable]
    q = stats.t.ppf(0.975, n - 1)
    parts = []
    for name, (lower, upper) in intervals(estimate, se, q, share).items():
        text = (f"{name}: covers {np.mean((lower <= truth) & (truth <= upper)):.3f}, below {np.mean(truth < lower):.3f}, "
                f"above {np.mean(truth > upper):.3f}")
        if share: text += f", over 1 {np.mean(upper > 1):.3f}"
        parts.append(text)
    print(f"{label} n={n:3d} left out {REPS - usable.sum():5d} | " + " | ".join(parts))

for kind in SHARES + OTHER_RATIOS:
    Y, X = ratio_population(kind)
    truth = Y.sum() / X.sum()
    print(f"# ratio {kind}: R = {truth:.4f}")
    for n in SIZES:
        i = rng.integers(0, N, (REPS, n)); y, x = Y[i], X[i]
        R = y.sum(1) / x.sum(1)
        se = np.sqrt(((y - R[:, None] * x) ** 2).sum(1) / (n * (n - 1))) / x.mean(1)
        report(f"ratio {kind:19s}", R, se, truth, n, kind in SHARES)

for kind in ["money", "volunteers", "fte", "score-0-100"]:
    Y = mean_population(kind)
    print(f"# mean {kind}: {Y.mean():.4f}")
    for n in SIZES:
        y = Y[rng.integers(0, N, (REPS, n))]
        report(f"mean  {kind:19s}", y.mean(1), y.std(1, ddof=1) / np.sqrt(n), Y.mean(), n, False)

# Changes between two rounds (independent samples of n each) of a share of a whole: Samla's normal
# interval d ± z·√(SE₁² + SE₂²), and for comparison the MOVER interval (Newcombe's method 10 built from
# each round's logit interval instead of Wilson's): d − √((R₂ − l₂)² + (u₁ − R₁)²) to d + √((u₂ − R₂)² + (R₁ − l₁)²).
def share_draws(Y, X, n):
    i = rng.integers(0, N, (REPS, n)); y, x = Y[i], X[i]
    R = y.sum(1) / x.sum(1)
    return R, np.sqrt(((y - R[:, None] * x) ** 2).sum(1) / (n * (n - 1))) / x.mean(1)

z = stats.norm.ppf(0.975)
for earlier, later in [("fte-share", "fte-share"), ("fte-share", "moderate-share"), ("moderate-share", "fte-share-near-one")]:
    (Y1, X1), (Y2, X2) = ratio_population(earlier), ratio_population(later)
    truth = Y2.sum() / X2.sum() - Y1.sum() / X1.sum()
    print(f"# change {earlier} -> {later}: d = {truth:.4f}")
    for n in SIZES:
        (R1, se1), (R2, se2) = share_draws(Y1, X1, n), share_draws(Y2, X2, n)
        usable = (R1 > 0) & (R1 < 1) & (R2 > 0) & (R2 < 1)
        R1, se1, R2, se2 = R1[usable], se1[usable], R2[usable], se2[usable]
        d = R2 - R1
        q = stats.t.ppf(0.975, n - 1)
        (l1, u1), (l2, u2) = intervals(R1, se1, q, True)["logit"], intervals(R2, se2, q, True)["logit"]
        parts = []
        for name, (lower, upper) in (("normal", (d - z * np.hypot(se1, se2), d + z * np.hypot(se1, se2))),
                                     ("mover-logit", (d - np.hypot(R2 - l2, u1 - R1), d + np.hypot(u2 - R2, R1 - l1)))):
            parts.append(f"{name}: covers {np.mean((lower <= truth) & (truth <= upper)):.3f}, below {np.mean(truth < lower):.3f}, "
                         f"above {np.mean(truth > upper):.3f}")
        print(f"change {earlier} -> {later} n={n:3d} left out {REPS - usable.sum():5d} | " + " | ".join(parts))
