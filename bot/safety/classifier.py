"""The safety classifier: TF-IDF word 1-2 grams + char_wb 2-5 grams and two linear models.

* **category model**: a linear SVM (scikit-learn ``LinearSVC``, one-vs-rest) over the six classes
  ``self_harm abuse exploitation violence runaway none``. Its *margin* is the best crisis class's
  decision value minus the ``none`` class's; the best crisis class is the category. The margin
  becomes a 0..1 **score** through a sigmoid fitted on cross-validated margins (Platt scaling, in
  ``bot/safety/thresholds.json``, written by :mod:`bot.safety.cv`); the thresholds of
  :mod:`bot.safety.decision` apply to the score. One model for all six classes separated crisis
  from ordinary better in cross-validation than a binary model (docs/safety.md).
* **language model**: a logistic regression, Spanish against English, so a Spanish message gets the
  Spanish resources.

Both vectorizers read :func:`bot.safety.features.prepare` (normalised text plus lexicon cues).
Training is deterministic (fixed solvers and seed, fixed order, no sampling); :func:`train`
returns a :class:`SafetyModel`, :meth:`SafetyModel.save` / :func:`load` keep it in one joblib file.
Prediction multiplies the sparse features by the coefficients directly (no per-call scikit-learn
validation), so one message takes well under a millisecond.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from bot.safety.corpus import CRISIS_CATEGORIES, NONE, Example
from bot.safety.features import prepare

#: Regularisation of the SVM and of the language model (chosen by cross-validation, docs/safety.md).
SVM_C = 4.0
LANG_C = 4.0
SEED = 42


@dataclass(frozen=True)
class Prediction:
    """What the classifier says about one message (never the text)."""

    margin: float  # best crisis class minus "none" (> 0: the SVM says crisis)
    category: str  # the most likely crisis category (even when the margin is low)
    lang: str  # "en" or "es"


@dataclass
class _Linear:
    coef: np.ndarray  # (classes or 1, features)
    intercept: np.ndarray
    classes: tuple[str, ...]

    @classmethod
    def from_model(cls, model: Any) -> _Linear:
        return cls(model.coef_.astype(np.float32), np.asarray(model.intercept_, np.float32), tuple(model.classes_))

    def scores(self, x: Any) -> np.ndarray:
        return np.asarray(x @ self.coef.T) + self.intercept


class SafetyModel:
    """The fitted vectorizers, the category SVM and the language model."""

    def __init__(self, word: TfidfVectorizer, char: TfidfVectorizer, category: _Linear, lang: _Linear) -> None:
        """Keep the fitted parts (see :func:`train`)."""
        self.word = word
        self.char = char
        self.category_model = category
        self.lang_model = lang
        self.sklearn_version = sklearn.__version__
        classes = category.classes
        self._none = classes.index(NONE)
        self._crisis = [i for i, c in enumerate(classes) if c != NONE]

    def features(self, texts: Sequence[str]) -> Any:
        """The sparse feature rows of ``texts``."""
        prepared = [prepare(t) for t in texts]
        return sp.hstack([self.word.transform(prepared), self.char.transform(prepared)], format="csr")

    def predict_many(self, texts: Sequence[str]) -> list[Prediction]:
        """A :class:`Prediction` for each text."""
        if not texts:
            return []
        x = self.features(texts)
        decision = self.category_model.scores(x)
        crisis = decision[:, self._crisis]
        best = np.argmax(crisis, axis=1)
        margins = crisis[np.arange(len(texts)), best] - decision[:, self._none]
        es_index = self.lang_model.classes.index("es")
        zl = self.lang_model.scores(x)[:, 0]
        spanish = (zl > 0) if es_index == 1 else (zl < 0)
        names = self.category_model.classes
        return [
            Prediction(float(m), names[self._crisis[int(c)]], "es" if is_es else "en")
            for m, c, is_es in zip(margins, best, spanish, strict=True)
        ]

    def predict(self, text: str) -> Prediction:
        """The :class:`Prediction` for one message (the same numbers as :meth:`predict_many`, faster).

        scikit-learn's ``transform`` validates and builds sparse matrices on every call, which costs
        more than the arithmetic for one short message; this runs the vectorizers' own analyzers and
        does the TF-IDF weighting (sublinear tf, idf, L2 norm per vectorizer) and the dot products
        on the few columns the message has.
        """
        fast = self.__dict__.get("_fast") or self._prepare_fast()
        prepared = prepare(text)
        columns: list[int] = []
        values: list[float] = []
        for analyzer, vocabulary, idf, offset in fast:
            counts = Counter(analyzer(prepared))
            found = [(vocabulary[f], c) for f, c in counts.items() if f in vocabulary]
            if not found:
                continue
            idx = np.fromiter((i for i, _ in found), dtype=np.int64, count=len(found))
            weights = (1.0 + np.log([c for _, c in found])) * idf[idx]
            weights /= np.sqrt(np.dot(weights, weights))
            columns.extend((idx + offset).tolist())
            values.extend(weights.tolist())
        cols = np.asarray(columns, dtype=np.int64)
        vals = np.asarray(values, dtype=np.float32)
        decision = self.category_model.coef[:, cols] @ vals + self.category_model.intercept
        best = int(np.argmax(decision[self._crisis]))
        margin = float(decision[self._crisis][best] - decision[self._none])
        lang_z = float(self.lang_model.coef[0, cols] @ vals + self.lang_model.intercept[0])
        spanish = (lang_z > 0) == (self.lang_model.classes.index("es") == 1)
        return Prediction(margin, self.category_model.classes[self._crisis[best]], "es" if spanish else "en")

    def _prepare_fast(self) -> list[tuple[Any, dict[str, int], np.ndarray, int]]:
        fast = []
        offset = 0
        for vectorizer in (self.word, self.char):
            vocabulary = vectorizer.vocabulary_
            fast.append((vectorizer.build_analyzer(), vocabulary, np.asarray(vectorizer.idf_, np.float64), offset))
            offset += len(vocabulary)
        self.__dict__["_fast"] = fast
        return fast

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (one joblib file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.__dict__.pop("_fast", None)  # analyzers are rebuilt after loading
        joblib.dump(self, path, compress=3)


def _vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, dtype=np.float32)
    return word, char


def train(examples: Sequence[Example]) -> SafetyModel:
    """Fit the vectorizers, the category SVM and the language model on ``examples`` (deterministic)."""
    prepared = [prepare(e.text) for e in examples]
    word, char = _vectorizers()
    x = sp.hstack([word.fit_transform(prepared), char.fit_transform(prepared)], format="csr")
    svm = LinearSVC(C=SVM_C, random_state=SEED, max_iter=5000).fit(x, [e.category for e in examples])
    if set(svm.classes_) != {*CRISIS_CATEGORIES, NONE}:
        raise ValueError(f"the corpus must have every category, got {sorted(svm.classes_)}")
    lang = LogisticRegression(C=LANG_C, solver="liblinear", random_state=SEED)
    lang.fit(x, [e.lang for e in examples])
    return SafetyModel(word, char, _Linear.from_model(svm), _Linear.from_model(lang))


def load(path: Path) -> SafetyModel:
    """The model saved at ``path``; refuses one saved by another scikit-learn version."""
    model = joblib.load(path)
    if not isinstance(model, SafetyModel):
        raise TypeError(f"{path} does not hold a SafetyModel")
    if model.sklearn_version != sklearn.__version__:
        raise RuntimeError(
            f"{path} was trained with scikit-learn {model.sklearn_version}, this is {sklearn.__version__}: "
            "run `python -m bot.safety.train --force`"
        )
    return model
