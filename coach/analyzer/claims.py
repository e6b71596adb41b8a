"""What a trainee turn states: claims with a value and a polarity, read with the claim catalogue.

One reader for the caller brain and the scorer, so the two cannot disagree. A claim is read only from a
*statement*: not from a question, not from a condition ("als u drie maanden wacht"), not from words the trainee
reports ("u zegt dat…", "volgens het bureau…", "ik zei net…"). A negation in the same clause turns a yes/no value
round and makes a value or a choice a denial ("u heeft géén drie maanden"). Within one turn the last word counts:
"drie maanden, nee sorry, zes weken" states six weeks.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from coach.formats.claims import VALUE_KINDS, ClaimKind, ClaimType
from coach.patterns import fold, join_alternatives, pattern_regex
from coach.values import Value, amounts, counts, dates, durations, parse, same_value, spoken

_CLAUSE_BREAK = re.compile(
    r"(?:(?<!\d),|,(?!\d)|[;:()])+|\s+-\s+|\s(?=(?:maar|want|dus|behalve|anders|echter|nee|oh|o|sorry|excuus|pardon|alsof|omdat|doordat|"
    r"aangezien|zodat|terwijl|zolang|nadat|voordat|sinds|en (?:niet|geen|soms niet|dan)|"
    r"en (?:het|dat|die|er) (?:is|kan|mag|moet|wordt|gaat|kost|komt|loopt|staat|telt|geldt|hoeft|blijft)|"
    r"en (?:hoeft|hoeven|moet|moeten|kunt|kan|krijgt|heeft|hebt|is|wordt|gaat|mag|blijft|betaalt|komt|telt|loopt))\s)"
)
_THAT_BREAK = re.compile(
    r"(?<![^\W_])(?:melden|meldt|meld|zeggen|zegt|weten|weet|denk|denkt|hoop|hoopt|vind|vindt|begrijp|snap|zie|"
    r"hoor|doorgeven|vertellen|vertelt|schrijven|schrijft|aangeven|geeft aan|bewijzen|aantonen|laten zien|merken)"
    r"(\s)(?=dat\s)"
)
"""Before 'dat' after a verb of saying or knowing, what follows is its own clause ('melden dat hij er niet meer
woont')."""
_CORRECTION = re.compile(
    r"(?<![^\W_])(?:nee|sorry|oh|o|oeps|pardon|excuus|excuses|wacht|ik bedoel|bedoel ik|correctie|verkeerd|"
    r"vergissing|vergis|verspreek|versprak|neem me niet kwalijk|streep dat|laat ik het anders zeggen|niet waar|"
    r"klopt niet|niet goed|niet juist|onjuist|fout)(?![^\W_])"
)
_NEGATOR = re.compile(
    r"(?<![^\W_])(niet|nie|geen|nooit|niks|niets|nergens|niemand|geeneens|zonder|uitgesloten|onmogelijk)(?![^\W_])"
)
# fixed expressions with a negation word that do not deny what the clause says
_NOT_DENIAL = re.compile(
    r"(?<![^\W_])(?:niet (?:meer|langer|later|eerder|minder) dan|geen (?:dag|week|minuut) (?:later|te laat)|"
    r"of niet|niet waar|nietwaar|niet alleen|geen zorgen|geen probleem|geen punt|geen idee|geen haast|geen paniek|"
    r"niet erg|niet schrikken|niet ongerust|niks aan de hand|niets aan de hand|niet te snel|"
    r"niet helemaal zeker|niet meer precies|weet (?:ik )?niet (?:precies|zeker|meer)|"
    r"maak(?:t)? u (?:zich )?geen|zonder (?:uw |haar |zijn |een )?(?:machtiging|toestemming))(?![^\W_])"
)
_PAYS_NOTHING = re.compile(
    r"(?<![^\W_])(?:hoeft|hoeven|hoef)(?:\s+[^\W_]+){0,4}?\s+(?:niet|niks|niets)(?:\s+(?:meer|meteen|nu))?"
    r"\s+(?:te\s+)?(?:betalen|te betalen)(?![^\W_])"
    # ... or at the end of its clause with no verb between ("hoeft het betwiste deel even niet"; not "aanvragen
    # hoeft niet", "De hele aanslag uitstellen hoeft niet")
    r"|(?<![^\W_])(?:hoeft|hoeven|hoef)(?:\s+(?![^\W_]{3,}en(?![^\W_]))[^\W_]+){1,4}?\s+(?:niet|niks|niets)"
    r"(?=\s*(?:[.,;!?]|$))"
)
"""Of a choice ('voor welke belastingen'): 'hoeft u niks te betalen' says the option is in, it denies nothing; so
does 'hoeft het betwiste deel even niet' at the end of its clause."""
_REPORTED_AFTER = re.compile(
    r",\s*(?:(?:zegt|zei|zeggen|zeiden|dacht|denkt|beweert|schreef)\s+(?:u|je|jij|ze|zij|hij|men|die)|"
    r"(?:begrijp|hoor|snap)\s+ik|als ik het goed (?:begrijp|hoor))(?![^\W_])"
)
"""'…, zegt u.': the whole sentence reports what someone else said."""
_SELF_QUOTE = re.compile(
    r"(?<![^\W_])(?:ik (?:zei|zeg net|zei net|had gezegd|noemde|heb gezegd|heb net gezegd|had net gezegd)|zei ik|"
    r"noemde ik)(?![^\W_])"
)
"""'ik zei net drie maanden, …': the trainee quotes their own earlier words, up to the end of that clause."""
_QUOTED = re.compile(r"(?<![^\W_])'[^']{3,}'(?![^\W_])|\"[^\"]{3,}\"")
_VERB_FIRST_IF = re.compile(
    r"\s*(?:bent|heeft|hebt|is|wilt|wil|kunt|krijgt|gaat|moet|komt|wordt|vindt|mocht|blijkt|lukt)\s+(?:u|je|jij|het|er)"
    r"(?![^\W_]).*?(?P<then>\bdan\s)",
)
_ASIDE = re.compile(
    r"(?<![^\W_])(?:om\s+(?:\w+\s+){0,5}?te\s+\w+|(?:als|omdat|wanneer|nadat|zodra|terwijl|zodat)\s.*)", re.IGNORECASE
)
_HEDGE = re.compile(
    r"\W*(?:(?:eh+|uh+|nou|ja|nee|oh|o|kijk)\W+)*(?:ik denk|ik geloof|ik dacht|volgens mij|ik meen|ik vermoed|"
    r"ik weet niet zeker|misschien|waarschijnlijk)(?![^\W_])"
)
_ANSWER = re.compile(
    r"\W*(?:(?:eh+|uh+|nou|oke|ok|tja|hm+)\W+)?(?P<word>ja(?:zeker|hoor)?|jawel|klopt|zeker|inderdaad|correct|precies|"
    r"nee|neen|nope|helaas niet|niet|welnee)(?![^\W_])"
)
_NO = {"nee", "neen", "nope", "helaas niet", "niet", "welnee"}
_YES_AFTER_NO = {"jawel"}
"""'Jawel' to 'Dus geen boete?' says there is one."""
_COMPARISON = re.compile(r"(?<![^\W_])(?:net als|net zoals|zoals|evenals|anders dan)(?: bij)?(?:\s+[^\W_]+){1,2}")


_COMMON_OPTION_WORDS = frozenset(
    {
        *("sturen", "opsturen", "toesturen", "kost", "kosten", "lager", "minder", "terug", "helemaal", "alles"),
        *("vermindering", "verminderd", "online", "zien", "inzien", "bekijken", "delen", "stopt", "stoppen", "beroep"),
        *("bezwaar", "digid", "website", "mag", "mogen", "prima", "gratis", "vanzelf"),
    }
)
"""Option words too common to call a statement wrong when the claim's subject is named only two sentences or more
away ("ik ga u daar niet in sturen" is no word about the report); a strong word ('onherroepelijk') still is."""
_LEANS_BACK = re.compile(
    r"\W*(?:(?:en|maar|dus)\s+)?(?:die|dat|moet|moeten|kan|kunt|hoeft|hoeven|is|wordt|gaat|blijft)(?![^\W_])"
)
"""A clause that opens on its verb or a pronoun takes its subject from the clause before."""
_THIS_CASE = re.compile(r"(?<![^\W_])(?:voor u|bij u|in uw geval|voor uw situatie|in uw situatie)(?![^\W_])")
"""Of a choice, what is denied 'voor u' is about this caller's case, not the rule."""
_SUBORDINATE = re.compile(r"\W*(?:zolang|als|wanneer|nadat|omdat|terwijl|totdat|tot|zodra|voordat|indien)(?![^\W_])")
"""A clause opened by one of these is subordinate: the main clause's negation does not deny what it names
("zolang het beroep loopt hoeft u niet te betalen")."""
_FINITE = frozenset(
    {
        *("is", "zijn", "was", "kan", "kunt", "kunnen", "mag", "mogen", "moet", "moeten", "wordt", "worden"),
        *("geldt", "gelden", "valt", "vallen", "gaat", "gaan", "hoeft", "hoeven", "krijgt", "krijgen", "betaalt"),
        *("betalen", "blijft", "blijven", "telt", "tellen", "heeft", "hebt", "hebben", "staat", "staan", "komt"),
        "komen",
    }
)


_APPOSED = re.compile(
    r",\s*(?:(?:die|de|van|dat|is)\s+)?(?:€\s*)?\d[\d.,]*(?:\s*(?:euro|eur))?\s*,\s*(?:(?:die|dat|dan|daar)\s+)?"
    r"(?:kan|kunt|moet|moeten|hoeft|hoeven|valt|gaat|is|wordt|blijft|geldt)(?![^\W_])"
)
"""An amount put between commas, then the verb: "voor de hondenbelasting, 58 euro, kan het helaas niet"."""


def _bare_no_after(folded: str, parts: list[tuple[int, int]], k: int) -> int | None:
    """The end of a bare no ("helaas niet") in the part after part ``k``, or in the part after that when the one
    between is an aside without a verb ("die 58 euro")."""
    for n in (k + 1, k + 2):
        if n >= len(parts):
            return None
        if _BARE_NO.match(folded, *parts[n]):
            return parts[n][1]
        if not _verbless(folded[parts[n][0] : parts[n][1]]):
            return None
    return None


_BARE_NO = re.compile(r"\W*(?:(?:die|dat|daarvoor|helaas|jammer genoeg|dus|ook|eh|maar)\s+)*(?:niet|nee|geen)\W*$")
"""A clause that is only a no ("helaas niet", "die helaas niet"): it denies the verbless clause before it."""
_HEADLESS = re.compile(r"\W*(?:wat|waarvoor|hoeveel)(?![^\W_])")
"""A clause opened by one of these can be the subject of the next one ("Wat het nu waard is, telt niet mee")."""


def _verbless(clause: str) -> bool:
    """A clause of a few words without a verb ("voor de hondenbelasting", "alleen de hond"): a noun put first."""
    words = [w.strip(",.;:!?") for w in clause.split()]
    return len(words) <= 6 and not any(w in _FINITE for w in words)


class Overlaps:
    """The spans that overlap a range, found without scanning them all (a 300,000-character turn has thousands of
    sentences and questions; scanning all questions per sentence made scoring quadratic)."""

    def __init__(self, spans: list[tuple[int, int, bool]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _, _ in self.spans]
        self.reach = list(itertools.accumulate((b for _, b, _ in self.spans), max))
        """The furthest end of any span up to each position: spans before the first reach past a start end before it."""

    def __call__(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        first = bisect.bisect_right(self.reach, start)
        last = bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[first:last] if span[1] > start]


LATER_READINGS = 40
"""How many later statements of the same claim may replace one (a spoken turn has a handful)."""

CONTEXT_SENTENCES = 12
"""How many sentences before and after a statement may name its subject."""


def _compared(text: str) -> str:
    """Words in a comparison name no subject ("veertien dagen, net als bij de aanmaning")."""
    return _COMPARISON.sub(lambda m: " " * len(m.group()), text)


_RETRACT = re.compile(
    r"(?<![^\W_])(?:nee sorry|sorry nee|oh nee|o nee|oeps|nee wacht|wacht even|ik bedoel|bedoel ik|door elkaar|"
    r"verkeerd gezegd|zeg het verkeerd|zei het verkeerd|ik vergis me|vergist|verspreek|versprak|dat klopt niet|"
    r"eerlijk gezegd|"
    r"dat is niet (?:waar|goed|juist|zo)|correctie|ik zeg het fout|neem me niet kwalijk)(?![^\W_])"
)
"""A self-correction that takes back what the trainee said before it in the turn."""
_ALSO_NOT = re.compile(r"((?<![^\W_])(?:niet|nie|geen|nooit|niks|niets)\b.*?)\b(?:ook|zelfs) (?:niet|geen)\b")
"""'zakelijk nooit kwijtschelding, ook niet bij verlies': the second negation repeats the first."""
_BOUNDARY_WORDS = {"dan", "en", "dus", "want", "maar", "of"}
_EXCEPT = {"behalve", "uitgezonderd", "zonder", "ongeacht"}
_OWN_AGAIN = {"maar", "alleen", "nee", "sorry", "oh", "o", "excuus", "pardon", "echter", "dan", "wacht"}
"""After reported words, a clause starting with one of these is the speaker's own again ("…, maar het is zes weken")."""
_PAS = re.compile(r"(?<![^\W_])(?:hoeft|hoeven|hoef|hoefde)\s+(?:\w+\s+){0,2}pas(?![^\W_])")
_CONDITIONAL = re.compile(
    r"(?<![^\W_])(?<!pas )(?<!alleen )(?<!enkel )(?:ook al|zelfs al|(?:ook |zelfs )?als"
    r"(?=\s+(?:u|je|jij|het|hij|ze|zij|we|wij|er|de|uw|dat|die|iemand|men|ik|jullie|mensen|een|zo'n|uw|jouw|dit|"
    r"deze)\b)|indien|mocht|mochten|stel|stel dat|"
    r"gesteld dat|tenzij|ingeval|in geval|"
    r"(?<=^)wanneer(?=\s+(?:u|je|jij|het|hij|ze|zij|we|wij|er|de|uw)\b))(?![^\W_])"
)
_PLAN = re.compile(
    r"\W*(?:(?:eh+|nou|oke|ok|dan)\W+)*(?:ik|we|wij)\s+(?:(?:ga|gaan)\s+)?(?:(?:even|ff|eerst)\s+)?(?:zoek|zoeken|kijk|"
    r"kijken|check|checken|vraag|vragen|bel|bellen)\s+(?:\w+\s+)?(?:even|ff|eerst|na|op)(?![^\W_])|"
    r"\W*(?:ik|we|wij)\s+(?:ga|gaan)\s+(?:\w+\s+){0,4}?(?:opzoeken|navragen|nakijken|uitzoeken|checken)(?![^\W_])"
)
_OTHERWISE = re.compile(r"\W*(?:en\s+|of\s+)?(?:anders|zo niet|of anders)(?![^\W_])")
_ANNOUNCE = re.compile(
    r"(?<![^\W_])(?:ik|we|wij)(?![^\W_]).*?(?<![^\W_])(?:zo|straks|dadelijk|zometeen|zo meteen|later|zo direct)\s+"
    r"(?:\w+\s+){0,3}?(?:meer|uit|op|terug|vertellen|uitleggen|nakijken|bekijken|uitzoeken|navragen|naar|hebben|bespreken|behandelen|iets|wat|spreken|praten)"
    r"(?![^\W_])"
)
"""An announcement ("daar kom ik zo op", "dat ga ik straks nakijken"): it promises information, it gives none."""
_DEFERRED = re.compile(
    r"(?:^|[,;:]|\s)\s*(?:maar|en)?\s*(?:daar|dat|die|hier)\s+(?:(?:\w+\s+){0,5}?(?:voor later|nog op terug|nog over)|"
    r"(?:\w+\s+){0,2}?(?:kom|komen|ga|gaan|hebben|heb|praten|spreken|bespreken|vertel|vertellen)\s+(?:ik|we|wij)\s+"
    r"(?:\w+\s+){0,3}?(?:straks|dadelijk|zometeen|later))(?![^\W_])"
)
"""A topic put off ("..., maar daar kom ik straks op", "..., maar dat is voor later"): nothing is stated yet."""
_LATER = re.compile(
    r"(?<![^\W_])(?:(?:daar|dat|die|dit)\s+(?:komt|komen)\s+(?:\w+\s+){0,2}?(?:zo|straks|dadelijk|zometeen|later)"
    r"(?:\s+nog)?(?:\s+(?:aan bod|ter sprake|op terug))?\W*$|"
    r"(?:hebben|praten|spreken)\s+(?:we|wij)\s+(?:het\s+)?(?:\w+\s+){0,2}?(?:zo|straks|dadelijk|zometeen|later)"
    r"(?:\s+nog)?(?:\s+over)?\W*$)(?![^\W_])"
)
"""Put off without 'ik' ("Uitstel van betaling, ja, dat komt zo", "Over de rente hebben we het straks nog")."""
_LOOKING_UP = re.compile(
    r"(?<![^\W_])(?:(?:even|eens|ff) kijken (?:hoe|wat|of|waar)|hoe (?:dat|het) (?:hier )?(?:ook )?alweer zat|"
    r"hoe zat (?:dat|het) (?:ook )?alweer|ik zie (?:hier )?(?:iets|wat) (?:over|van)|"
    r"(?:ik|we) (?:noem|vertel|leg|bespreek|bekijk|zoek)\w* (?:\w+\s+){0,4}?(?:straks|zo|dadelijk|zometeen|later))"
    r"(?![^\W_])"
)
"""Thinking aloud or looking something up ("even kijken hoe dat ook alweer zat", "ik zie hier iets over acht weken"),
or an announcement with its verb first ("Ik noem straks ook nog het Bbz"): the speaker states nothing yet."""
_TOPIC_FIRST = re.compile(r"\W*over(?![^\W_])")
_RESUMED = re.compile(r"^\W*[,;:]\s*(?:daar|dat|die|hier|dit)(?![^\W_])")
"""A topic named first and taken up by 'daar/dat' in an announcement ("Hulp bij het invullen, daar kom ik op")."""
_WONDER = re.compile(
    r"(?<![^\W_])(?:afvraagt|afvragen|afvroeg|afvraag|weten|benieuwd|nieuwsgierig|vraagt|vragen)\s+"
    r"(?:of|waarom|hoe|wat|wanneer|welke|hoeveel)(?![^\W_])"
)
"""Wondering ("u vraagt zich af waarom", "u wilt weten of"): what follows is the caller's question, not a statement."""
_WHETHER = re.compile(r"\W*(?:en\s+)?of\s+(?:u|je|jij|het|er|ze|zij|hij|dat|die|uw|we|wij)(?![^\W_])")
"""A clause that starts with 'of' + subject is an embedded question ("Of u vermindering krijgt, ...")."""
_DIGIT_OR_COUNT = re.compile(r"\d|(?<![^\W_])(?:keer|maal|keren|termijnen)(?![^\W_])")
_NO_DEADLINE = re.compile(r"(?<![^\W_])(?:grens|limiet|leeftijd|jonger|ouder|bouwjaar)(?![^\W_])")
_AGE = re.compile(r"(?:jonger|ouder|oud|leeftijd)\s+(?:dan\s+|als\s+|van\s+)?$")
_JOINED_CLAUSE = re.compile(r"\s(?:en|maar|of)\s+(?=(?:het|de|u|ik|we|wij|dat|dan|die|uw)\s)")
"""'... en het beroep kan tot 22 juni': a clause joined on with its own subject."""
_SERVICE = re.compile(
    r"(?<![^\W_])(?:belt|bellen|bel|terugbellen|terugbelt|contact|langs|komt|komen|hoort|horen|kijkt|kijken|"
    r"taxateur|collega|vrijwilliger|"
    r"(?:krijgt|ontvangt) u (?:een |de |het )?(?:brief|bericht|antwoord|mail|e-mail|reactie|uitkomst|uitslag|besluit)|"
    r"(?:ik|we|wij|de gemeente)(?:\s+[^\W_]+){0,3}\s+(?:sturen|stuur|mailen|mail|versturen|verstuur))(?![^\W_])"
)
"""When someone calls, comes by or writes back ("de taxateur belt u binnen twee weken", "voor het einde van het jaar
hoort u de uitkomst"): a promise of service, no legal term, unless the clause names the term's own subject."""
_OFFSET_AFTER = re.compile(
    r"\s*(?:later|eerder|geleden|erna|daarna|ervoor|"
    r"(?:voor|vóór) [^\W_]+|"
    r"(?:na|nadat|voordat) (?!(?:[^\W_]+ ){0,5}?(?:dagtekening|datum|brief|uitspraak|beschikking|aanslag|aanmaning|"
    r"dwangbevel|besluit|afwijzing|verzending|ontvangst|beslissing|betekening|betekend|verstuurd|versturen|verzenden|"
    r"verzonden|gedagtekend))"
    r"[^\W_]+)(?![^\W_])"
)
"""'een dag na uw betaling', 'twee dagen later': a distance between two events, no term."""
_SPREAD = re.compile(
    r"(?<![^\W_])(?:(?:van|op) (?:uw|je|de) rekening|afgeschreven|afschrijven|afschrijving\w*|incasso|geïncasseerd|"
    r"in termijnen|maandelijks|per maand|gespreid|regeling)(?![^\W_])"
)
"""'Dan wordt het bedrag in tien maanden van uw rekening gehaald', 'in termijnen, in maximaal zes maanden': payment
spread over time, no term (looked for in the whole sentence)."""
_UNTIL = re.compile(r"(?<![^\W_])over\s+(?:(?:ongeveer|zo'n|pakweg|precies|nog|maar)\s+)?$")
"""'Dat is over ongeveer drie weken': the time until a day, no term."""
_SPAN_AFTER = re.compile(r"\s*(?:\w+\s+)?(?:altijd|netjes|steeds|achter elkaar|op rij|trouw)(?![^\W_])")
"""'U heeft dertig jaar altijd op tijd betaald': a stretch of the past."""
_OFFSET_LEAD = {
    "een",
    "pas",
    "al",
    "precies",
    "ongeveer",
    "zo'n",
    "ruim",
    "bijna",
    "maar",
    "nog",
    "eh",
    "en",
    "dus",
    "want",
    "of",
}
_LEAD_FILLERS = re.compile(r"^(?:\W*(?:ja|nee|nou|oke|ok|eh+|uh+|dus|en|maar|kijk|hoor|tja|zeker|jazeker)\b)+\W*")
_NOT_A_VERB = {
    "dat",
    "die",
    "of",
    "en",
    "als",
    "wat",
    "hoe",
    "omdat",
    "want",
    "maar",
    "zodat",
    "wanneer",
    "waar",
    "dan",
    "toch",
    "ook",
    "nog",
    "wel",
    "niet",
    "al",
    "dus",
    "voor",
    "van",
    "aan",
    "met",
    "bij",
    "op",
    "in",
    "naar",
    "door",
    "om",
    "tot",
    "na",
    "over",
    "uit",
    "zoals",
    "hoewel",
    "zolang",
    "terwijl",
}
_INVERSION = re.compile(r"\s([^\W\d_]+)\s+(?:u|je|jij|we|wij|ze|zij|hij|ik|er|het|de|jullie)(?![^\W_])")
_EMBEDDED_IF = re.compile(
    r"(?<![^\W_])(?:kijken|kijk|checken|check|nagaan|na te gaan|vragen|vraag|weet|weten|zien|uitzoeken|uit te zoeken|"
    r"navragen|nakijken|controleren|bekijken|opzoeken|zoeken|zoek|hoofd|informeer|informeren|na)\s+(?:\w+\s+){0,5}?(?:of|hoe|wat|hoelang|hoeveel|welke|"
    r"wanneer)(?![^\W_])"
)
_REPORTED = re.compile(
    r"(?<![^\W_])(?:"
    r"(?:u|je|jij)\s+(?:\w+\s+){0,1}?(?:wilt|wil|wou|hoopt)\s+(?:dus\s+|graag\s+|eigenlijk\s+)?(?!\w+\s+(?:maken|doen|"
    r"betalen|bellen)\b)|"
    r"(?:u|je|jij)\s+(?:\w+\s+){0,2}?(?:zegt|zei|zeggen|dacht|denkt|dachten|bedoelt|vreest|verwacht|verwachtte|"
    r"gerekend|gehoopt|gedacht|rekende|hoopte|"
    r"begreep|begrepen|noemt|noemde|meldt|hebt gekregen te horen)|"
    r"(?:u|je|jij)\s+(?:\w+\s+){0,2}?(?:hoorde|gehoord|las|gelezen|vroeg|vraagt|schreef|schrijft)\s+(?:\w+\s+)?"
    r"(?:dat|of|van|op)(?![^\W_])|"
    r"(?<!wil )(?:zegt|zei|zeiden|zeggen|beweert|beweerde|beweren|belooft|beloofde|vertelde|vertelt|vertellen|"
    r"schreef|schrijft|riep|roept|dacht|denkt)\s+(?:uw|je|jouw|de|het|ze|zij|hij|die|men|dat|hun|iemand|een)(?![^\W_])|"
    r"volgens\s+(?!mij\b|ons\b|de wet\b|de regels?\b|de brief\b|het systeem\b|de leidraad\b|de verordening\b|"
    r"onze\b|mijn\b|het dossier\b|de aanslag\b|de beschikking\b|de inschrijving\b|de brp\b|de basisregistratie\b|"
    r"de gegevens\b|de registratie\b|de regeling\b|het beleid\b|de gemeente\b|de afspraken?\b|artikel\b|"
    r"de (?:datum|dagtekening|uitspraak|beslissing|wettelijke)\b)[^\W_]+|"
    r"(?:begrijp|hoor|hoorde|snap)\s+ik\s+(?:\w+\s+){0,2}?(?:goed|dat|juist)|als ik (?:u|je|het) goed (?:begrijp|hoor)|"
    r"heb ik (?:\w+\s+)?(?:goed )?begrepen|"
    r"(?:zorgen|bang|angst|ongerust|boos|bezorgd)\s+(?:\w+\s+){0,2}?(?:dat|om dat|omdat)|"
    r"(?:op|van) (?:internet|facebook|tv|televisie|het nieuws) (?:staat|stond|las|lees|zeggen|zei)|"
    r"(?:heeft|hebben|had|hadden) (?:\w+\s+){0,3}?(?:gezegd|verteld|beloofd|geschreven|beweerd|gehoord)|"
    r"het idee dat|de indruk dat|het gevoel dat|de gedachte dat|misschien gehoord|misschien gelezen|"
    r"(?:collega|buurman|buurvrouw|bureau|bank|makelaar|notaris|iemand|vriend|vriendin|zus|broer|zoon|dochter|ze|zij|"
    r"hij|men)\s+(?:\w+\s+){0,2}?(?:zei|zegt|zeiden|zeggen|vertelde|vertelt|beweerde|beweert|schreef|schrijft)|"
    r"misverstand|misvatting|fabeltje|(?:veel )?mensen denken|denken veel mensen|"
    r"(?:hoorde|las|zag|hoort|leest|ziet|zei|zegt|dacht|denkt)\s+(?:u|je|jij)\s+(?:\w+\s+)?(?:dat|of)(?![^\W_])|"
    r"(?:ik\s+)?(?:snap|begrijp|merk|voel)\s+(?:\w+\s+){0,2}?dat\s+(?:u|je|jij)\s+(?:\w+\s+){0,3}?(?:wilt|wil|bang|boos|"
    r"schrikt|geschrokken|bezorgd|ongerust|baalt|liever)|"
    r"(?:ging|gaat|gingen|gaan) (?:er )?(?:\w+\s+)?(?:er)?van uit|ervan uitging|ervan uitgaat|"
    r"(?:u|je|jij)\s+(?:bent|was|is|zijn)\s+(?:\w+\s+)?(?:bang|bezorgd|ongerust|geschrokken)|"
    r"(?:u|je|jij)\s+(?:maakt|maakte)\s+(?:zich|je|u)\s+(?:\w+\s+)?zorgen"
    r")(?![^\W_])"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One claim the trainee stated: which claim, the value (an option id, or a normalised number or date), whether
    it is a denial, the words said and their sentence, and whether it is the turn's last word on this claim."""

    claim: str
    kind: str
    value: str | float | tuple[int, int, int | None]
    negated: bool
    start: int
    end: int
    said: str
    sentence: str
    final: bool = True
    weak: bool = False
    """One common word ('sturen', 'helemaal') on a subject named only further off in the turn: it may state the
    truth (credit, a correction) but is too thin to call wrong."""

    def with_final(self, final: bool) -> Reading:
        return Reading(
            self.claim,
            self.kind,
            self.value,
            self.negated,
            self.start,
            self.end,
            self.said,
            self.sentence,
            final,
            self.weak,
        )

    def spoken(self) -> str:
        """The value as the trainee meant it, for the caller to repeat ('3 maanden')."""
        if self.kind in VALUE_KINDS:
            return spoken(self.kind, self.value)
        return self.said


@dataclass(frozen=True)
class Verdict:
    """A reading checked against what is true: ``correct`` (a statement of the truth, or a denial of something
    wrong), ``wrong``, or None when nothing is known to be true for it."""

    reading: Reading
    claim: ClaimType
    correct: bool | None
    truth: str | None

    @property
    def wrong(self) -> bool:
        return self.correct is False and self.reading.final

    def as_dict(self) -> dict[str, object]:
        r = self.reading
        value = r.value if isinstance(r.value, str) else r.spoken()
        return {
            "claim": r.claim,
            "said": r.said,
            "value": value,
            "denied": r.negated,
            "start": r.start,
            "end": r.end,
            "correct": self.correct,
            "self_corrected": not r.final,
            "truth": self.truth,
        }

    @property
    def states_truth(self) -> bool:
        """A positive statement of the true value: what key information is credited from."""
        return self.correct is True and not self.reading.negated and self.reading.final


@dataclass(frozen=True)
class Context:
    """What the reader knows beyond the turn: the claims the scenario names (in order), their local truths, and the
    caller's previous turn (a question the trainee answers gives the subject)."""

    expected: tuple[str, ...] = ()
    truths: Mapping[str, str] = field(default_factory=dict)
    previous: str = ""


@dataclass
class _Compiled:
    claim: ClaimType
    about: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    unless_clause: re.Pattern[str] | None
    near: re.Pattern[str] | None
    unit: re.Pattern[str] | None
    options: list[tuple[str, list[tuple[re.Pattern[str], set[str]]]]]
    any_option: re.Pattern[str] | None = None
    """All the options' patterns in one: a turn where it finds nothing is not read for this claim (speed)."""


_TOKENS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|€")


Anchor = tuple[set[str], tuple[str, ...]] | None


def _gate(pattern: str, anchor: Callable[[str], Anchor]) -> Anchor:
    """The words an option pattern cannot match without; a raw pattern that opens with a word boundary still has
    its words ('(?<![^\\W_])(?:kost|kosten)'). None: no words known, always searched."""
    found = anchor(re.sub(r"^re:\(\?<!\[\^\\W_\]\)", "re:", pattern))
    return found if found and (found[0] or found[1]) else None


def _regex(patterns: Iterable[str]) -> re.Pattern[str] | None:
    patterns = list(patterns)
    if not patterns:
        return None
    return re.compile(join_alternatives([pattern_regex(p) for p in patterns]))


_WIDE = "\x00wide"
"""A marker in an option pattern's word set: the pattern has a gap of five words or more."""


def _wide(pattern: str) -> set[str]:
    return {_WIDE} if any(int(n) >= 5 for n in re.findall(r"\.\.\.(\d+)", pattern)) else set()


def _negation_words(pattern: str) -> set[str]:
    return set(_NEGATOR.findall(fold(pattern)))


class ClaimReader:
    """Compiled once per lexicon; ``read`` gives the claims of one turn, ``check`` judges them."""

    def __init__(self, claims: list[ClaimType], anchor: Callable[[str], Anchor] = lambda pattern: None) -> None:
        """``anchor``: the words a pattern cannot match without (the analyzer's rule prefilter), or None."""
        self.claims = {c.id: c for c in claims}
        self._compiled: list[_Compiled] = []
        self._parts: dict[str, list[tuple[int, int, int, int]]] = {}
        self._by_pattern: list[list[tuple[Anchor, re.Pattern[str]]]] = []
        """Per claim, each option pattern with its own anchor words: only the patterns whose words are in the turn
        are searched (the same answer as the claim's combined regex, without trying every branch everywhere)."""
        """Per claim, words one of its options cannot match without: a turn with none of them is not searched."""
        for c in claims:
            options = [
                (o.id, [(re.compile(pattern_regex(p)), _negation_words(p) | _wide(p)) for p in o.patterns])
                for o in c.options
            ]
            every = [p for o in c.options for p in o.patterns]
            self._compiled.append(
                _Compiled(
                    c,
                    _regex(c.about),
                    _regex(c.unless),
                    _regex(c.unless_clause),
                    _regex(c.near),
                    _regex(c.unit),
                    options,
                    _regex(every),
                )
            )
            self._by_pattern.append([(_gate(p, anchor), re.compile(pattern_regex(p))) for p in every])
        self._about = {comp.claim.id: comp.about for comp in self._compiled}
        # an index from anchor word (or prefix) to the patterns it gates: a turn looks up its own words only
        self._by_word: dict[str, list[tuple[int, int]]] = {}
        self._by_prefix: dict[str, list[tuple[int, int]]] = {}
        self._always: list[tuple[int, int]] = []
        self._prefix_sizes: frozenset[int] = frozenset()
        for ci, patterns in enumerate(self._by_pattern):
            if self._compiled[ci].any_option is None:
                continue
            for pi, (gate, _) in enumerate(patterns):
                if gate is None:
                    self._always.append((ci, pi))
                    continue
                for word in gate[0]:
                    self._by_word.setdefault(word, []).append((ci, pi))
                for prefix in gate[1]:
                    self._by_prefix.setdefault(prefix, []).append((ci, pi))
        self._prefix_sizes = frozenset(len(p) for p in self._by_prefix)

    def _live(self, folded: str, words: set[str]) -> set[str]:
        """The option claims a turn can state: an option pattern of theirs matches (searched only when the turn
        holds the pattern's anchor word)."""
        candidates = list(self._always)
        for word in words:
            candidates += self._by_word.get(word, ())
        if self._by_prefix:
            seen = {w[:n] for w in words for n in self._prefix_sizes if len(w) >= n}
            for prefix in seen & self._by_prefix.keys():
                candidates += self._by_prefix[prefix]
        live: set[str] = set()
        for ci, pi in sorted(set(candidates)):
            claim = self._compiled[ci].claim.id
            if claim not in live and self._by_pattern[ci][pi][1].search(folded):
                live.add(claim)
        return live

    # --- reading --------------------------------------------------------------------------------------------

    def read(
        self,
        text: str,
        sentences: Iterable[tuple[int, int]],
        questions: Iterable[tuple[int, int, bool]],
        context: Context,
    ) -> list[Reading]:
        """The claims stated in ``text``; ``sentences`` are spans from the analyzer, ``questions`` its question
        spans with whether each is only a tag ('…, oké?')."""
        spans = list(sentences)
        own = self._read(text, spans, list(questions), context, asked=False)
        answers = self._answers(text, spans, context)
        if own and not {r.claim for r in answers} & {r.claim for r in own}:
            answers = []  # the trainee's own words say what the answer is about ("Nee, gratis.")
        return self._finalise(answers + own, fold(text))

    def _answers(self, text: str, spans: list[tuple[int, int]], context: Context) -> list[Reading]:
        """'Ja' or 'nee' to the caller's yes/no question states what it asked, or its opposite: 'Gaat dat
        automatisch?' — 'Nee, u moet ...' says the reduction does not come by itself."""
        folded = fold(text)
        m = _ANSWER.match(folded)
        question = context.previous.strip()
        if not m or not spans or not question.rstrip(" \"')").endswith("?"):
            return []
        asked_part = question.rsplit(".", 1)[-1] if "?" in question.rsplit(".", 1)[-1] else question
        inner = Context(context.expected, context.truths)
        # what a yes/no question asks is its main clause: not a purpose ('om dat verslag te krijgen') or a condition
        main = _ASIDE.sub(lambda x: " " * len(x.group()), asked_part)
        readings = self._read(main, [(0, len(main))], [], inner, asked=True)
        word = m.group("word")
        # 'Nee' to 'Gaat dat automatisch?' denies it; to 'Dus het stopt niet?' it agrees; 'jawel' contradicts that
        negative = bool(_NEGATOR.search(fold(asked_part)))
        if negative and word not in _YES_AFTER_NO:
            return []  # 'Dus ik hoef niks te betalen?' — 'Nee.' can mean either; only 'jawel' is clear
        flip = word in _NO or (word in _YES_AFTER_NO and negative)
        out = []
        for r in readings:
            value, negated = r.value, r.negated
            if flip:
                if r.kind == ClaimKind.yesno:
                    value = "nee" if value == "ja" else "ja"
                else:
                    negated = not negated
            said = f"{text[m.start('word') : m.end('word')]} (op: {question})"
            out.append(Reading(r.claim, r.kind, value, negated, m.start("word"), m.end("word"), said,
                               text[spans[0][0] : spans[0][1]]))  # fmt: skip
        return out

    def _read(
        self,
        text: str,
        spans: list[tuple[int, int]],
        questions: list[tuple[int, int, bool]],
        context: Context,
        asked: bool,
    ) -> list[Reading]:
        folded = fold(text)
        previous = fold(context.previous)
        expected = set(context.expected)
        order = {c: i for i, c in enumerate(context.expected)}
        out: list[Reading] = []
        words = {w for token in _TOKENS.findall(folded) for w in (token, *re.split(r"['-]", token))}
        live = self._live(folded, words)
        has_values = bool(durations(folded) or dates(folded) or amounts(folded) or _DIGIT_OR_COUNT.search(folded))
        if has_values:
            live |= {c.claim.id for c in self._compiled if c.claim.kind in VALUE_KINDS}
        if not live:
            return []
        compiled = [c for c in self._compiled if c.claim.id in live]
        on_topic = bool(expected) and any(
            c.claim.id in expected and c.about is not None and (c.about.search(folded) or c.about.search(previous))
            for c in self._compiled
        )
        topics = {self.claims[c].topic for c in expected if c in self.claims} | {"overig"}
        turn = _compared(folded)
        # what rules a claim out counts for the whole turn: searched once per turn, not once per sentence
        ruled_out = {c.claim.id for c in self._compiled if c.unless is not None and c.unless.search(turn)}
        for index, s_start, s_end, parts in self.statements(folded, spans, questions, every=asked):
            sentence = folded[s_start:s_end]
            if not asked and _REPORTED_AFTER.search(sentence):
                continue
            # the rest of the turn: a subject named in another sentence ("Twee dagen. Een dwangbevel moet u ...");
            # the sentences around this one, so a wall of text is read in linear time (a spoken turn is far shorter)
            near = range(max(0, index - CONTEXT_SENTENCES), min(len(spans), index + CONTEXT_SENTENCES + 1))
            before = _compared(" . ".join(folded[spans[j][0] : spans[j][1]] for j in near if j != index))
            earlier = _compared(" . ".join(folded[spans[j][0] : spans[j][1]] for j in near if j < index))
            subject = _compared(sentence)
            beside = _compared(
                " . ".join(folded[spans[j][0] : spans[j][1]] for j in (index - 1, index + 1) if 0 <= j < len(spans))
            )
            off_topic: set[str] = set()
            if on_topic:  # a turn about the scenario's claims is not read for claims of other kinds of call
                off_topic = {c.claim.id for c in self._compiled if c.claim.topic not in topics}
            blocked = off_topic | {c.claim.id for c in compiled if c.unless is not None and c.unless.search(subject)}
            found: list[Reading] = []
            for k, (start, end) in enumerate(parts):
                clause = folded[start:end]
                # a claim's unless_clause rules it out in this clause only ("De afschrijving gaat door, want de
                # hondenbelasting moet u ook betalen": the first clause still says the payment goes on); a clause
                # that leans on the ones before it ("Alleen de hondenbelasting, 58 euro, moet u wel betalen") is read
                # with them
                scope = clause
                if _LEANS_BACK.match(clause):
                    # back past asides that lean back or have no verb: "de hondenbelasting van Pip, die 58 euro, die
                    # helaas niet, die moet u wel betalen" (evidence round 15)
                    first = k - 1
                    while first > 0 and k - first < 4:
                        aside = folded[parts[first][0] : parts[first][1]]
                        if not (_LEANS_BACK.match(aside) or _verbless(aside)):
                            break
                        first -= 1
                    scope = " ".join(folded[a:b] for a, b in parts[max(0, min(first, k - 2)) : k + 1])
                if _SUBORDINATE.match(folded[s_start:start]):  # "Als de inschrijving is aangepast, passen wij ..."
                    scope = folded[s_start:end]
                here = blocked | {
                    c.claim.id for c in compiled if c.unless_clause is not None and c.unless_clause.search(scope)
                }
                for comp in compiled:
                    claim = comp.claim
                    if claim.kind in VALUE_KINDS or claim.id in here:
                        continue  # values are assigned below, one claim per value
                    level = self._subject(comp, subject, before, previous, expected, options=True)
                    if level is None:
                        continue
                    if claim.id in ruled_out:
                        continue  # what rules the claim out counts for the whole turn
                    # an option named in a short clause without a verb gets its verb later in the sentence:
                    # "Voor de hondenbelasting, 58 euro, kan het helaas niet" denies it, as "niet voor de hond" does
                    wide = clause
                    apposed = _APPOSED.match(folded, end, s_end) if claim.kind == ClaimKind.choice else None
                    if apposed and _verbless(clause):
                        # to the end of the verb's own clause: "..., kan het, niet voor de hond" denies the dog
                        stop = _CLAUSE_BREAK.search(folded, apposed.end(), s_end)
                        wide = folded[start : stop.start() if stop else s_end]
                    elif _verbless(clause) and (no := _bare_no_after(folded, parts, k)) is not None:
                        # "Voor de hondenbelasting van Pip, eh, helaas niet.": the option, then a bare no (round-25
                        # audit), also after an aside without a verb ("Voor de hond, die 58 euro, helaas niet.")
                        wide = folded[start:no]
                    elif k + 1 < len(parts) and _HEADLESS.match(clause):
                        # "Wat het nu waard is, telt niet mee": the clause is the subject of the verb after the
                        # comma, and its negation denies it (evidence round 9)
                        for a, b in parts[k + 1 : k + 3]:  # "Wat het nu waard is of waarvoor u ..., telt niet mee"
                            after = folded[a:b].split()
                            if after and after[0] in _FINITE:
                                wide = folded[start:b]
                                break
                    for option, m, own in self._options(comp, wide, first=asked):
                        if m.start() >= len(clause):
                            continue
                        weak = (
                            level == 2
                            and not asked
                            and m.group().strip().lower() in _COMMON_OPTION_WORDS
                            and not (comp.about is not None and comp.about.search(beside))
                        )
                        odd = self._negated(wide, m, own, claim.kind == ClaimKind.yesno, claim.affirmed_by_not_paying)
                        value: str = option
                        negated = False
                        if claim.kind == ClaimKind.yesno:
                            if odd:
                                value = "nee" if option == "ja" else "ja"
                        else:
                            negated = odd
                        found.append(
                            Reading(
                                claim.id,
                                claim.kind,
                                value,
                                negated,
                                start + m.start(),
                                start + m.end(),
                                text[start + m.start() : start + m.end()],
                                text[s_start:s_end],
                                weak=weak,
                            )
                        )
                if not has_values:
                    continue
                found.extend(
                    self._values(
                        text,
                        ruled_out,
                        clause,
                        start,
                        s_start,
                        s_end,
                        subject,
                        earlier,
                        previous,
                        expected,
                        order,
                        here,
                    )
                )
            out.extend(self._prefer_expected(found, expected))
        return out

    def statements(
        self, folded: str, spans: list[tuple[int, int]], questions: list[tuple[int, int, bool]], *, every: bool = False
    ) -> Iterator[tuple[int, int, int, list[tuple[int, int]]]]:
        """Per sentence that states something (every sentence with ``every``): its index and span, and the asserted
        parts outside a question, as spans of the turn. Claims and key-point phrases are read from these only."""
        within = Overlaps(questions)
        for index, (s_start, s_end) in enumerate(spans):
            sentence = folded[s_start:s_end]
            near = within(s_start, s_end)
            if not every and not self.is_statement(s_start, s_end, sentence, near):
                continue
            inside = [(q0, q1) for q0, q1, tag in near if not tag]
            if _HEDGE.match(sentence):
                inside = []  # "eh ik denk dat het drie maanden is?": the question mark is doubt, not a question
            parts = [(s_start + a, s_start + b) for a, b in self.asserted(sentence)]
            yield index, s_start, s_end, [(a, b) for a, b in parts if not any(q0 < b and a < q1 for q0, q1 in inside)]

    @staticmethod
    def is_statement(start: int, end: int, sentence: str, questions: list[tuple[int, int, bool]]) -> bool:
        """A sentence with a question mark states something only when its question is a tag ('…, oké?'); a
        check like 'dus u heeft drie maanden, begrijp ik dat goed?' states nothing."""
        if not sentence.rstrip(" \"')").endswith("?") or _HEDGE.match(sentence):
            return True  # "eh ik denk dat het drie maanden is?" is a hedged statement, not a question
        mine = [tag for a, b, tag in questions if a < end and start < b]
        return bool(mine) and all(mine)

    @staticmethod
    def _prefer_expected(found: list[Reading], expected: set[str]) -> list[Reading]:
        """A sentence that states one of the scenario's claims is read as about the scenario: claims of other
        calls in it are dropped ("naar de rechter kan niet" in a kwijtschelding call is about the kwijtschelding
        route, not the WOZ court)."""
        if not expected or not any(r.claim in expected for r in found):
            return found
        return [r for r in found if r.claim in expected]

    def asserted(self, sentence: str) -> list[tuple[int, int]]:
        """The parts of a sentence the speaker asserts: clauses, without conditions, embedded questions and
        reported words."""
        return [(a, b) for a, b, _, _ in self.asserted_parts(sentence)]

    def asserted_parts(self, sentence: str) -> list[tuple[int, int, int, int]]:
        """The asserted parts with the clause each lies in: (start, end, clause start, clause end). A turn's sentences
        are read for claims and again for key points: the answer is kept for the last few thousand sentences."""
        if sentence in self._parts:
            return self._parts[sentence]
        parts = self._asserted_parts(sentence)
        if len(self._parts) >= 4096:
            self._parts.clear()
        self._parts[sentence] = parts
        return parts

    def _asserted_parts(self, sentence: str) -> list[tuple[int, int, int, int]]:
        breaks = sorted(
            [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence)]
            + [(m.start(1), m.end(1)) for m in _THAT_BREAK.finditer(sentence)]
        )
        cuts = [0]
        for a, b in breaks:
            if a >= cuts[-1]:
                cuts += [a, b]
        cuts.append(len(sentence))
        clauses = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i + 1] > cuts[i]]
        # reported words run from the frame ("u zegt dat", "volgens het bureau") to the speaker's own next clause
        reported: list[tuple[int, int]] = []
        for m in _REPORTED.finditer(sentence):
            # to the end of the frame's clause, or of the next one when the frame ends its clause ("u zegt | dat …")
            index = next((i for i, (a, b) in enumerate(clauses) if a <= m.start() < b), len(clauses) - 1)
            stop = clauses[index][1]
            if len(sentence[m.end() : stop].split()) <= 1 and index + 1 < len(clauses):
                following = clauses[index + 1]
                if sentence[following[0] :].lstrip().split(" ", 1)[0] not in _OWN_AGAIN:
                    stop = following[1]
            reported.append((m.start(), stop))
        for m in re.finditer(r"(?<![^\W_])volgens(?![^\W_])", sentence):
            if any(m.start() == x for x, _ in reported):  # "zes weken volgens de schuldhulp": the clause before too
                clause_start = next((a for a, b in clauses if a <= m.start() < b), 0)
                reported.append((clause_start, m.start()))
        for m in _SELF_QUOTE.finditer(sentence):
            reported.append((m.start(), next((b for a, b in clauses if a <= m.start() < b), len(sentence))))
        for m in _QUOTED.finditer(sentence):  # words between quotes are someone else's
            reported.append((m.start(), m.end()))
        merged: list[tuple[int, int]] = []
        for x, y in sorted(reported):
            if merged and x <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], y))
            else:
                merged.append((x, y))
        out: list[tuple[int, int, int, int]] = []
        for a, b in clauses:
            ca, cb = a, b
            for x, y in merged:
                if x < b and a < y:
                    if x > a and sentence[a:x].strip():
                        out.extend((p, q, ca, cb) for p, q in self._unconditioned(a, x, sentence))
                    a = max(a, y)
            if a < b:
                out.extend((p, q, ca, cb) for p, q in self._unconditioned(a, b, sentence))
        return out

    def _unconditioned(self, a: int, b: int, sentence: str) -> list[tuple[int, int]]:
        part = sentence[a:b]
        verb_first = _VERB_FIRST_IF.match(part)
        if verb_first:  # "bent u het niet eens met de uitspraak dan kunt u ...": a condition without 'als'
            return [(a + verb_first.end() - len(verb_first.group("then")), b)]
        if _PLAN.match(part) or _OTHERWISE.match(part) or _ANNOUNCE.search(part) or _WHETHER.match(part):
            return []
        if _DEFERRED.search(sentence) or _LOOKING_UP.search(sentence) or _LATER.search(sentence):
            return []  # "Rente kan erbij komen, maar dat is voor later", "even kijken hoe dat ook alweer zat"
        if _ANNOUNCE.search(sentence) and (_TOPIC_FIRST.match(part) or _RESUMED.search(sentence[b:])):
            return []  # "Over de OZB kom ik zo terug", "Hulp bij het invullen, daar kom ik straks op": announced
        wonder = _WONDER.search(part)
        if wonder:
            b = a + wonder.start()
            part = sentence[
                a:b
            ]  # a plan ("ik zoek even het nummer op") or what happens otherwise ("anders moet u betalen")
        for regex in (_CONDITIONAL, _EMBEDDED_IF):
            m = regex.search(part)
            if not m:
                continue
            # a condition at the start ends where the main clause begins: a verb then a subject ("als u bezwaar
            # maakt moet u betalen"); elsewhere it runs to the end of the clause
            rest = part[m.end() :]
            lead = _LEAD_FILLERS.sub("", part[: m.start()]).strip()
            head = [(a, a + m.start())] if lead else []
            if lead:
                return head
            then = re.search(r"\sdan\s", rest)
            if then:
                return [(a + m.end() + then.start(), b)]
            # after a fronted condition the main clause starts with its verb, then the subject: "als u bezwaar
            # maakt | moet u betalen", "als u terugboekt | loopt de incasso door"
            for inv in _INVERSION.finditer(rest, 1):
                if inv.group(1) not in _NOT_A_VERB and len(rest[: inv.start()].split()) >= 2:
                    return [(a + m.end() + inv.start(), b)]
            return []
        return [(a, b)]

    def _negated(self, clause: str, m: re.Match[str], own: set[str], yesno: bool, affirmed: bool = False) -> bool:
        """Whether a negation turns this match round. A yes/no statement is negated by a negation anywhere in
        its clause ("schort de betaling niet op", "ozb hoeft u niet te betalen"); a choice by one close before it,
        inside it or right after it ("het gaat niet om wat uw huis nu waard is", "de gemeente beslist niet")."""
        cleaned = _NOT_DENIAL.sub(lambda x: " " * len(x.group()), clause)
        if yesno:
            cleaned = _ALSO_NOT.sub(lambda x: x.group(1) + " " * (len(x.group()) - len(x.group(1))), cleaned)
            words = [w for w in _NEGATOR.findall(cleaned) if w not in own]
            words += ["pas"] * len(_PAS.findall(cleaned))
            return len(words) % 2 == 1
        # "voor het afval en het riool hoeft u niks te betalen": not having to pay for an option affirms it, for a
        # claim about what is remitted (affirmed_by_not_paying)
        if affirmed:
            cleaned = _PAYS_NOTHING.sub(lambda x: " " * len(x.group()), cleaned)
        before = cleaned[: m.start()].split()[-6:]
        cut = max((i for i, w in enumerate(before) if w.strip(",.;:!?") in _BOUNDARY_WORDS), default=-1)
        before = before[cut + 1 :]  # "niet betaald dan direct beslag": the negation is before 'dan'

        if any(w.strip(",.;:!?") in _EXCEPT for w in before):
            return True  # "behalve de hondenbelasting"
        # "Naar de rechter kan daarna niet": a fronted option is negated by the negation after its verb
        if _THIS_CASE.search(cleaned):
            return False  # "dus voor u komt er geen dwangbevel": about this caller's case, no denial of the rule
        lead = re.split(r"[.:;!?]\s", cleaned[: m.start()])[-1]  # "Samen 258.000. De koopprijs telt niet mee"
        fronted = len(_LEAD_FILLERS.sub("", lead).split()) <= 2 and not _SUBORDINATE.match(lead)
        # a subject clause ("wat het nu waard is of waarvoor u het verkocht hebt, telt niet mee") is longer
        after = cleaned[m.end() :].split()[: 12 if _HEADLESS.match(lead) else 8] if fronted else []
        inside = [w for w in _NEGATOR.findall(m.group()) if w not in own]
        if any(w.strip(",.;:!?") in {"buiten", "erbuiten", "daarbuiten", "uitgezonderd", "uitgesloten"} for w in after):
            return True  # "de hondenbelasting valt er helaas buiten"
        return bool(inside) or any(
            _NEGATOR.fullmatch(w.strip(",.;:!?")) and w.strip(",.;:!?") not in own for w in before + after
        )

    @staticmethod
    def reports(sentence: str) -> bool:
        """Whether a sentence gives back what the other person said or wants ("U zei net dat ...", "..., zegt u")."""
        folded = fold(sentence)
        return bool(_REPORTED.search(folded) or _REPORTED_AFTER.search(folded))

    def rules_out(self, claim: str, clause: str) -> bool:
        """Whether a clause's words rule a claim out (its ``unless_clause``): a scenario's wrong phrase for the claim is
        not read there either. Not the turn-wide ``unless``: a scenario about the report names its words anyway."""
        comp = next((c for c in self._compiled if c.claim.id == claim), None)
        return comp is not None and comp.unless_clause is not None and bool(comp.unless_clause.search(fold(clause)))

    def names_subject(self, claim: str, text: str) -> bool | None:
        """Whether a text names what a claim is about in its own words (its ``about`` words), or None when the claim
        has none. The feedback asks it of the sentence it would quote: a value read on a subject named only in
        another sentence or by the caller ("Wel kan een betalingsregeling, in maximaal zes maanden" after a
        sentence about kwijtschelding) is no wrong statement the quote can show."""
        about = self._about.get(claim)
        return None if about is None else bool(about.search(fold(text)))

    def _subject(
        self, comp: _Compiled, sentence: str, before: str, previous: str, expected: set[str], *, options: bool = False
    ) -> int | None:
        """How the claim's subject is known: 3 in the sentence, 2 elsewhere in the turn, 1 the caller's turn,
        0 the scenario (or a claim that needs no subject); None when it is not. Options ('gratis', 'vanzelf')
        are too common to be read on the scenario alone: they need the subject in words, unless the claim says
        it needs none."""
        if comp.about is not None:
            if comp.about.search(sentence):
                return 3
            if before and comp.about.search(before):
                return 2
            if previous and comp.about.search(previous):
                return 1
        if not comp.claim.needs_about or (comp.claim.id in expected and (not options or comp.claim.scenario_is_enough)):
            return 0
        return None

    def _options(
        self, comp: _Compiled, clause: str, *, first: bool = False
    ) -> list[tuple[str, re.Match[str], set[str]]]:
        """The options said in a clause; of a yes/no claim the longest match (in a question: the first, which is
        what a Dutch yes/no question asks: 'Kost het iets om dat rapport te bekijken?')."""
        found: list[tuple[str, re.Match[str], set[str]]] = []
        for option, regexes in comp.options:
            best: tuple[re.Match[str], set[str]] | None = None
            for regex, own in regexes:
                m = regex.search(clause)
                if m and (best is None or len(m.group()) > len(best[0].group())):
                    best = (m, own)
            if best:
                found.append((option, best[0], best[1]))
        if len(found) > 1:
            if comp.claim.kind == ClaimKind.yesno:
                # a pattern with a wide gap ("huur ...8 woz") says less than a close one ("los van de woz"); else
                # the longer match says more ("alleen inzien op afspraak" over "inzien")
                close = [f for f in found if _WIDE not in f[2]]
                if first:
                    found = [min(found, key=lambda f: f[1].start())]
                elif close and len(close) < len(found):
                    found = close
                else:
                    found = [max(found, key=lambda f: len(f[1].group()))]
            else:  # an option inside a longer one's words is part of it ("beroep" in "beroep bij de rechter")
                found = [
                    f
                    for f in found
                    if not any(g is not f and g[1].start() <= f[1].start() and f[1].end() <= g[1].end() for g in found)
                ]
        return found

    def _values(
        self,
        text: str,
        ruled_out: set[str],
        clause: str,
        start: int,
        s_start: int,
        s_end: int,
        sentence: str,
        before: str,
        previous: str,
        expected: set[str],
        order: dict[str, int],
        blocked: set[str],
    ) -> list[Reading]:
        """Each number in the clause is given to one claim of its kind: the one whose subject is nearest (a
        scenario's claim before another; ``before`` is the turn so far), or the scenario's own when the words name
        none and the scenario has only one claim of that kind. ``ruled_out``: the claims the turn's words rule out."""
        readers: dict[str, list[Value]] = {
            "duration": durations(clause),
            "date": dates(clause),
            "amount": amounts(clause),
        }
        for comp in self._compiled:
            if comp.claim.kind == ClaimKind.count and comp.unit is not None:
                readers[f"count:{comp.claim.id}"] = counts(clause, comp.unit)
        out: list[Reading] = []
        offset = start - s_start
        for kind_key, values in readers.items():
            for value in values:
                best: tuple[tuple[int, int, int], _Compiled] | None = None
                guesses = 0
                for comp in self._compiled:
                    claim = comp.claim
                    key = f"count:{claim.id}" if claim.kind == ClaimKind.count else claim.kind
                    if key != kind_key or claim.id in blocked:
                        continue
                    if comp.near is not None and not comp.near.search(clause):
                        continue
                    level = self._subject(comp, sentence, before, previous, expected)
                    if level is None:
                        continue
                    guesses += level == 0
                    if level < 3 and claim.id in ruled_out:
                        continue
                    distance = order.get(claim.id, 99)
                    if level == 3 and comp.about is not None:
                        distance = min(abs(m.start() - (offset + value.start)) for m in comp.about.finditer(sentence))
                    rank = (claim.id not in expected, -level, distance)
                    if best is None or rank < best[0]:
                        best = (rank, comp)
                if best is None or (best[0][1] == 0 and guesses > 1):
                    continue  # no words name the subject and the scenario has two claims it could be
                if best[1].claim.kind == ClaimKind.duration and (
                    _AGE.search(clause[: value.start]) or _NO_DEADLINE.search(clause)
                ):
                    continue  # "uw auto is jonger dan 9 jaar", "de grens is 9 jaar": an age or a limit, no deadline
                if best[1].claim.kind == ClaimKind.duration and not self._a_term(
                    best[1], clause, value, sentence[start - s_start + value.end :], sentence
                ):
                    continue
                claim = best[1].claim
                window = clause[: value.start].split()[-3:]
                negated = any(_NEGATOR.fullmatch(w.strip(",.;:!?")) for w in window) and not _NOT_DENIAL.search(
                    clause[max(0, value.start - 25) : value.end]
                )
                out.append(
                    Reading(
                        claim.id,
                        claim.kind,
                        value.amount,
                        negated,
                        start + value.start,
                        start + value.end,
                        text[start + value.start : start + value.end],
                        text[s_start:s_end],
                    )
                )
        return out

    @staticmethod
    def _a_term(comp: _Compiled, clause: str, value: Value, after: str, sentence: str) -> bool:
        """Whether a duration can be the claim's term: not the time until someone calls or writes back or until a
        day ('dat is over drie weken'), unless the clause names the term's subject; not the distance between two
        events ('een dag na uw betaling', ``after``: the sentence after the value) and not a stretch of the past
        ('dertig jaar altijd op tijd betaald')."""
        # "de taxateur belt u binnen 2 weken en het beroep kan tot 22 juni": a clause joined on after the value names
        # its own subject, not this term's (evidence round 8)
        own = clause[: value.end] + _JOINED_CLAUSE.split(clause[value.end :], maxsplit=1)[0]
        named = comp.about is not None and comp.about.search(own)
        if not named and (_SERVICE.search(clause) or _SPREAD.search(sentence) or _UNTIL.search(clause[: value.start])):
            return False
        if not named and _SPAN_AFTER.match(after):
            return False
        lead = [w for w in clause[: value.start].split() if w.strip(",.;:!?") not in _OFFSET_LEAD]
        return bool(lead) or not _OFFSET_AFTER.match(after)

    @staticmethod
    def _finalise(readings: list[Reading], folded: str) -> list[Reading]:
        """The trainee's own correction counts: after "nee sorry", "ik bedoel", "wacht" a later statement of the
        same claim with another value replaces the earlier one ("drie maanden, nee sorry, zes weken")."""
        readings.sort(key=lambda r: r.start)
        retractions = [m.end() for m in _RETRACT.finditer(folded)]
        last_start = max((r.start for r in readings), default=-1)
        of_claim: dict[str, list[int]] = {}  # per claim, its readings in order: a correction is looked for among them
        for i, r in enumerate(readings):
            of_claim.setdefault(r.claim, []).append(i)
        rank = {i: k for same in of_claim.values() for k, i in enumerate(same)}
        out = []
        for i, r in enumerate(readings):
            k = rank[i]
            replaced = any(
                not x.negated and not _same(x, r) and _CORRECTION.search(folded, r.end, x.start)
                for x in (readings[j] for j in of_claim[r.claim][k + 1 : k + 1 + LATER_READINGS])
            )
            # "dat kost een paar tientjes.. nee sorry, ik haal iets door elkaar, het verslag is gratis"
            first = bisect.bisect_left(retractions, r.end)
            taken_back = first < len(retractions) and retractions[first] <= last_start
            out.append(r.with_final(not (replaced or taken_back)))
        return out

    # --- checking -------------------------------------------------------------------------------------------

    def check(self, reading: Reading, context: Context) -> Verdict:
        claim = self.claims[reading.claim]
        truth = context.truths.get(claim.id)
        if truth is None and (not claim.varies or claim.id in context.expected):
            truth = claim.truth
        if truth is None:
            return Verdict(reading, claim, None, None)
        if claim.kind in VALUE_KINDS:
            true_value: Value | None = parse(claim.kind, truth)
            same = true_value is not None and same_value(claim.kind, true_value.amount, reading.value)
        else:
            same = reading.value == truth
        correct = (not same) if reading.negated else same
        return Verdict(reading, claim, correct, truth)


def _same(a: Reading, b: Reading) -> bool:
    if a.kind in VALUE_KINDS:
        return same_value(a.kind, a.value, b.value)
    return a.value == b.value and a.negated == b.negated
