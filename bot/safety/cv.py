"""Choose the safety thresholds by stratified k-fold cross-validation: ``python -m bot.safety.cv``.

Every corpus message is scored by a classifier that did not see it (5 folds, stratified by
category, fixed seed). Then:

1. a sigmoid is fitted to the out-of-fold SVM margins (Platt scaling) so the score reads 0..1;
2. the **crisis** threshold is the lowest score at which ordinary messages get the crisis reply
   (rule hits included) at most :data:`MAX_CRISIS_RATE` of the time;
3. the **check-in** threshold is the lowest score at which ordinary messages fall in the check-in
   band at most :data:`MAX_CHECK_IN_RATE` of the time;

so crisis messages that get neither are as few as the two false-alarm budgets allow. The figures
per category are printed; ``--write`` stores thresholds, sigmoid and figures in
``bot/safety/thresholds.json`` (committed; the NLU component reads it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bot.safety import classifier
from bot.safety.corpus import CATEGORIES, NONE, Example, read_corpus
from bot.safety.decision import THRESHOLDS_PATH, Thresholds
from bot.safety_rules import classify

#: The budgets the thresholds are chosen for (below the issue's 0.5% and 2%, for margin).
MAX_CRISIS_RATE = 0.003
MAX_CHECK_IN_RATE = 0.015
FOLDS = 5
SEED = 42


@dataclass
class OutOfFold:
    """Out-of-fold predictions for every corpus message."""

    examples: list[Example]
    margins: np.ndarray
    categories: list[str]
    langs: list[str]
    rule_hits: np.ndarray  # bool


def out_of_fold(examples: Sequence[Example], folds: int = FOLDS) -> OutOfFold:
    """Score each example with a model trained on the other folds."""
    labels = [e.category for e in examples]
    margins = np.zeros(len(examples))
    categories = [""] * len(examples)
    langs = [""] * len(examples)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train_rows, test_rows in splitter.split(np.zeros(len(examples)), labels):
        model = classifier.train([examples[i] for i in train_rows])
        for i, p in zip(test_rows, model.predict_many([examples[i].text for i in test_rows]), strict=True):
            margins[i], categories[i], langs[i] = p.margin, p.category, p.lang
    rule_hits = np.array([classify(e.text) is not None for e in examples])
    return OutOfFold(list(examples), margins, categories, langs, rule_hits)


def fit_platt(oof: OutOfFold) -> tuple[float, float]:
    """Sigmoid parameters (a, b) with P(crisis) = 1 / (1 + exp(-(a * margin + b)))."""
    crisis = [e.crisis for e in oof.examples]
    model = LogisticRegression(C=1e4, solver="lbfgs").fit(oof.margins.reshape(-1, 1), crisis)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def choose(scores: np.ndarray, oof: OutOfFold, a: float, b: float) -> Thresholds:
    """The crisis and check-in thresholds for the budgets (see the module docstring)."""
    ordinary = np.array([not e.crisis for e in oof.examples])
    n = int(ordinary.sum())
    free = np.sort(scores[ordinary & ~oof.rule_hits])[::-1]  # ordinary scores the rules leave to the model
    crisis_budget = int(MAX_CRISIS_RATE * n) - int((ordinary & oof.rule_hits).sum())
    check_budget = int(MAX_CHECK_IN_RATE * n)
    if crisis_budget < 0:
        raise ValueError("the rules alone exceed the crisis false-alarm budget")

    def between(k: int) -> float:  # a threshold with exactly k ordinary scores at or above it
        return float((free[k] + free[k - 1]) / 2) if k > 0 else float(free[0] + 1e-6)

    return Thresholds(between(crisis_budget), between(crisis_budget + check_budget), a, b)


def figures(scores: np.ndarray, oof: OutOfFold, t: Thresholds) -> dict[str, dict[str, float]]:
    """Per category: n, crisis-reply rate, check-in rate, recall or false alarms, misses."""
    crisis_reply = oof.rule_hits | (scores >= t.crisis)
    check_in = ~crisis_reply & (scores >= t.check_in)
    out: dict[str, dict[str, float]] = {}
    groups = {c: [i for i, e in enumerate(oof.examples) if e.category == c] for c in CATEGORIES}
    groups["es (crisis)"] = [i for i, e in enumerate(oof.examples) if e.crisis and e.lang == "es"]
    groups["es (ordinary)"] = [i for i, e in enumerate(oof.examples) if not e.crisis and e.lang == "es"]
    for name, rows in groups.items():
        idx = np.array(rows, dtype=int)
        row = {
            "n": len(rows),
            "crisis_rate": float(crisis_reply[idx].mean()),
            "check_in_rate": float(check_in[idx].mean()),
            "rule_rate": float(oof.rule_hits[idx].mean()),
        }
        if name.startswith(NONE) or name == "es (ordinary)":
            row["false_alarm_rate"] = row["crisis_rate"]
        else:
            row["recall"] = float((crisis_reply[idx] | check_in[idx]).mean())
            row["misses"] = int((~crisis_reply[idx] & ~check_in[idx]).sum())
            if name in CATEGORIES:
                row["category_accuracy"] = float(np.mean([oof.categories[i] == name for i in rows]))
        out[name] = row
    out["language"] = {"accuracy": float(np.mean([p == e.lang for p, e in zip(oof.langs, oof.examples, strict=True)]))}
    return out


def report(figs: dict[str, dict[str, float]], t: Thresholds) -> str:
    """The figures as a table."""
    lines = [
        f"thresholds: crisis >= {t.crisis:.4f}, check-in >= {t.check_in:.4f} "
        f"(score = sigmoid({t.platt_a:.3f} * margin + {t.platt_b:.3f}))",
        f"{'category':16s} {'n':>5s} {'recall':>7s} {'misses':>6s} {'crisis':>7s} {'check-in':>8s} "
        f"{'rules':>6s} {'cat.acc':>7s}",
    ]
    for name, row in figs.items():
        if name == "language":
            continue
        recall = f"{row['recall']:.2%}" if "recall" in row else "-"
        misses = str(row["misses"]) if "misses" in row else "-"
        acc = f"{row['category_accuracy']:.1%}" if "category_accuracy" in row else "-"
        lines.append(
            f"{name:16s} {row['n']:5d} {recall:>7s} {misses:>6s} {row['crisis_rate']:7.2%} "
            f"{row['check_in_rate']:8.2%} {row['rule_rate']:6.1%} {acc:>7s}"
        )
    lines.append(f"language accuracy (en/es): {figs['language']['accuracy']:.2%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: cross-validate, print the figures, and with ``--write`` store the thresholds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {THRESHOLDS_PATH.name}")
    args = parser.parse_args(argv)
    examples = read_corpus()
    oof = out_of_fold(examples)
    a, b = fit_platt(oof)
    scores = 1.0 / (1.0 + np.exp(-(a * oof.margins + b)))
    thresholds = choose(scores, oof, a, b)
    figs = figures(scores, oof, thresholds)
    print(f"{len(examples)} corpus messages, {FOLDS}-fold stratified cross-validation (seed {SEED})")
    print(report(figs, thresholds))
    if args.write:
        data = {
            "crisis_threshold": round(thresholds.crisis, 6),
            "check_in_threshold": round(thresholds.check_in, 6),
            "platt_a": round(a, 6),
            "platt_b": round(b, 6),
            "budgets": {"crisis_rate": MAX_CRISIS_RATE, "check_in_rate": MAX_CHECK_IN_RATE},
            "cross_validation": {"folds": FOLDS, "seed": SEED, "messages": len(examples), "figures": figs},
        }
        THRESHOLDS_PATH.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {THRESHOLDS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
