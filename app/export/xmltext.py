"""Escaping text for WordprocessingML written as strings. (xml.sax.saxutils would do the same, but
importing it pulls in urllib and http.client, a third of the export's own start-up.)"""

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})


def escape(text: str) -> str:
    """Character data."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """An attribute value with its double quotes."""
    return f'"{text.translate(_ATTR)}"'
