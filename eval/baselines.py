"""Reference points for every table: what a trivial rule gets, so the reader sees what learning adds."""

from __future__ import annotations

import re

import numpy as np

from sklearn.utils.validation import check_is_fitted

from newsstance.data.labels import LABEL2ID, LABELS
from newsstance.model.base import StanceClassifier, check_labels, check_texts


class MajorityClassifier(StanceClassifier):
    """Always the most frequent training label."""

    kind = "majority"

    def fit(self, texts, labels, groups=None):
        ids = check_labels(labels, len(check_texts(texts)))
        self.distribution_ = np.bincount(ids, minlength=len(LABELS)) / len(ids)
        self.classes_ = np.asarray(LABELS)
        return self

    def predict_proba(self, texts) -> np.ndarray:
        check_is_fitted(self, "distribution_")
        probabilities = np.zeros((len(check_texts(texts)), len(LABELS)))
        probabilities[:, int(self.distribution_.argmax())] = 1.0
        return probabilities


# Cue lists from the annotation rules' table and hard cases; hedge cues are checked first
# because "could not confirm" and "no evidence ... at this stage" are hedges, not denials.
HEDGE_CUES = (
    r"(can ?not|could ?n[o']t|couldn’t|unable to) (yet )?(confirm|corroborate|verify)", r"\bno evidence\b",
    r"\bif (true|confirmed|it'?s true)\b", r"\b(likely|unlikely|may|might|could|possibly|probably|perhaps)\b",
    r"\breportedly\b", r"\bexpected to\b", r"\b(suspected|believed|alleged(ly)?|speculat\w*)\b",
    r"\b(question|questions|questioned|skeptical|sceptical|doubt\w*)\b", r"\?\s*[”\"]?$", r"\bwould\b",
)
DENY_CUES = (
    r"\bden(y|ies|ied|ial|ials)\b", r"\b(dismiss|reject|refut|rebuff)\w*", r"\bfake\b", r"\bno truth\b",
    r"\bnever\b", r"\b(did|does|do|has|have|had|is|was|were|are) ?n[o']t\b|n’t\b", r"\bfalse\b", r"\bbaseless\b",
    r"\bunfounded\b",
)


HEDGE_PATTERN = re.compile("|".join(HEDGE_CUES), re.IGNORECASE)
DENY_PATTERN = re.compile("|".join(DENY_CUES), re.IGNORECASE)


class CueLexiconClassifier(StanceClassifier):
    """Hedge if any hedge cue, else deny if any denial cue, else assert. Learns nothing."""

    kind = "cue-lexicon"

    def fit(self, texts, labels, groups=None):
        check_labels(labels, len(check_texts(texts)))
        self.classes_ = np.asarray(LABELS)
        return self

    @staticmethod
    def label(text: str) -> str:
        if HEDGE_PATTERN.search(text):
            return "hedge"
        if DENY_PATTERN.search(text):
            return "deny"
        return "assert"

    def predict_proba(self, texts) -> np.ndarray:
        check_is_fitted(self, "classes_")
        texts = check_texts(texts)
        probabilities = np.zeros((len(texts), len(LABELS)))
        for row, text in enumerate(texts):
            probabilities[row, LABEL2ID[self.label(text)]] = 1.0
        return probabilities
