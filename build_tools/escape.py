"""All escaping of user text, in one place: DOT, HTML, Markdown and links.

User text never reaches DOT, SVG, HTML or Markdown except through these functions; no
user text reaches Markdown as Markdown syntax, and links are written as HTML, with a URL
that :func:`safe_url` allows.
"""

from __future__ import annotations

import functools
import html
import json
import re
import textwrap
from urllib.parse import quote, urlsplit

from .text import visible

__all__ = ["dot_string", "dot_label", "html_text", "markdown_text", "gfm_text", "url_path", "wrap", "safe_url", "html_link",
           "front_matter_string", "SAFE_SCHEMES"]

SAFE_SCHEMES = ("http", "https", "mailto")
# What a URL may hold (RFC 3986: unreserved, reserved and percent signs); anything else, such
# as spaces, quotes, < > { } | \ ^ ` and every control character, is refused.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# Characters that start Markdown syntax anywhere in a line: backslash-escaped (Python-Markdown,
# with the tables and attr_list extensions, accepts a backslash before each of them).
# "(" and ")" need no escape once "[" and "]" have one; "-", "+", "." and "!" matter only at
# the start of a line, handled below. "<", ">" and "&" become entities (no raw HTML).
_MD_TABLE = str.maketrans({"<": "&lt;", ">": "&gt;", "&": "&amp;", **{c: "\\" + c for c in "\\`*_{}[]#|"}})
_LINE_START = re.compile(r"^([-+!]|\d+(?=\.)|[=:~])")
# At the start of a line, "=" (a heading's underline), ":" and "~" (a fence) are not
# backslash-escapable in Python-Markdown: they become character references instead.
_ENTITY_AT_START = {"=": "&#61;", ":": "&#58;", "~": "&#126;"}


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


@functools.lru_cache(maxsize=1 << 16)  # a pure function; a label is drawn on every map its node is on
def dot_label(text: str, width: int = 26) -> str:
    """A wrapped DOT label: ``text`` broken into centred lines of about ``width`` characters.

    >>> dot_label("Ending peripheral missions frees resources and personnel", 20)
    '"Ending peripheral\\\\nmissions frees\\\\nresources and\\\\npersonnel"'
    """
    lines = wrap(text, width)
    return "\"" + "\\n".join(dot_string(line)[1:-1] for line in lines) + "\""


def wrap(text: str, width: int) -> list[str]:
    """``text``'s words in lines of at most ``width`` characters, as textwrap.wrap breaks them (longer
    words broken); filled greedily here, four times faster, when no word is longer than a line."""
    words = text.split()
    if any(len(word) > width for word in words):
        return textwrap.wrap(" ".join(words), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    lines, line = [], ""
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


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
    >>> markdown_text('!!! warning "not a box"'), markdown_text("~~~ not a fence")
    ('\\\\!!! warning "not a box"', '&#126;~~ not a fence')
    """
    text = " ".join(text.split()).translate(_MD_TABLE)
    return _LINE_START.sub(_escape_line_start, text, count=1)


# GitHub's Markdown (a job summary, a comment) also links bare addresses: a scheme's "://", "www." and
# e-mail addresses. A character reference for the colon and the dot stops the first two (the parser
# sees no scheme); an e-mail address is found after references are read, so an empty comment, which
# GitHub drops, splits the text at its "@".
_GFM_AUTOLINK = re.compile(r":(?=//)|(?<![A-Za-z0-9])(www)\.|@", re.I)


def gfm_text(text: str) -> str:
    """Text that GitHub's Markdown renders literally, bare URLs, ``www.`` addresses and e-mail addresses
    included (none becomes a link), with invisible and bidirectional characters shown escaped.

    >>> gfm_text("see https://x.org, www.x.org or a@x.org")
    'see https&#58;//x.org, www&#46;x.org or a@<!-- -->x.org'
    >>> print(gfm_text("evil\\u202e txt"))
    evil\\\\u202e txt
    """
    return _GFM_AUTOLINK.sub(_unlinked, markdown_text(visible(text)))


def _unlinked(match: re.Match) -> str:
    if match.group(1):
        return match.group(1) + "&#46;"
    return "&#58;" if match.group(0) == ":" else "@<!-- -->"


def _escape_line_start(match: re.Match) -> str:
    marker = match.group(1)
    if marker in _ENTITY_AT_START:
        return _ENTITY_AT_START[marker]
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def url_path(path: str) -> str:
    """A relative URL path, percent-encoded (ids are already safe; this is a second guard).

    >>> url_path('claims/a b"/')
    'claims/a%20b%22/'
    """
    return quote(path, safe="/.-_~#")


def safe_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host, or a mailto: address, written with URL characters only.

    >>> safe_url("https://example.org/a?b=c#d"), safe_url("mailto:a@example.org")
    (True, True)
    >>> safe_url("java script:alert(1)"), safe_url("/x"), safe_url('https://x.org/>"<img/src=x>')
    (False, False, False)
    """
    if not _URL_CHARS.fullmatch(url) or _PERCENT.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname)
    return parts.scheme == "mailto" and bool(parts.path)


def html_link(url: str) -> str:
    """An HTML link to ``url`` showing the URL itself, or the URL as plain text if it is not safe.

    Safe in Markdown (inline HTML, table cells included) and in HTML alike.

    >>> print(html_link("https://example.org/a_b?c=d&e"))
    <a href="https://example.org/a_b?c=d&amp;e">https://example.org/a\\_b?c=d&amp;e</a>
    >>> html_link("javascript:alert(1)"), html_link("https://x.org/a|b")
    ('javascript:alert(1)', 'https://x.org/a&#124;b')
    """
    shown = markdown_text(url).replace("\\|", "&#124;")
    if not safe_url(url):
        return shown
    return f'<a href="{html_text(url).replace("|", "&#124;")}">{shown}</a>'


def front_matter_string(text: str) -> str:
    """A YAML double-quoted string holding ``text`` that every YAML parser reads back: JSON with
    every character outside ASCII escaped.

    >>> print(front_matter_string("a\x85b \u2028 é"))
    "a\\u0085b \\u2028 \\u00e9"
    """
    return json.dumps(text, ensure_ascii=True)
