# Writes ratio-interval.csv: hand-made ratio cases and the estimate, SE and interval that Samla must give,
# computed here independently of Samla (numpy/scipy). Run: python3 Tests/EstimatorsTests/Golden/make-ratio-interval.py
#
# Ratio R = Σwy/Σwx. Its linearised SE: the influence zᵢ = wᵢ(yᵢ − R xᵢ)/Σwx inside the domain (0 outside);
# without a design the SE is √(Σ(yᵢ − R xᵢ)²/(n(n − 1)))/x̄ over the domain. With strata and population
# sizes N_h: V = Σ_h (1 − n_h/N_h) n_h/(n_h − 1) Σ_j (z_hj − z̄_h)², n_h counting every unit of the stratum.
# The interval, by the domain's values:
# - every 0 ≤ yᵢ ≤ xᵢ (a share of a whole): expit(logit R ± q·SE/(R(1 − R))), none when R is 0 or 1;
# - else every y and x ≥ 0: R·exp(±q·SE/R), none when R = 0;
# - else R ± q·SE.
# q is the normal quantile with a design (R's confint, df = Inf), the t quantile on n − 1 df without.
import csv, os
import numpy as np
from scipy import stats

# The Aktiebolag group of target_group_staff in the demo's esem-se-2025 round (`samla demo`, seed 2025):
# (fte_target, fte) of the 35 companies that serve target groups; one company of 1039 FTE has 20 of them.
demo_y = [20, 41, 3, 24, 11, 9, 1, 8, 0, 2, 5, 1, 1, 3, 3, 2, 2, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
demo_x = [1039, 125.2, 79.4, 60.7, 44.5, 27.4, 21.1, 20.7, 19.7, 15.7, 14.5, 9.6, 9.1, 8.9, 8.9, 6.8, 5.6, 4.6,
          4.1, 3.6, 2.8, 2.4, 2.4, 2.3, 2.3, 2.1, 1.9, 1.8, 1.8, 1.4, 1.4, 1.1, 1.1, 1.1, 0.8]

# A stratified design with population sizes: 12 organisations, their staff and other counts.
strata = ["A"] * 5 + ["B"] * 4 + ["C"] * 3
fpc = [40] * 5 + [25] * 4 + [12] * 3
weights = [8.0, 8, 8, 8, 8, 6.25, 6.25, 6.25, 6.25, 4, 4, 4]
staff = [3, 1, 12, 2, 5, 1, 2, 1, 40, 2, 3, 1]
grants = [0, 0, 120000, 0, 35000, 0, 0, 0, 410000, 0, 15000, 0]  # money per employee: not a share
rare = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]              # one target-group post among 73: a share near 0
events = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0]            # events per employee: one is above its x, not a share
most = [3, 1, 12, 2, 5, 1, 2, 1, 30, 2, 3, 1]            # all but one have only target-group staff: a share near 1
net = [-5, 2, 14, -1, 3, 0, -8, 1, 25, 4, -2, 0]         # profit: numerator values may be negative
zero = [0] * 12

cases = [
    # name, y, x, design?, domain, level
    ("demo-aktiebolag", demo_y, demo_x, False, None, 0.95),
    ("demo-aktiebolag-90", demo_y, demo_x, False, None, 0.90),
    ("unweighted-share-near-zero", rare, staff, False, None, 0.95),
    ("unweighted-share-near-one", most, staff, False, None, 0.95),
    ("unweighted-share-zero", zero, staff, False, None, 0.95),
    ("unweighted-share-one", staff, staff, False, None, 0.95),
    ("unweighted-events-near-zero", events, staff, False, None, 0.95),
    ("unweighted-money", grants, staff, False, None, 0.95),
    ("unweighted-negative-numerator", net, staff, False, None, 0.95),
    ("weighted-money", grants, staff, True, None, 0.95),
    ("weighted-share-near-zero", rare, staff, True, None, 0.95),
    ("weighted-share-near-one", most, staff, True, None, 0.95),
    ("weighted-share-near-one-80", most, staff, True, None, 0.80),
    ("weighted-share-zero", zero, staff, True, None, 0.95),
    ("weighted-share-one", staff, staff, True, None, 0.95),
    ("weighted-events-near-zero", events, staff, True, None, 0.95),
    ("weighted-negative-numerator", net, staff, True, None, 0.95),
    # The domain holds only the non-negative values of `net` (rows 1-5, 7-9), some above their x: the log interval.
    ("weighted-domain-non-negative", net, staff, True, [1, 2, 4, 5, 7, 8, 9], 0.95),
    # The domain holds only rows where 0 ≤ net ≤ staff: a share of a whole there, though not outside it.
    ("weighted-domain-share", net, staff, True, [4, 5, 7, 8, 11], 0.95),
]

def ratio_case(y, x, weighted, domain, level):
    y = np.array(y, float); x = np.array(x, float); n_all = len(y)
    member = np.zeros(n_all, bool); member[domain if domain is not None else slice(None)] = True
    if weighted:
        w = np.array(weights, float)
        X = (w * x)[member].sum(); R = (w * y)[member].sum() / X
        z = np.where(member, w * (y - R * x) / X, 0.0)
        V = 0.0
        for h in sorted(set(strata)):
            idx = [i for i in range(n_all) if strata[i] == h]
            nh = len(idx); Nh = fpc[idx[0]]; zh = z[idx]
            V += (1 - nh / Nh) * nh / (nh - 1) * ((zh - zh.mean()) ** 2).sum()
        se = np.sqrt(V); q = stats.norm.ppf((1 + level) / 2); df = ""
    else:
        yy = y[member]; xx = x[member]; n = len(yy)
        R = yy.sum() / xx.sum()
        se = np.sqrt(((yy - R * xx) ** 2).sum() / (n * (n - 1))) / xx.mean()
        q = stats.t.ppf((1 + level) / 2, n - 1); df = n - 1
    non_negative = (y[member] >= 0).all() and (x[member] >= 0).all()
    share = non_negative and (y[member] <= x[member]).all()
    if share:
        method = "logit"
        if 0 < R < 1:
            logit, half = np.log(R / (1 - R)), q * se / (R * (1 - R))
            lower, upper = 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
        else:
            lower = upper = "NA"
    elif non_negative:
        method = "log"
        lower, upper = (R * np.exp(-q * se / R), R * np.exp(q * se / R)) if R > 0 else ("NA", "NA")
    else:
        lower, upper, method = R - q * se, R + q * se, "normal"
    return R, se, lower, upper, method, df

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ratio-interval.csv")
with open(out, "w", newline="") as f:
    f.write("# written by make-ratio-interval.py\n")
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["case", "weighted", "level", "numerator", "denominator", "domain", "estimate", "se", "lower", "upper", "interval", "df"])
    for name, y, x, weighted, domain, level in cases:
        R, se, lower, upper, method, df = ratio_case(y, x, weighted, domain, level)
        writer.writerow([name, "yes" if weighted else "no", level, " ".join(repr(float(v)) for v in y),
                         " ".join(repr(float(v)) for v in x), " ".join(map(str, domain)) if domain else "",
                         repr(float(R)), repr(float(se)),
                         lower if lower == "NA" else repr(float(lower)), upper if upper == "NA" else repr(float(upper)), method, df])
print("wrote", out)
