"""Export of the current decision (a mixin of InnkjopApp): ask for a file name, ask
before overwriting an existing file, write, and notify with the file's name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui.export import decision_record, default_export_path, write_record
from assistant.tui.export_screen import ExportScreen
from assistant.tui.trainer_screen import TrainerScreen
from knowledge.infra.errors import InnkjopError

if TYPE_CHECKING:
    from index.model import Hit
    from rules.model import Decision


class ExportMixin:
    """Ctrl+S: the decision of the main screen or of the trainer, as a Markdown record."""

    def action_export(self) -> None:
        screen = self.screen
        card = screen.card if isinstance(screen, TrainerScreen) else self.card
        if card.decision is None:
            self.notify(
                "Ingen vurdering å eksportere ennå. Beskriv et kjøp først.",
                title="Eksport",
                severity="warning",
            )
            return
        decision, ticked = card.decision, card.ticked
        passages = [] if isinstance(screen, TrainerScreen) else self.sources.hits
        data_dir = self._data_dir()
        if data_dir is None:
            return

        def save(path: Path | None) -> None:
            if path is None:
                return
            if not _exists(path):
                self.export_to(path, decision, ticked, passages)
                return

            def overwrite(yes: bool | None) -> None:
                if yes:
                    self.export_to(path, decision, ticked, passages)
                else:
                    self.notify("Ingenting er lagret.", title="Eksport")

            from assistant.tui.confirm_screen import ConfirmScreen

            self.push_screen(ConfirmScreen(f"Filen {path} finnes allerede. Overskrive den?",
                                           yes="Overskriv", no="Avbryt"), overwrite)

        self.push_screen(ExportScreen(default_export_path(data_dir)), save)

    def export_to(self, path: Path, decision: Decision, ticked: set[str],
                  passages: list[Hit]) -> Path | None:
        """Write the decision record and notify with the file's name."""
        try:
            written = write_record(decision_record(decision, ticked, passages=passages), path)
        except InnkjopError as error:
            self.notify(str(error), title="Eksport feilet", severity="error", timeout=10)
            return None
        self.notify(f"Vurderingen er lagret i {written}", title="Eksportert", timeout=10)
        return written

    def _data_dir(self) -> Path | None:
        if self.options.settings is not None:
            return self.options.settings.data_dir
        from knowledge.infra.settings import load_settings

        try:
            return load_settings().data_dir
        except InnkjopError as error:
            self.notify(str(error), title="Innstillinger", severity="error")
            return None


def _exists(path: Path) -> bool:
    try:
        return path.expanduser().is_file()
    except OSError:
        return False  # a name too long to look up: writing it gives the message


