"""Summary statistics of per-topic measures: mean, a 95 % confidence interval, shares.

The interval is Student's t interval of the mean (``t_{0.975, n-1} * s / sqrt(n)``, s the
sample standard deviation) by default: the per-topic scores are means of several answers, close
enough to normal for n in the tens. ``bootstrap_ci`` gives a percentile bootstrap with a fixed
seed for skewed measures; the report says which it used.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

from pydantic import BaseModel


class Summary(BaseModel):
    n: int
    mean: float | None
    sd: float | None
    low: float | None
    high: float | None
    method: str = "t"

    def fmt(self, digits: int = 1) -> str:
        if self.mean is None:
            return "-"
        if self.low is None or self.high is None:
            return f"{self.mean:.{digits}f} (n={self.n})"
        return f"{self.mean:.{digits}f} [{self.low:.{digits}f}, {self.high:.{digits}f}] (n={self.n})"


def clean(values: Iterable[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and not math.isnan(float(v))]


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def sd(values: Sequence[float]) -> float | None:
    """Sample standard deviation (n - 1)."""
    if len(values) < 2:
        return None
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def t_quantile(p: float, df: int) -> float:
    from scipy import stats  # imported on use: scipy comes with manim

    return float(stats.t.ppf(p, df))


def t_ci(values: Iterable[float | None], level: float = 0.95) -> Summary:
    """Mean and Student-t confidence interval; no interval for fewer than 2 values."""
    xs = clean(values)
    m, s = mean(xs), sd(xs)
    if m is None or s is None:
        return Summary(n=len(xs), mean=m, sd=s, low=None, high=None, method="t")
    half = t_quantile(0.5 + level / 2, len(xs) - 1) * s / math.sqrt(len(xs))
    return Summary(n=len(xs), mean=m, sd=s, low=m - half, high=m + half, method="t")


def bootstrap_ci(values: Iterable[float | None], level: float = 0.95, resamples: int = 10000,
                 seed: int = 0) -> Summary:
    """Mean and percentile-bootstrap interval (seeded: the same data give the same interval)."""
    xs = clean(values)
    m, s = mean(xs), sd(xs)
    if m is None or len(xs) < 2:
        return Summary(n=len(xs), mean=m, sd=s, low=None, high=None, method="bootstrap")
    rng = random.Random(seed)
    n = len(xs)
    means = sorted(sum(rng.choice(xs) for _ in range(n)) / n for _ in range(resamples))
    lo = means[int(math.floor((1 - level) / 2 * (resamples - 1)))]
    hi = means[int(math.ceil((1 + level) / 2 * (resamples - 1)))]
    return Summary(n=n, mean=m, sd=s, low=lo, high=hi, method="bootstrap")


def share(flags: Iterable[bool | None]) -> tuple[float | None, int]:
    """Share of True among the known flags, and how many were known."""
    known = [bool(f) for f in flags if f is not None]
    return (sum(known) / len(known) if known else None), len(known)
