"""Dutch labels shared by the Rich report and the Markdown/HTML export (no Rich import here)."""

DIMENSION_TITLES = {"luisteren": "Luisteren", "gespreksopbouw": "Gespreksopbouw", "toon": "Toon", "inhoud": "Inhoud"}

OUTCOME_LABELS = {
    "satisfied": "de beller is tevreden",
    "unsatisfied": "de beller is niet tevreden",
    "hung_up": "de beller heeft opgehangen",
    "stopped": "gestopt",
    "interrupted": "onderbroken",
    "max_turns": "te lang, zonder goed einde",
    None: "nog bezig",
}
