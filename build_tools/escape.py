"""All escaping of user text, in one place: DOT, HTML and Markdown.

User text never reaches DOT, SVG or HTML except through these functions.
"""

from __future__ import annotations

import html
import re
import textwrap
from urllib.parse import quote

__all__ = ["dot_string", "dot_label", "html_text", "markdown_text", "url_path", "wrap"]

# Characters that start Markdown syntax anywhere in a line: backslash-escaped (Python-Markdown,
# with the tables and attr_list extensions, accepts a backslash before each of them).
# "(" and ")" need no escape once "[" and "]" have one; "-", "+", "." and "!" matter only at
# the start of a line, handled below. "<", ">" and "&" become entities (no raw HTML).
_MD_TABLE = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;", **{c: "\\" + c for c in "\\`*_{}[]#|"}})
_LINE_START = re.compile(r"^([-+]|\d+(?=\.))")


def dot_string(text: str) -> str:
    """A DOT double-quoted string holding ``text`` literally, in SVG text and attributes.

    Backslashes are doubled (Graphviz reads ``\\n``, ``\\N``, ``\\G`` as escapes), quotes
    escaped, and ``&`` written as an entity so that text like ``&lt;`` shows as typed.

    >>> dot_string('say "hi" & <b>\\\\n')
    '"say \\\\"hi\\\\" &amp; <b>\\\\\\\\n"'
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    text = text.replace("\r", " ").replace("\n", " ")
    return f'"{text}"'


def dot_label(text: str, width: int = 26) -> str:
    """A wrapped DOT label: ``text`` broken into centred lines of about ``width`` characters.

    >>> dot_label("Ending peripheral missions frees resources and personnel", 20)
    '"Ending peripheral\\\\nmissions frees\\\\nresources and\\\\npersonnel"'
    """
    lines = wrap(text, width)
    return "\"" + "\\n".join(dot_string(line)[1:-1] for line in lines) + "\""


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True, break_on_hyphens=False) or [""]


def html_text(text: str) -> str:
    """Text escaped for HTML content and attribute values.

    >>> html_text('<script>"x" & y</script>')
    '&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;'
    """
    return html.escape(text, quote=True)


def markdown_text(text: str) -> str:
    """Text that Python-Markdown renders literally: no markup, links, raw HTML or entities.

    Characters that start Markdown syntax are backslash-escaped (list markers only at the
    start), ``<``, ``>`` and ``&`` become HTML entities, and line breaks fold to spaces.

    >>> markdown_text("[x](javascript:alert(1)) <b>&amp;")
    '\\\\[x\\\\](javascript:alert(1)) &lt;b&gt;&amp;amp;'
    >>> markdown_text("- not a list"), markdown_text("1986. Not a list")
    ('\\\\- not a list', '1986\\\\. Not a list')
    """
    text = " ".join(text.split()).translate(_MD_TABLE)
    return _LINE_START.sub(_escape_line_start, text, count=1)


def _escape_line_start(match: re.Match) -> str:
    marker = match.group(1)
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def url_path(path: str) -> str:
    """A relative URL path, percent-encoded (ids are already safe; this is a second guard).

    >>> url_path('claims/a b"/')
    'claims/a%20b%22/'
    """
    return quote(path, safe="/.-_~#")
