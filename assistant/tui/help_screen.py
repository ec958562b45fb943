"""The help screen (F1 or ?): what the app does and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP_TEXT = """\
# Hjelp: innkjop

Skriv en beskrivelse av et kjøp eller et spørsmål i feltet nederst og trykk
**Enter**. Til høyre vises **vurderingen** (prosedyre, hvem som gjennomfører,
verdiberegning, terskelverdier og dokumentasjon du kan krysse av), **kildene**
svaret bygger på, og **Hvorfor?**: reglene som slo til, med fakta og kilde.
Oppfølgingsspørsmål («hva om det er 2 millioner?», «eks. mva») gjelder
samme kjøp til du starter en ny samtale.

## Taster

| Tast | Handling |
|---|---|
| Enter | send meldingen |
| Pil opp / ned | bla i tidligere meldinger |
| Tab / Shift+Tab | flytt mellom feltene |
| F2 / F3 / F4 | vis Vurdering / Kilder / Hvorfor? |
| Mellomrom | kryss av et dokumentasjonskrav |
| Enter på en kilde | les hele avsnittet (Esc lukker) |
| F5 | trenermodus |
| Ctrl+S | eksporter vurderingen som Markdown |
| Ctrl+N | ny samtale |
| Ctrl+T | bytt mellom lyst og mørkt tema |
| Ctrl+P | kommandopaletten |
| Esc | tilbake til meldingsfeltet |
| F1 | denne hjelpen |
| Ctrl+Q / Ctrl+C | avslutt (spør først når en samtale er i gang) |
| skriv hvor som helst | tegnene går til meldingsfeltet |

## Trenermodus

Velg et scenario i listen (Enter). Endre verdi, mva, periode, varighet,
kategori, avtale og dato: vurderingen regnes ut på nytt med en gang.
**F8** viser neste regel, **F7** forrige, **F9** alle. **Esc** går tilbake.

## Søket

Ordsøk er klart med en gang. Språkmodellen lastes i bakgrunnen (se
statuslinjen øverst); når den er klar brukes hybrid søk.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and a short guide; Escape, F1 or q closes it."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Lukk")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Markdown(HELP_TEXT)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
