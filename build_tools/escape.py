"""All escaping of user text, in one place: DOT, HTML and Markdown.

User text never reaches DOT, SVG or HTML except through these functions.
"""

from __future__ import annotations

import html
import textwrap
from urllib.parse import quote

__all__ = ["dot_string", "dot_label", "html_text", "markdown_text", "url_path", "wrap"]

# The characters Python-Markdown (with the tables extension) accepts a backslash before.
_MD_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!|")


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

    Every Markdown punctuation character is backslash-escaped, and ``<``, ``>`` and ``&``
    become HTML entities; line breaks are folded to spaces.

    >>> markdown_text("[x](javascript:alert(1)) <b>&amp;")
    '\\\\[x\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\) &lt;b&gt;&amp;amp;'
    """
    text = " ".join(text.split())
    out = []
    for char in text:
        if char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        elif char in _MD_ESCAPABLE:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def url_path(path: str) -> str:
    """A relative URL path, percent-encoded (ids are already safe; this is a second guard).

    >>> url_path('claims/a b"/')
    'claims/a%20b%22/'
    """
    return quote(path, safe="/.-_~#")
