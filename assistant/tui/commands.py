"""The command palette's provider (Ctrl+P): the app's own actions, in Norwegian."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name shown, help line, app action)
APP_COMMANDS: list[tuple[str, str, str]] = [
    ("Vis vurderingen", "Prosedyre, ansvar, dokumentasjon (F2)", "show_tab('vurdering')"),
    ("Vis kildene", "Avsnittene svaret bygger på (F3)", "show_tab('kilder')"),
    ("Hvorfor?", "Reglene som slo til, med fakta og kilde (F4)", "show_tab('hvorfor')"),
    ("Trenermodus", "Gå gjennom scenarioer regel for regel (F5)", "trainer"),
    ("Innkjøpsanalyse", "Fakturaer og regnskap mot avtaler og regler (F6)", "spend"),
    ("Eksporter vurderingen", "Lagre som Markdown i datamappen eller valgt fil (Ctrl+S)", "export"),
    ("Ny samtale", "Glem kjøpet og start på nytt (Ctrl+N)", "new_conversation"),
    ("Bytt tema", "Lyst eller mørkt tema (Ctrl+T)", "toggle_theme"),
    ("Hjelp", "Taster og veiledning (F1)", "help"),
    ("Avslutt", "Lukk innkjop (Ctrl+Q eller Ctrl+C; spør først om samtalen)", "quit"),
]


class InnkjopCommands(Provider):
    """Offers the actions of `InnkjopApp` by name."""

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)

    async def discover(self) -> Hits:
        for name, help_text, action in APP_COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in APP_COMMANDS:
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                callback = partial(self._run, action)
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
