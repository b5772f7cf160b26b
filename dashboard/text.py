"""The bilingual text type, for the engine: defined in layers/text.py (the bottom of the import
graph: layer specs carry their labels as Text, and layers/ imports nothing from dashboard/)."""

from layers.text import LANGS, Text, pick, same

__all__ = ["LANGS", "Text", "pick", "same"]
