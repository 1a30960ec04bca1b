"""Commands that fit and save models: `train.py` (the command) over `config.py` (its typed config).

Import from the modules (`newsstance.training.train`, `newsstance.training.config`), so that
`python -m newsstance.training.train` runs the module it names.
"""
