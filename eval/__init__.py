"""Evaluation: split, score, report. The top of the import graph: nothing imports eval."""
