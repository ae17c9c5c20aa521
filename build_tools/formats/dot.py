"""DOT: the whole map with statuses and links as on the site's home page (written only)."""

from __future__ import annotations

from ..analysis import Analysis
from ..site import views
from ..site.maps import map_source
from ..site.urls import Layout

__all__ = ["write"]


def write(analysis: Analysis) -> str:
    """The whole map as DOT, with statuses and links as on the site's home page."""
    layout = Layout(analysis.debate.id)
    view = views.whole(analysis.debate, analysis.graph)
    return map_source(analysis, layout, view, layout.home).dot
