"""User text shown as text, never as markup: a title, a line name or a risk may hold markdown
(`![x](http://host/x.png)` would make every viewer's browser fetch from that host), HTML or a
blank line that ends an HTML block. One helper per way text reaches the screen."""

from __future__ import annotations

import re
from html import escape

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Runs of white space (line breaks, blank lines, tabs) as one space.

    >>> one_line("risk\\n\\n  <b>x</b>")
    'risk <b>x</b>'
    """
    return _SPACE.sub(" ", text).strip()


def md(text: str) -> str:
    """For st.markdown, st.title, messages and widget labels: on one line, every ASCII
    punctuation character escaped (CommonMark renders an escaped character as itself).

    >>> md("![x](http://h/x.png) *fed*")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\:\\\\/\\\\/h\\\\/x\\\\.png\\\\) \\\\*fed\\\\*'
    """
    return _PUNCTUATION.sub(r"\\\1", one_line(text))


def html_text(text: str) -> str:
    """For an HTML block (the meeting slides): escaped, on one line, so a blank line cannot
    end the block and let markdown after it render."""
    return escape(one_line(text))


def chart(text: str) -> str:
    """For plotly names and labels, which render a subset of HTML (<a href>, <b>): "<" as an
    entity plotly shows as "<".

    >>> chart("<a href='x'>klik</a>")
    "&lt;a href='x'>klik&lt;/a>"
    """
    return text.replace("&", "&amp;").replace("<", "&lt;")
