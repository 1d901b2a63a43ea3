import os

# Before anything imports Qt: with no display Qt aborts the whole process (PITFALLS.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
