"""The Textual terminal app of innkjop: chat, decision card, sources, why-trace, trainer.

One widget or screen per module; styles in `app.tcss`; `app.create_app()` is the
one factory shared by `tui.py`, `innkjop tui` and the tests. Importing this
package imports no torch: the embedding model loads in a background worker.
"""
