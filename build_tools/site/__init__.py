"""The site: which nodes each map shows, DOT, rendering, page URLs, outlines and pages.

In the order a claim travels: :mod:`.views` (which nodes and relations a map shows),
:mod:`.dot` (a view as DOT), :mod:`.maps` (each page's maps, with links relative to it),
:mod:`.render` (DOT to SVG with Graphviz, batched and cached), :mod:`.embed` (SVG made ready
to sit in a page), :mod:`.urls` (where each page lives), :mod:`.outline` (a map as a nested
list), :mod:`.whatif` (the browser's data), :mod:`.pages` (the Markdown), and
:mod:`.pipeline`, which chains them for the MkDocs plugin and ``argmap render``.
"""
