"""The inspector's check line: what the last check (live at import and after every edit)
said about the selection, where the eye already is — "✖ Blocked: embargo, territory" —
with each finding in the tooltip."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtWidgets import QLabel

STATUS_TEXT = {
    "blocked": "✖ Blocked",  # ✖, not ⛔: DejaVu Sans (the desk default) has no ⛔
    "warning": "⚠ Warnings",
    "overridden": "✎ Cleared by an override",
    "clear": "✓ Clear",
}
STYLES = {
    "blocked": "color: #c62828; font-weight: bold;",
    "warning": "color: #b26a00;",
    "overridden": "color: #5e35b1;",
    "clear": "color: #2e7d32;",
}


def badge(check: dict[str, Any] | None) -> str:
    """blocked | warning | overridden | clear | unchecked, as the grid's tiles say it."""
    if not check:
        return "unchecked"
    if check.get("overridden"):
        return "overridden"
    return str(check.get("status") or "unchecked")


def live_rules(check: dict[str, Any]) -> list[str]:
    """The rules that stand (not overridden, not info), most serious first."""
    findings = [f for f in check.get("findings") or () if isinstance(f, dict)]
    order = {"error": 0, "warning": 1}
    standing = [f for f in findings if not f.get("overridden") and f.get("severity") in order]
    standing.sort(key=lambda f: order[f["severity"]])
    return list(dict.fromkeys(str(f.get("rule")) for f in standing))


def status_line(checks: list[dict[str, Any] | None]) -> tuple[str, str, str]:
    """(text, tooltip, style) for the selected photos' last checks."""
    if not checks:
        return "", "", ""
    if len(checks) == 1:
        check = checks[0]
        kind = badge(check)
        if check is None:
            return "Not checked yet", "", ""
        rules = live_rules(check)
        text = STATUS_TEXT.get(kind, kind) + (f": {', '.join(rules)}" if rules else "")
        tips = [
            f"{f.get('severity')} [{f.get('rule')}] {f.get('message')}"
            + (f" — overridden: {f.get('override_reason')}" if f.get("overridden") else "")
            + (
                f" — {f.get('override_note')} ({f.get('lapsed_reason')})"
                if f.get("override_lapsed")
                else ""
            )
            for f in check.get("findings") or ()
            if isinstance(f, dict)
        ]
        tip = f"Last check against {check.get('profile')} ({str(check.get('at'))[:16]})"
        return text, "\n".join([tip, *tips]), STYLES.get(kind, "")
    counts = Counter(badge(c) for c in checks)
    order = ("blocked", "warning", "overridden", "clear", "unchecked")
    names = {"unchecked": "not checked"}
    parts = [f"{counts[k]} {names.get(k, k)}" for k in order if counts[k]]
    worst = next(k for k in order if counts[k])
    return " · ".join(parts), "", STYLES.get(worst, "")


def show_status(label: QLabel, checks: list[dict[str, Any] | None]) -> None:
    text, tip, style = status_line(checks)
    label.setText(text)
    label.setToolTip(tip)
    label.setStyleSheet(style)
    label.setWordWrap(True)
