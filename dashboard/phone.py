"""The desk page on a phone (a visitor opens the public link there): CSS for narrow screens only.

Streamlit stacks the map and the panel below 640 px by itself; what is left to do is keep the
title from filling the first screen (and from under Streamlit's fixed header), and keep the map shorter than the screen, so a thumb can
still scroll the page past it (a touch on the map pans the map). No streamlit here.
"""

from __future__ import annotations

from dashboard.map_elements import NARROW_PX

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAP_SHARE = 0.62  # of the screen's height; Leaflet follows the iframe's new size by itself

PAGE_CSS = f"""<style>
@media (max-width: {NARROW_PX}px) {{
  /* below Streamlit's fixed header (the sidebar button), which the desk padding leaves over the title */
  [data-testid="stMainBlockContainer"] {{ padding: 3.5rem .75rem 2rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.6rem; line-height: 1.25; padding-top: 0; }}
  {MAP_FRAME} {{ height: {MAP_SHARE * 100:g}vh !important; }}
}}
</style>"""
