"""The subcommands of ``arvode``, in the order ``arvode --help`` lists them.

Only the chosen subcommand's module is imported (``arvode check`` must start in a
tenth of a second and does not need payroll, SQLite or the web stack); the
others appear in ``--help`` with the one line given here.
"""

from __future__ import annotations

__all__ = ["COMMANDS", "HELP"]

#: Subcommand → (module in ``arvode.cli``, one line of help).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "beräkna en eller flera rapporter och förklara varje belopp"),
    "specifikation": ("specifikation", "en utskrivbar specifikation av en månad (terminal eller HTML)"),
    "mall": ("mall", "skriv en mall för en rapport, med kommentarer"),
    "nycklar": ("nycklar", "organ, slag av möten och roller som en rapport kan ange, med namn"),
    "rapportformat": ("rapportformat", "visa beskrivningen av rapportformatet"),
    "exempel": ("exempel", "lista de medföljande exemplen eller kopiera dem till en mapp"),
    "year": ("year", "en förtroendevalds år månad för månad"),
    "payroll": ("payroll", "en månad för alla förtroendevalda: importera, betala, rätta, exportera"),
    "record": ("record", "liggaren: skapa, importera till, visa status"),
    "pension": ("pension", "årets pensionsavgift (4.1)"),
    "aterbetalning": ("aterbetalning", "plan för återbetalning av för mycket utbetalt (6.4)"),
    "omrakna": ("omrakna", "årlig omräkning av beloppen (6.5) till en ny regelsamling"),
    "bilaga": ("bilaga", "Bilaga 1 som den gäller en dag, jämförd med en annan"),
    "regler": ("regler", "exportera en regelsamling till en mapp, eller kontrollera den"),
    "rules": ("rules", "kontrollera en regelsamling"),
    "testfall": ("testfall", "kör en mapp med testfall och visa om beräkningen stämmer"),
    "serve": ("serve", "webbsida och JSON-API: kontrollera en månad i webbläsaren"),
}
HELP = {name: text for name, (_, text) in COMMANDS.items()}
