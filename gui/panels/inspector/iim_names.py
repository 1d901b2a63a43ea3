"""IIM dataset names for the embedded-metadata tree: "2:80 By-line", not a bare code
(issue 18 item 15). Names from the IPTC IIM 4.2 specification (record 1 envelope,
record 2 application); https://www.iptc.org/std/IIM/4.2/specification/IIMV4.2.pdf"""

from __future__ import annotations

IIM_NAMES = {
    "1:0": "Envelope Record Version", "1:5": "Destination", "1:20": "File Format",
    "1:22": "File Format Version", "1:30": "Service Identifier", "1:40": "Envelope Number",
    "1:50": "Product ID", "1:60": "Envelope Priority", "1:70": "Date Sent",
    "1:80": "Time Sent", "1:90": "Coded Character Set", "1:100": "Unique Name of Object",
    "2:0": "Record Version", "2:5": "Object Name", "2:7": "Edit Status", "2:10": "Urgency",
    "2:15": "Category", "2:20": "Supplemental Category", "2:22": "Fixture Identifier",
    "2:25": "Keywords", "2:26": "Content Location Code", "2:27": "Content Location Name",
    "2:30": "Release Date", "2:35": "Release Time", "2:37": "Expiration Date",
    "2:38": "Expiration Time", "2:40": "Special Instructions", "2:55": "Date Created",
    "2:60": "Time Created", "2:62": "Digital Creation Date", "2:63": "Digital Creation Time",
    "2:65": "Originating Program", "2:70": "Program Version", "2:80": "By-line",
    "2:85": "By-line Title", "2:90": "City", "2:92": "Sub-location",
    "2:95": "Province/State", "2:100": "Country Code", "2:101": "Country",
    "2:103": "Original Transmission Reference", "2:105": "Headline", "2:110": "Credit",
    "2:115": "Source", "2:116": "Copyright Notice", "2:118": "Contact",
    "2:120": "Caption/Abstract", "2:122": "Writer/Editor",
}  # fmt: skip
CHARSETS = {"\x1b%G": "ESC % G (UTF-8)", "ESC % G": "ESC % G (UTF-8)"}


def tag_label(key: str) -> str:
    name = IIM_NAMES.get(key)
    return f"{key} {name}" if name else key


def value_label(key: str, value: str) -> str:
    return CHARSETS.get(value, value) if key == "1:90" else value
