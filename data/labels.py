"""The label set, in the one order every model output and table uses."""

LABELS: tuple[str, ...] = ("assert", "deny", "hedge")
LABEL2ID: dict[str, int] = {label: i for i, label in enumerate(LABELS)}
