"""Reference points for every table: what a trivial rule gets, so the reader sees what learning adds."""

from __future__ import annotations

import re

import numpy as np

from data.labels import LABEL2ID, LABELS
from model.base import check_labels, check_texts


class MajorityClassifier:
    """Always the most frequent training label."""

    def fit(self, texts, labels, groups=None):
        ids = check_labels(labels, len(check_texts(texts)))
        self.distribution_ = np.bincount(ids, minlength=len(LABELS)) / len(ids)
        return self

    def predict_proba(self, texts) -> np.ndarray:
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


class CueLexiconClassifier:
    """Hedge if any hedge cue, else deny if any denial cue, else assert. Learns nothing."""

    def __init__(self):
        self.hedge = re.compile("|".join(HEDGE_CUES), re.IGNORECASE)
        self.deny = re.compile("|".join(DENY_CUES), re.IGNORECASE)

    def fit(self, texts, labels, groups=None):
        return self

    def label(self, text: str) -> str:
        if self.hedge.search(text):
            return "hedge"
        if self.deny.search(text):
            return "deny"
        return "assert"

    def predict_proba(self, texts) -> np.ndarray:
        texts = check_texts(texts)
        probabilities = np.zeros((len(texts), len(LABELS)))
        for row, text in enumerate(texts):
            probabilities[row, LABEL2ID[self.label(text)]] = 1.0
        return probabilities
