"""Data of innkjop (thresholds, regulations, scenarios, glossary, agreements) and
small validated loaders for it. Everything a buyer may need to change lives here
as YAML or Markdown, never in code."""

from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).resolve().parent
