"""The Help menu: keyboard shortcuts, the query language with examples, About.

The shortcut list is read from the window's own actions (what is bound is what is
listed), plus the keys the grid and the loupe handle themselves. Every query example is
one the search parser accepts (a test runs each through it).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QTextBrowser, QVBoxLayout

APP = "Creditdesk"
# Keys that are no QAction: the grid's and the loupe's own (gui.marks, gui.loupe).
VIEW_KEYS = (
    ("1 … 5", "Rate the selection 1 to 5 stars (grid and loupe)"),
    ("0", "Clear the rating"),
    ("6 / 7 / 8 / 9", "Label red / yellow / green / blue (the same key again takes it off)"),
    ("Space, Enter or double-click", "Open the picture in the loupe"),
    ("Loupe: ← / →", "Previous / next picture"),
    ("Loupe: Z or 1:1 button", "Fit ↔ 100 %"),
    ("Loupe: + / − or the wheel", "Zoom in / out (drag to pan)"),
    ("Loupe: Esc or Space", "Close the loupe"),
    ("Home / End", "First / last photo of the result"),
)
# (query, what it finds): each one is parsed in tests/gui/test_help.py.
QUERY_EXAMPLES = (
    ("winslet", "a word anywhere: caption, people, event, credit, keywords, places"),
    ('"red carpet"', "a phrase"),
    ("winsl*", "a prefix"),
    ('person:"Kate Winslet"', "a person (aliases too)"),
    ("event:bafta taken:2023", "an event, taken in 2023"),
    ("agency:getty", "an agency and its brands (WireImage, FilmMagic…)"),
    ("by:marsland", "a photographer"),
    ("taken:2023-05..2023-06", "a range of dates (taken: is the camera's local date)"),
    ("imported:-7d..", "imported in the last seven days"),
    ("rating:>=3", "three stars or more"),
    ("rating:5 label:red", "five stars with a red label"),
    ("rating:none", "not rated yet"),
    ("label:green OR label:blue", "either label"),
    ("no:credit", "photos without a credit line"),
    ("status:blocked", "blocked by the last check"),
    ("restriction:uk-out", "pictures whose licence excludes the UK"),
    ("kate -moss", "Kate, but not Moss (NOT works too)"),
    ("(person:kate OR person:mia) country:GB", "parentheses, ISO country codes"),
    ('caption:"red carpet" sort:taken', "a field's own text, oldest first"),
)
QUERY_RULES = (
    "Words ignore case and accents (lodz finds Łódź); a space means AND.",
    "AND, OR and NOT are upper case; -word (attached) excludes.",
    'Field values with spaces go in quotes: person:"Kate Winslet".',
    "sort: -taken (default), taken, imported, -imported, relevance.",
    "A query the archive cannot read is underlined where it goes wrong; the grid keeps "
    "the last good result, greyed.",
)


def app_version() -> str:
    """The version written once in pyproject.toml (installed metadata, or the file itself)."""
    from archive.about import version as about_version

    return about_version()


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(keys, what) for every action bound to a key, then the grid's and loupe's keys."""
    rows = []
    for act in window.actions():
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((keys, act.text().replace("&&", "\0").replace("&", "").replace("\0", "&")))
    return rows + list(VIEW_KEYS)


def _table(rows: list[tuple[str, str]] | tuple[tuple[str, str], ...], code: bool) -> str:
    cells = []
    for left, right in rows:
        key = f"<code>{html.escape(left)}</code>" if code else f"<b>{html.escape(left)}</b>"
        cells.append(f"<tr><td>{key}</td><td>&nbsp;&nbsp;{html.escape(right)}</td></tr>")
    return "<table>" + "".join(cells) + "</table>"


def shortcuts_html(window: QMainWindow) -> str:
    return "<h3>Keyboard shortcuts</h3>" + _table(shortcut_rows(window), code=False)


def query_html() -> str:
    rules = "".join(f"<li>{html.escape(r)}</li>" for r in QUERY_RULES)
    return (
        "<h3>The query language</h3><p>Type in the search bar (Ctrl+F); the same language "
        "works in <code>creditdesk search</code>.</p>"
        + _table(QUERY_EXAMPLES, code=True)
        + f"<ul>{rules}</ul>"
    )


class HelpDialog(QDialog):
    def __init__(self, title: str, body: str, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP} — {title}")
        self.setObjectName("helpDialog")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        self.resize(620, 560)

    @property
    def text(self) -> str:
        return self.browser.toPlainText()


class HelpMenu:
    """Builds the menu and keeps its dialogs (one each, raised when asked again)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.dialogs: dict[str, HelpDialog] = {}
        self.about_box: QMessageBox | None = None
        menu: QMenu = window.menuBar().addMenu("&Help")
        self.menu = menu
        self.shortcuts = self._add("&Keyboard shortcuts", "Ctrl+/", self.show_shortcuts)
        self.queries = self._add("&Search language", None, self.show_queries)
        menu.addSeparator()
        self.about = self._add(f"&About {APP}", None, self.show_about)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(self, text: str, keys: str | None, slot: object) -> QAction:
        act = QAction(text, self.window)
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)  # type: ignore[arg-type]
        self.window.addAction(act)
        self.menu.addAction(act)
        return act

    def _show(self, key: str, title: str, body: str) -> HelpDialog:
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = self.dialogs[key] = HelpDialog(title, body, self.window)
        dialog.show()
        dialog.raise_()
        return dialog

    def show_shortcuts(self) -> HelpDialog:
        return self._show("shortcuts", "Keyboard shortcuts", shortcuts_html(self.window))

    def show_queries(self) -> HelpDialog:
        return self._show("queries", "Search language", query_html())

    def about_text(self) -> str:
        """Version, licences of what the app ships with, and where the archive lives
        (archive.about: the same text `--version` and the bundle's metadata agree with)."""
        from archive.about import LIBRARIES, installed_version

        services = getattr(self.window, "services", None)
        folder = getattr(getattr(services, "archive", None), "folder", None)
        rows = "".join(
            f"<tr><td>{html.escape(lib.name)} {html.escape(installed_version(lib.name) or '')}"
            f"</td><td>{html.escape(lib.licence)}</td><td>{html.escape(lib.what)}</td></tr>"
            for lib in LIBRARIES
        )
        where = html.escape(str(folder)) if folder else "not open"
        return (
            f"<h3>{APP} {html.escape(app_version())}</h3>"
            "<p>An image-credit archive for photo desks: captions, credits, people, "
            "licences and the check before publishing.</p>"
            f"<p>{APP} is free software under the GPL-3.0-or-later (as python-exiv2, "
            "which it is built on).</p>"
            f"<p>Archive: <code>{where}</code></p>"
            f"<p>Libraries:</p><table>{rows}</table>"
        )

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("aboutBox")
        box.setWindowTitle(f"About {APP}")
        box.setText(self.about_text())
        box.setIcon(QMessageBox.Icon.Information)
        box.show()
        if self.about_box is not None:
            self.about_box.deleteLater()
        self.about_box = box
        return box
