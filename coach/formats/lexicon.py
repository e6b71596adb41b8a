"""The lexicon format: the Dutch word lists and phrase rules the analyzer reads turns with, as validated data.

The built-in lexicon is ``coach/lexicon/nl.yaml``. Trainers extend it with files of the same shape (every section
optional): lists are appended, rules are added (``merge``). Extensions are checked like any other file, with
file:line errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from coach.formats.acts import RULE_ACTS
from coach.formats.advice import PLACEHOLDERS, Advice, Mood, placeholders
from coach.formats.claims import ClaimType
from coach.formats.common import Flag, Int, Issue, Loc, Model, Pattern, Text, Word, WordStem
from coach.formats.signals import SIGNALS
from coach.formats.topics import AskTopic

RuleAct = Literal[RULE_ACTS]  # type: ignore[valid-type]
"""The acts the ``acts:`` section may hold rules for (derived from the act table)."""

ClosingPart = Literal["ask", "thanks", "goodbye"]


class Rule(Model):
    id: Text
    pattern: Text | list[Text] = Field(description="Een patroon, of een lijst patronen waarvan er een moet passen.")
    at: Literal["any", "start", "end", "whole"] = Field(
        "any", description="Waar in de zin: overal, aan het begin (na 'oké,' e.d.), aan het eind, of de hele zin."
    )
    questions: Flag = Field(True, description="Ook in zinnen die met een vraagteken eindigen.")
    only_questions: Flag = Field(False, description="Alleen in zinnen die met een vraagteken eindigen.")
    needs: list[str] = Field(default_factory=list, description="Telt alleen als de beurt ook deze handeling heeft.")
    part: ClosingPart | None = Field(
        None, description="Alleen bij closing: welk deel van een goede afsluiting (ask, thanks of goodbye)."
    )

    @property
    def patterns(self) -> list[str]:
        return [self.pattern] if isinstance(self.pattern, str) else list(self.pattern)


class RuleSet(Model):
    rules: list[Rule] = Field(default_factory=list)
    blockers: list[Rule] = Field(default_factory=list, description="Een zin met een van deze telt niet mee.")
    requires_time: list[str] = Field(default_factory=list, description="Regels die alleen tellen met een tijd ($time).")


class Questions(Model):
    wh_words: list[str] = Field(default_factory=list)
    wh_prepositions: list[str] = Field(default_factory=list)
    not_after_wh: list[str] = Field(default_factory=list)
    finite_verbs: list[str] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)
    informal_subjects: list[str] = Field(default_factory=list)
    fact_slots: list[str] = Field(default_factory=list)
    fact_words: list[str] = Field(
        default_factory=list, description="Woorden waarmee een gesloten vraag om een gegeven vraagt ('welke datum')."
    )
    interjections: list[str] = Field(default_factory=list)
    imperative_markers: list[str] = Field(default_factory=list)
    imperative_anywhere: list[str] = Field(
        default_factory=list, description="Woorden die overal in de zin een beleefde gebiedende wijs maken."
    )
    tags: list[str] = Field(default_factory=list)
    subordinators: list[str] = Field(default_factory=list)
    not_questions: list[Rule] = Field(default_factory=list)
    fact_questions: list[str] = Field(
        default_factory=list,
        description="Zo begint een vraagwoordvraag die één feit vraagt (hoeveel, wanneer): een gesloten vraag.",
    )
    requests: list[str] = Field(
        default_factory=list,
        description="Zo vraagt een medewerker om een gegeven zonder vraagzin: 'als ik vragen mag', 'graag uw naam'.",
    )
    teach_back: list[str] = Field(
        default_factory=list, description="Zo vraagt een medewerker de beller te zeggen wat er nu gebeurt."
    )
    choices: list[str] = Field(default_factory=list, description="Een keuze die de beller voorgelegd krijgt (A of B).")
    builds_on: list[Word] = Field(
        default_factory=list,
        description="Een vraag met een van deze woorden kan voortbouwen op de zin ervoor: een datum, plaats of bedrag.",
    )
    goes_on: list[Word] = Field(
        default_factory=list, description="Een zin die hiermee opent, gaat verder met wat net gezegd is ('Of ...')."
    )
    second_heads: list[Word] = Field(
        default_factory=list,
        description="Na 'en' of een komma opent dit een tweede ding in één vraag: 'uw aanslagnummer en uw adres'.",
    )
    statement_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor 'ik'/'u' aan het begin van een eigen zin voor de vraag: 'Oké, ik zie uw adres, ...'.",
    )
    clause_lead: list[Word] = Field(
        default_factory=list, description="Woorden voor het vraagwoord van een bijzin-vraag: '..., en wat is ...'."
    )
    either_or: list[str] = Field(
        default_factory=list,
        description="Een vraag met twee mogelijkheden ('per mail of per post?'): een gegeven van de beller als het"
        " scenario dat heeft ('in februari of maart?'), anders een keuze.",
    )
    caller_tasks: list[str] = Field(
        default_factory=list, description="Een verzoek aan de beller om iets te doen ('kunt u haar dat vragen?')."
    )
    consent: list[str] = Field(
        default_factory=list,
        description="Een ja/nee-vraag of het goed is, of het lukt ('is dat goed?', 'wilt u dat?'): de beller zegt ja.",
    )
    news: list[str] = Field(
        default_factory=list,
        description="Een vraag of de beller iets al wist ('wist u dat?'): de beller zegt van niet.",
    )
    able: list[str] = Field(
        default_factory=list,
        description="Een ja/nee-vraag of de beller (of iemand die hij kent) iets kan, of een tijd past ('lukt dat?').",
    )
    has_papers: list[str] = Field(
        default_factory=list,
        description="Een ja/nee-vraag of de beller een papier heeft om te laten zien ('heeft u die afschriften?').",
    )
    knows_how: list[str] = Field(
        default_factory=list, description="Een vraag of de beller weet hoe of waar iets moet ('weet u hoe ...?')."
    )
    when_plan: list[str] = Field(
        default_factory=list, description="Een vraag wanneer de beller zijn deel doet ('wanneer gaat u ... ?')."
    )
    when_suits: list[str] = Field(
        default_factory=list, description="Een vraag welke dag of tijd de beller past ('welke dag wilt u ...?')."
    )
    invitations: list[str] = Field(
        default_factory=list, description="Een uitnodiging om te vertellen waar het om gaat ('wat is uw vraag?')."
    )
    likes: list[str] = Field(
        default_factory=list, description="Een vraag wat de beller van een voorstel vindt ('hoe klinkt dat?')."
    )
    opinion: list[str] = Field(
        default_factory=list,
        description="Een ja/nee-vraag wat de beller van zijn eigen zaak vindt ('vindt u die te hoog?').",
    )
    means: list[str] = Field(
        default_factory=list, description="Een vraag of de medewerker de beller goed begreep ('u bedoelt de huur?')."
    )
    offers: list[Word] = Field(
        default_factory=list,
        description="Zo begint een aanbod van de medewerker ('zal ik samenvatten ...?'): het vraagt de beller niets.",
    )
    prefers: list[Word] = Field(
        default_factory=list,
        description="Woorden van voorkeur in een vraag na twee mogelijkheden: 'Hoe gaat dat voor u het makkelijkst?' "
        "vraagt de beller te kiezen.",
    )
    asking_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden die van een zin een verzoek maken, ook zonder vraagteken ('wilt u zeggen ...').",
    )
    understanding_verbs: list[Word] = Field(
        default_factory=list,
        description="Een check of de beller het begrijpt ('snapt u ...', 'volgt u het') met 'of' erachter is een "
        "aanbod om het nog eens te zeggen, geen keuze.",
    )
    clear_words: list[Word] = Field(
        default_factory=list, description="Net zo na 'is dat (zo)' of 'is het (zo)': 'is dat duidelijk, of ...'."
    )
    yes_or_no: list[Word] = Field(
        default_factory=list, description="Zo vraagt een medewerker om ja of nee: geen keuze tussen twee dingen."
    )
    polite_instruction: list[Word] = Field(
        default_factory=list,
        description="Woorden die een zin met het werkwoord vooraan een beleefde opdracht maken ('Kijkt u even op de "
        "website'): zonder vraagteken geen vraag.",
    )
    self_checks: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden voor 'ik' waarmee de medewerker zijn eigen begrip checkt ('begrijp ik dat goed?'): "
        "de beller bevestigt, hij hoeft niets uit te leggen.",
    )


class SaidBack(Model):
    """How the caller says the trainee's agreement back in its own words ('ik stuur u' -> 'u stuurt mij')."""

    words: dict[str, str] = Field(
        default_factory=dict, description="Woorden die omdraaien: ik -> u, mij -> u, uw -> mijn."
    )
    verbs: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Werkwoorden met een onregelmatige ik- en u-vorm: ik-vorm -> u-vorm (of een lijst; de eerste "
        "wordt gebruikt).",
    )
    coordinators: list[str] = Field(default_factory=list, description="Woorden die een nieuwe hoofdzin beginnen.")
    subordinators: list[str] = Field(
        default_factory=list, description="Woorden die een bijzin beginnen: het werkwoord staat dan achteraan."
    )
    not_verbs: list[str] = Field(
        default_factory=list, description="Woorden na 'ik'/'u' die geen werkwoord zijn: 'dat zet ik erbij'."
    )
    shared_subject: list[Word] = Field(
        default_factory=list,
        description="Woorden waarna een werkwoord het onderwerp van ervoor deelt: 'u belt haar en vraagt ...'.",
    )
    own_subjects: list[Word] = Field(
        default_factory=list,
        description="Na zo'n woord en een werkwoord heeft het werkwoord hiermee een eigen onderwerp: 'of wordt het "
        "verrekend'.",
    )
    time_fronted: list[Word] = Field(
        default_factory=list,
        description="Woorden vooraan waarna werkwoord en onderwerp omdraaien: 'dan meld ik ...', 'nu stuurt u ...'.",
    )
    prepositions: list[Word] = Field(
        default_factory=list, description="Voorzetsels: 'u' erna is een voorwerp, geen onderwerp ('vandaag voor u')."
    )
    u_subject_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoordsvormen waarna 'u' het onderwerp is waar ze ook staan: 'het geld krijgt u terug'.",
    )
    front_prepositions: list[Word] = Field(
        default_factory=list,
        description="Een zinsdeel van tijd of plaats dat hiermee begint zet het werkwoord op de tweede plaats: "
        "'binnen acht weken hoort u iets'.",
    )
    determiners: list[Word] = Field(
        default_factory=list,
        description="Lidwoorden en bezittelijke woorden: een woord op -t erna is geen werkwoord ('een "
        "bezwaarschrift').",
    )
    object_after: list[Word] = Field(
        default_factory=list,
        description="Onderwerpen waarna 'u' een voorwerp is: 'dat ze u bellen' wordt 'dat ze mij bellen'.",
    )
    speech_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden van zeggen: na 'vraagt u:' staat wat de beller zelf zegt, dat draait niet om "
        "('dan vraagt u: mag ik ...' wordt 'dan vraag ik: mag ik ...').",
    )


class Grammar(Model):
    """Closed word classes for splitting turns into sentences and clauses and for reading word order."""

    abbreviations: list[str] = Field(default_factory=list, description="Afkortingen: een punt erna eindigt geen zin.")
    subject_pronouns: list[str] = Field(default_factory=list)
    clause_subjects: list[str] = Field(
        default_factory=list,
        description="Voornaamwoorden die aan het begin van een zin altijd onderwerp zijn: 'Ik stuur u de link' is "
        "dan een zin met een werkwoord, geen losse vraag ('uw e-mailadres?').",
    )
    main_subjects: list[str] = Field(default_factory=list)
    embedders: list[str] = Field(default_factory=list)
    participle_prefixes: list[str] = Field(default_factory=list)
    not_before_je: list[str] = Field(default_factory=list)
    verb_t_subjects: list[str] = Field(default_factory=list)
    verb_followers: list[str] = Field(default_factory=list)
    conditionals: list[str] = Field(default_factory=list)
    said_back: SaidBack = Field(default_factory=SaidBack)
    not_before_u: list[str] = Field(default_factory=list, description="Woorden waarna 'u' geen vraag maakt: 'Dank u'.")
    conclusive: list[str] = Field(
        default_factory=list,
        description="Woorden vooraan die een vraag of weerspiegeling niet veranderen: 'Dus wat wilt u nu?'.",
    )
    not_finite: list[str] = Field(
        default_factory=list,
        description="Woorden op -t, -de of -te die vooraan geen werkwoord zijn ('Echt u ...'): geen ja/nee-vraag.",
    )


class Reflection(Model):
    """A sentence about the other person (second person, no question word order) gives back what they said or feel."""

    second_person: list[str] = Field(default_factory=list, description="Het onderwerp: u, je, jij, jullie.")
    inner_verbs: list[str] = Field(
        default_factory=list, description="Werkwoorden van willen, vinden, voelen: een weerspiegeling ook zonder echo."
    )
    not_verbs: list[str] = Field(
        default_factory=list,
        description="Werkwoorden na 'u'/'je' die informatie of advies geven ('u kunt'): geen weerspiegeling.",
    )
    feeling_verbs: list[str] = Field(
        default_factory=list, description="Werkwoorden die een gevoel noemen: 'je voelt je', 'u schaamt zich'."
    )
    first_person: list[str] = Field(
        default_factory=list, description="Een zin die hiermee begint gaat over de spreker zelf: ik, we, mijn."
    )
    recaps: list[str] = Field(
        default_factory=list,
        description="Samenvattingsregels die ook de eigen uitleg kunnen herhalen ('dus u', 'kort gezegd'): in de "
        "feedback telt zo'n zin als samenvatting van de beller als hij minstens twee woorden van de beller teruggeeft.",
    )


class Opening(Model):
    greetings: list[str] = Field(default_factory=list)
    organisation: list[str] = Field(default_factory=list)
    self_id: list[Rule] = Field(default_factory=list)
    weak_self_id: list[Rule] = Field(default_factory=list)
    before_name: list[str] = Field(default_factory=list, description="Het woord voor een eigen naam: 'met Sanne'.")
    introductions: list[str] = Field(
        default_factory=list, description="Twee woorden voor een naam met hoofdletter of een rol: 'ik ben Ingrid'."
    )
    role_words: list[str] = Field(
        default_factory=list, description="Na 'ik ben' maken deze er een rol van: 'ik ben de wijkverpleegkundige'."
    )
    not_names: list[str] = Field(default_factory=list)


class Informal(Model):
    words: list[str] = Field(default_factory=list)
    generic: list[Rule] = Field(default_factory=list)
    polite: list[str] = Field(default_factory=list, description="De beleefde vorm: u, uw.")


class Explanation(Model):
    domain: list[str] = Field(default_factory=list)
    strong_info: list[str] = Field(
        default_factory=list, description="Woorden die naast een afwijzende zin toch informatie geven (termijnen)."
    )
    not_explanation: list[Rule] = Field(default_factory=list)
    taken_back: list[str] = Field(
        default_factory=list,
        description="Zo neemt een medewerker terug wat hij net zei ('o nee, ik zei het verkeerd', 'dat is fout').",
    )
    generic: list[Rule] = Field(
        default_factory=list,
        description="Informatie of advies over elk onderwerp: 'u kunt ...', 'dat betekent ...', een getal of datum.",
    )
    restated: list[str] = Field(
        default_factory=list,
        description="Zo zegt een medewerker het daarna in gewone woorden ('gewoon gezegd', 'dat zeg ik te moeilijk'):"
        " de vaktaal ervoor is dan uitgelegd.",
    )


class JargonTerm(Model):
    term: Text
    patterns: list[Text] = Field(min_length=1)
    plain: Text = Field(description="De gewone woorden die de feedback voorstelt.")
    explained_by: list[Text] = Field(default_factory=list)


class FormalWord(Model):
    word: Text
    plain: Text


class Style(Model):
    stopwords: list[str] = Field(default_factory=list)
    thin_words: list[str] = Field(
        default_factory=list,
        description="Woorden die te vaak voorkomen om te laten zien dat een vraag de woorden van de beller oppakt "
        "('goed', 'kort', 'alleen').",
    )
    formal_words: list[FormalWord] = Field(default_factory=list)
    negative: list[str] = Field(default_factory=list)
    positive: list[str] = Field(default_factory=list)


class Definition(Model):
    right_after: list[str] = Field(default_factory=list)
    later: list[str] = Field(default_factory=list)
    before: list[str] = Field(
        default_factory=list, description="Vlak voor de term, na de uitleg: '..., dat heet de beslagvrije voet'."
    )
    vague: list[Word] = Field(
        default_factory=list,
        description="Waar 'dat is/zijn ...' naar wijst zonder iets uit te leggen ('dat zijn de regels'): geen uitleg.",
    )
    vague_fillers: list[Word] = Field(
        default_factory=list, description="Woorden die daar tussen mogen staan: 'dat is nu eenmaal zo'."
    )


class Typos(Model):
    words: list[str] = Field(
        default_factory=list,
        description="Sleutelwoorden waarvan een tikfout (letter mis, te veel, fout of verwisseld) als het woord telt.",
    )
    not_typos: list[str] = Field(default_factory=list, description="Echte woorden die op zo'n sleutelwoord lijken.")
    chat: dict[str, str] = Field(
        default_factory=dict, description="Chatspelling en het woord dat bedoeld is ('wnnr': 'wanneer')."
    )


class CallerWords(Model):
    """Words in the caller's turns, read by the feedback."""

    feelings: list[str] = Field(
        default_factory=list,
        description="Woorden waarmee een beller een sterk gevoel laat zien (zonder emotiewaarden).",
    )
    asks: list[str] = Field(default_factory=list, description="Zo vraagt een beller om uitleg, ook zonder vraagteken.")
    accepts: list[str] = Field(
        default_factory=list,
        description="Zo begint een beller die een aanbod aanneemt ('Ja, graag', 'Doe maar'): pas dan is een aanbod "
        "van de medewerker dat op een ja wacht een afspraak.",
    )


class TalkPhrase(Model):
    """Verbs by which a trainee speaks of the talk itself ('ik vraag het nog even'), with the words that may follow."""

    verbs: list[Word] = Field(min_length=1)
    next: list[Word] = Field(
        default_factory=list, description="Een van deze woorden moet na het werkwoord komen; leeg: elk woord."
    )


class CallerBrainWords(Model):
    """Words the caller's brain (coach.caller.brain) reads the trainee's turns and its own story with."""

    agreement_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor 'u'/'je' aan het begin van een afspraak die de beller uitvoert: 'dan belt u ...'.",
    )
    happens: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden na 'u': de afspraak overkomt de beller ('u krijgt het geld terug'), hij doet niets.",
    )
    happens_to_me: list[Word] = Field(
        default_factory=list,
        description="Dezelfde werkwoorden in de ik-vorm: 'dan krijg ik een brief' is geen stap die de beller zet.",
    )
    not_steps: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden in de ik-vorm die geen stap zijn om te zetten: 'u zei' wordt 'ik zei', geen afspraak.",
    )
    pick_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden in de ik-vorm die een stap zeggen ('ik bel', 'ik stuur'): een keuze tussen twee "
        "dingen die de beller kan doen wordt alleen dan heel teruggezegd ('Ik bel mijn moeder eerst').",
    )
    modals: list[Word] = Field(
        default_factory=list,
        description="Hulpwerkwoorden in de ik-vorm ('wil', 'kan'): zonder een tweede werkwoord geen stap, ook niet als "
        "keuze ('wilt u ... of ...?').",
    )
    lead_in: list[Word] = Field(
        default_factory=list,
        description="Woorden vooraan een afspraak die de beller niet herhaalt ('Goed, dan meld ik ...'); zoals getypt, "
        "met accenten.",
    )
    why: list[Word] = Field(default_factory=list, description="Een vraag naar het waarom ('hoezo', 'reden').")
    has_or_can: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden vooraan een keuzevraag die vraagt wat de beller heeft of kan ('Heeft u foto's, of "
        "...?'): geen keuze tussen twee dingen.",
    )
    callers_wish: list[Word] = Field(
        default_factory=list,
        description="Wat de beller vroeg, teruggegeven ('dus u vraagt of ...'): geen afspraak om te herhalen.",
    )
    common: list[Word] = Field(
        default_factory=list,
        description="Lange woorden die hints en vragen in de helft van de gesprekken delen: geen teken dat de "
        "medewerker naar de hint vraagt.",
    )
    infinitives: list[Word] = Field(
        default_factory=list,
        description="Hele werkwoorden in een keuze ('per post sturen'): de handeling, niet de keuze zelf.",
    )
    option_prepositions: list[Word] = Field(
        default_factory=list,
        description="Een keuze heet naar het zinsdeel dat hiermee begint: 'met een papieren formulier'.",
    )
    option_stop: list[Word] = Field(
        default_factory=list, description="Hier houdt de naam van een keuze op: 'per post, zodat ...'."
    )
    pick_openers: list[Word] = Field(
        default_factory=list,
        description="Een keuze die hiermee begint ('wilt u ...', 'zal ik ...') noemt de beller kort: 'doet u het "
        "liever online' wordt 'Online'.",
    )
    pick_adverbs: list[Word] = Field(
        default_factory=list,
        description="Woorden die de beller meeneemt voor het hele werkwoord van zijn keuze: 'zelf invullen'.",
    )
    contact_words: list[Word] = Field(
        default_factory=list,
        description="Woorden voor de contactgegevens van de beller: 'dus het nummer dat bij ons bekend is, klopt?' "
        "vraagt om een ja, niet om een verbetering van het verhaal.",
    )
    contact_talk: list[Word] = Field(
        default_factory=list,
        description="Woorden rond een controle van contactgegevens die niets van het verhaal zeggen ('bekend', "
        "'hetzelfde', 'genoteerd').",
    )
    send_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden van opsturen: 'zal ik het naar u sturen, of naar ...?' kiest de beller met 'Naar "
        "mij'.",
    )
    in_case: list[Word] = Field(
        default_factory=list,
        description="Woorden waarmee een bijzin zegt wanneer iets misschien nodig is: 'heeft u een nummer voor als ik "
        "moet terugbellen?' biedt geen terugbelafspraak aan.",
    )
    letters: list[Word] = Field(
        default_factory=list,
        description="De brief waar het gesprek over gaat: 'Heeft u de brief bij u?' beantwoordt de beller met 'Ja, "
        "die heb ik hier'.",
    )
    lacks: list[Word] = Field(
        default_factory=list, description="Wat een beller kan missen, na 'geen' in zijn verhaal: 'geen DigiD'."
    )
    lack_names: dict[Word, Text] = Field(
        default_factory=dict, description="Hoe de beller noemt wat hij mist ('digid': 'DigiD'); anders het woord zelf."
    )
    rules_out: dict[Word, list[Word]] = Field(
        default_factory=dict,
        description="Wat een keuze of vraag met deze woorden onmogelijk maakt als hij het mist ('digid': online, "
        "internet); anders het woord zelf.",
    )
    has_itself: list[Word] = Field(
        default_factory=list,
        description="Wat de beller zelf wel heeft ('ik heb zelf wel DigiD') terwijl iemand voor wie hij belt het mist.",
    )
    relatives: list[Word] = Field(
        default_factory=list,
        description="Mensen over wie de beller vertelt: 'mijn moeder heeft geen DigiD' is haar gemis, niet het zijne.",
    )
    money: list[WordStem] = Field(
        default_factory=list, description="Een vraag over geld: een beller die krap zit zegt niet zomaar dat het lukt."
    )
    can: list[WordStem] = Field(
        default_factory=list, description="Een vraag of de beller iets kan (niet of hij het wil): 'lukt dat?'."
    )
    others_can: list[Word] = Field(
        default_factory=list,
        description="Zo vraagt een medewerker of iemand anders iets kan ('kan uw zoon ...'): de beller vraagt het.",
    )
    others_expected: list[Word] = Field(
        default_factory=list, description="Net zo met 'u dat' erna: 'denkt u dat hij ...'."
    )
    others: list[Word] = Field(
        default_factory=list, description="Die iemand anders (ook 'uw ...', 'de ...', 'die ...'): hij, zij, iemand."
    )
    talk_lead: list[Word] = Field(
        default_factory=list, description="Woorden voor 'ik'/'we' in een zin over het gesprek zelf: 'eh, ik ...'."
    )
    about_the_talk: list[TalkPhrase] = Field(
        default_factory=list,
        description="Een korte zin over het gesprek zelf ('ik vraag het nog even', 'ik leg het kort uit'): geen "
        "afspraak.",
    )
    own_step_does: list[Word] = Field(
        default_factory=list,
        description="Zo vraagt 'wat u ...' wat de beller zelf gaat doen: 'wat u nu gaat doen', 'wat u moet doen'.",
    )
    own_step_verbs: list[Word] = Field(
        default_factory=list, description="Net zo in 'wat gaat u ...', 'wat moet je ...'."
    )
    own_step_infinitives: list[Word] = Field(
        default_factory=list, description="En daarna aan het eind: 'wat gaat u morgen doen'."
    )
    own_step_named: list[Word] = Field(default_factory=list, description="Na 'uw'/'je': 'wat is uw eerste stap?'.")
    steps: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden na 'ik'/'we' waarmee de beller zegt wat hij gaat doen: 'dan maak ik het over'.",
    )
    steps_fronted: list[Word] = Field(
        default_factory=list, description="Dezelfde werkwoorden na een tijd vooraan: 'morgen bel ik'."
    )
    step_times: list[Word] = Field(default_factory=list, description="Die tijden: 'dan', 'morgen', 'straks'.")
    step_fronted: list[Word] = Field(
        default_factory=list,
        description="Woorden voor het werkwoord van een stap die de beller terugzegt: 'eerst meld ik', 'daarna stuur"
        " ik'.",
    )
    attributed: list[str] = Field(
        default_factory=list,
        description="Zo geeft een medewerker iets terug als wat de beller zei ('u zei', 'zei u'): een ander getal of"
        " een andere maand dan de beller noemde, verbetert de beller. Patronen.",
    )
    months: list[Word] = Field(default_factory=list, description="De maanden: een datum die de beller verbetert.")
    whether_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden waarna 'of' 'of het zo is' betekent ('zodat ik weet of ...'): geen keuze tussen twee.",
    )
    how_are_you: list[str] = Field(
        default_factory=list,
        description="Zo vraagt een medewerker hoe het gaat ('hoe gaat het nu met uw vrouw?'). Patronen.",
    )
    withdraws: list[str] = Field(
        default_factory=list,
        description="Zo trekt een medewerker in wat de beller net aannam ('o nee sorry, dat kan ik eigenlijk niet'): "
        "de beller reageert teleurgesteld. Patronen, gezocht aan het begin van de beurt.",
    )
    which: list[Word] = Field(
        default_factory=list,
        description="Vraagwoorden waarmee een medewerker laat kiezen ('welk tijdstip, ochtend of middag?').",
    )
    prefers: list[Word] = Field(
        default_factory=list,
        description="'Wilt u liever X?' met één mogelijkheid: ja of nee, geen keuze tussen twee.",
    )
    feels_asked: list[str] = Field(
        default_factory=list,
        description="Een vraag hoe het nieuws valt ('Voelt dat als een opluchting?'): de beller zegt hoe het nu voelt, "
        "naar zijn stemming; geen gegeven dat hij niet weet.",
    )
    hedges: list[Word] = Field(
        default_factory=list,
        description="Woorden die een voorstel voorzichtig maken ('donderdag misschien?'): de beller laat ze weg als "
        "hij de keuze in eigen woorden noemt ('Donderdag, graag.').",
    )
    digression: list[str] = Field(
        default_factory=list,
        description="Zo begint een medewerker over iets anders ('trouwens', 'even tussendoor'): een gesloten vraag "
        "daarmee over niets van het gesprek krijgt een kort 'nee' en terug naar de zaak, geen 'Dat weet ik niet'.",
    )
    not_yet_asked: list[str] = Field(
        default_factory=list,
        description="Een vraag of de beller iets al gedaan heeft ('heeft u al teruggeboekt of nog niet?'), waar het "
        "dossier niets over zegt: de beller zegt 'nee, nog niet', geen 'Dat weet ik niet zeker'.",
    )
    pick_asked: list[str] = Field(
        default_factory=list,
        description="Een vraag die de beller laat kiezen uit wat er net voor werd genoemd ('Wat past het beste bij "
        "u?', 'welke past u beter?'): na twee mogelijkheden met 'of' kiest de beller er een.",
    )
    bad_news: list[str] = Field(
        default_factory=list,
        description="Een verbetering die tegenvalt ('ik mag u die gegevens niet geven', 'u betaalt het hele jaar'): "
        "de beller bedankt niet voor het rechtzetten, maar vraagt wat het nu voor hem betekent.",
    )
    probes: list[str] = Field(
        default_factory=list,
        description="Een vraag of er iets speelt ('speelt er iets met geld?', 'is er iets met ...?'): met de woorden "
        "die de verborgen zorg naar boven halen laat de beller een hint vallen, geen 'Dat weet ik niet zeker'.",
    )
    check_tag: list[str] = Field(
        default_factory=list,
        description="Een korte vraag achter een zin die iets nagaat ('klopt dat voor u?', 'toch?'): de beller leest "
        "de zin ervoor als de vraag.",
    )
    check_words: list[Word] = Field(
        default_factory=list,
        description="Woorden waarmee een medewerker een gegeven nagaat ('klopt', 'staat', 'heet'): geen nieuws in de "
        "vraag; met een datum of naam die de beller kent is het antwoord 'ja, dat klopt'.",
    )
    own_life: list[str] = Field(
        default_factory=list,
        description="Woorden over het eigen leven van de beller ('kinderen', 'hulp', 'goed met u'): een vraag met "
        "'trouwens' en een van deze woorden is geen uitweiding.",
    )
    laughter: list[Word] = Field(
        default_factory=list,
        description="Lachen in een beurt ('haha'): een grapje of praatje krijgt een beleefd lachje terug (of, van een "
        "boze beller, dat hij het niet grappig vindt), geen 'Duidelijk.'",
    )
    our_fault: list[str] = Field(
        default_factory=list,
        description="Zo geeft een medewerker een fout van de organisatie toe ('dat is onze fout', 'dat had niet mogen "
        "gebeuren'): met een excuus erbij neemt de beller het excuus aan, geen kaal 'Oké.'",
    )
    reads_file: list[str] = Field(
        default_factory=list,
        description="Zo leest een medewerker het dossier voor ('ik zie', 'staat hier'): een beurt die alleen dat doet "
        "en de beller iets vraagt, springt nog niet naar een oplossing.",
    )
    quiz_steps: list[str] = Field(
        default_factory=list,
        description="Patronen voor wat de beller meeneemt of opstuurt ('neemt u ... mee'): 'welke papieren neemt u "
        "mee?' na een afspraak overhoort wat er is afgesproken, zoals een terugvraag.",
    )
    which_things: list[Word] = Field(
        default_factory=list, description="Vraagwoorden naar dingen ('wat', 'welke'), niet naar wanneer of hoe."
    )
    retell: list[str] = Field(
        default_factory=list,
        description="Patronen waarmee een medewerker vraagt het nog eens te vertellen ('kunt u het nog eens "
        "vertellen?'): een wanneer-vraag erbij hoort dan bij de terugvraag.",
    )
    verdict_words: list[Word] = Field(
        default_factory=list,
        description="Woorden van een oordeel of opdracht ('moet', 'dus', 'klopt'): een zin met zo'n woord leest niet "
        "alleen het dossier voor.",
    )
    tell_verbs: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden van noemen ('voorlezen', 'opnoemen'): 'wilt u het aanslagnummer even voorlezen?' "
        "vraagt het gegeven, ook als verzoek.",
    )
    asks_amount: list[Word] = Field(
        default_factory=list,
        description="Vraagwoorden naar een getal of bedrag ('hoeveel'): het antwoord heeft een getal, geen maand.",
    )
    value_words: list[Word] = Field(
        default_factory=list,
        description="Woorden van tijd of bedrag ('geleden', 'week', 'euro'): een zin met zo'n woord kan zeggen wanneer "
        "of hoeveel, als antwoord op 'wanneer ...?' of 'hoeveel ...?'; gedeeld met de vraag zeggen ze niet "
        "waarover die gaat.",
    )
    cut_off: list[str] = Field(
        default_factory=list,
        description="Zo zegt een beller dat hij werd onderbroken ('ik was nog niet uitgepraat'): zo'n regel past niet "
        "als de beller alleen een vraag beantwoordde (naam, nummer).",
    )
    cut_off_bare: list[Word] = Field(
        default_factory=list,
        description="Tussenwerpsels van een beller die onderbreekt ('ho', 'wacht', 'even'): wat na het weglaten van "
        "'ik was nog niet uitgepraat' alleen daaruit bestaat, zegt niets meer.",
    )
    both: list[str] = Field(
        default_factory=list,
        description="Zo biedt een keuzevraag beide mogelijkheden samen aan ('uitstel of terugbellen, of allebei?'): "
        "de beller kan allebei kiezen. Woorden na het laatste 'of'.",
    )
    refuses: list[Word] = Field(
        default_factory=list,
        description="Zo begint een antwoord van de beller dat nee zegt: geen afgesproken stap. Zoals getypt.",
    )
    condolence: list[WordStem] = Field(
        default_factory=list, description="Medeleven met een verlies: de beller bedankt ervoor voor hij verder gaat."
    )
    worry: list[WordStem] = Field(
        default_factory=list,
        description="Woorden van zorg in een vraag ('bent u bang dat ...'): de beller vertelt wat hem dwarszit.",
    )
    means_topics: list[str] = Field(
        default_factory=list,
        description="Onderwerpen (topics.yaml) over het geld van de beller: 'kunt u het vandaag betalen?' vraagt "
        "ernaar, ook als de beller het al zei.",
    )
    tight: list[Word] = Field(
        default_factory=list,
        description="Tekst in het verhaal van de beller die zegt dat geld krap is (ook midden in een woord).",
    )
    spread_counts: list[Word] = Field(
        default_factory=list, description="Hoe vaak, voor 'keer' of 'termijnen' (een getal telt ook): 'tien keer'."
    )
    spread_units: list[Word] = Field(default_factory=list, description="Die woorden: keer, termijnen, maanden.")
    spread: list[Word] = Field(
        default_factory=list,
        description="Tekst in een keuze die zegt dat er in delen betaald wordt (ook midden in een woord).",
    )
    at_once: list[Word] = Field(
        default_factory=list, description="Tekst in een keuze die zegt dat alles in één keer betaald wordt."
    )
    asks_when: list[Word] = Field(
        default_factory=list,
        description="Een regel van de beller die hiermee opent ('Vandaag nog?') vraagt iets; hij herhaalt niets.",
    )
    echo_pronouns: list[Word] = Field(
        default_factory=list,
        description="Net zo met deze woorden ('Dat?'); ook een keuze met een van deze woorden is geen korte naam.",
    )
    repeat_verbs: list[Word] = Field(
        default_factory=list,
        description="Een vraag aan de beller met een van deze werkwoorden vraagt de genoemde datums of bedragen te "
        "herhalen: 'Kunt u die twee datums even herhalen?'.",
    )
    repeat_values: list[Word] = Field(
        default_factory=list,
        description="... en noemt wat: 'die twee datums', 'de bedragen' (niet 'Kunt u het herhalen?').",
    )
    pick_words: list[Word] = Field(
        default_factory=list,
        description="Een keuze tussen twee opties die elk een van deze woorden noemen is een voorkeur: "
        "'morgen ochtend of middag?', 'online of balie?'.",
    )
    trainee_acts: list[Word] = Field(
        default_factory=list,
        description="Wie de medewerker is als hij iets doet: 'ik', 'we', 'mijn collega' (geen stap van de beller).",
    )
    offer_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor een aanbod als vraag: 'oké, zal ik het opsturen?'.",
    )
    and_asks: list[Word] = Field(
        default_factory=list,
        description="Na ', en' beginnen deze woorden een tweede vraag: '..., en wat is uw aanslagnummer?'.",
    )
    conclusion_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor 'dus' in een conclusie van de beller: 'Ah, dus daar was ik te laat voor.'.",
    )
    answer_words: list[Word] = Field(
        default_factory=list,
        description="Een zin die hiermee opent, antwoordt op een ja/nee-vraag: 'ja hoor', 'nee, helaas'.",
    )
    greetings: list[Word] = Field(
        default_factory=list,
        description="Een groet waarmee een zin opent ('Goedemorgen, met ...'): het antwoord staat erna.",
    )
    means: list[Word] = Field(
        default_factory=list,
        description="Woorden die zeggen wat een term betekent: 'betekent', 'wil zeggen', 'houdt in'.",
    )
    if_clause: list[Word] = Field(
        default_factory=list,
        description="Een zin die hiermee opent is een voorwaarde: 'Als de taxateur u niet belt, ...'.",
    )
    past_auxiliaries: list[Word] = Field(
        default_factory=list,
        description="Hulpwerkwoorden van wat gebeurd is ('hebben wij niet terug gekregen'): geen aanbod.",
    )
    understanding: list[Word] = Field(
        default_factory=list,
        description="Een vraag met deze woorden controleert begrip ('Is dat duidelijk zo?') en biedt niets aan.",
    )
    tag_verbs: list[Word] = Field(
        default_factory=list,
        description="Een korte vraag over wat net gezegd is: werkwoord + 'dat' ('Klinkt dat goed?').",
    )
    yes_no_subjects: list[Word] = Field(
        default_factory=list,
        description="Over wie een ja/nee-vraag van de beller gaat, na het werkwoord ('Kan ik ...', 'Is er ...').",
    )
    talk_fillers: list[Word] = Field(
        default_factory=list,
        description="Woorden na een zin over het gesprek die niets toevoegen: '..., momentje', 'even voor u'.",
    )
    inverted_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor 'dan zet ik ...' (zoals getypt): die zin wordt gelezen als 'ik zet ...'.",
    )
    inverted_fronted: list[Word] = Field(
        default_factory=list,
        description="Het woord voor het werkwoord in die zin: 'dan', 'nu', 'even', 'eerst'.",
    )
    common_recap: list[Word] = Field(
        default_factory=list,
        description="Woorden die twee teruggezegde punten vaak delen: geen teken dat ze hetzelfde zeggen.",
    )
    plain_lead: list[Word] = Field(
        default_factory=list,
        description="Woorden voor het werkwoord van een ja/nee-vraag zonder vraagteken: 'en heeft u ...'.",
    )
    plain_subjects: list[Word] = Field(
        default_factory=list,
        description="Een onderwerp na dat werkwoord: 'is uw vrouw ook eigenaar', 'heeft er iemand ...'.",
    )
    plain_linking: list[Word] = Field(
        default_factory=list,
        description="Werkwoorden waarna 'het' het onderwerp is: 'is het zo dat ...'.",
    )
    filler_sounds: list[Word] = Field(
        default_factory=list,
        description="Klanken die de beller weglaat als hij iets teruggeeft: 'eh', 'ehm'.",
    )
    filler_tail: list[Word] = Field(
        default_factory=list,
        description="Een woord na een komma aan het eind dat hij weglaat: '..., hoor'.",
    )
    thanks: list[Word] = Field(
        default_factory=list,
        description="Een regel die hiermee opent, bedankt al.",
    )


class OffScript(Model):
    """Turns that are no part of the conversation: the caller is confused or irritated, never calmed."""

    english: list[str] = Field(default_factory=list, description="Engelse woorden: een beurt vol ervan is Engels.")
    dutch: list[str] = Field(default_factory=list, description="Gewone Nederlandse woorden (telt tegen Engels).")
    irrelevant: list[str] = Field(
        default_factory=list, description="Onderwerpen die niets met het gesprek te maken hebben (weer, voetbal)."
    )
    insults: list[str] = Field(default_factory=list, description="Scheldwoorden en beledigingen.")
    reassures: list[Word] = Field(
        default_factory=list,
        description="Een ontkend scheldwoord na een van deze werkwoorden stelt gerust: 'u bent geen domme sukkel'.",
    )
    minimal: list[str] = Field(
        default_factory=list, description="Beurten die niets zeggen als ze alleen staan: 'ok', 'hmm', 'ja ja'."
    )
    wall_chars: Int = Field(450, ge=100, description="Vanaf zoveel tekens is een beurt een lap tekst.")


class Lexicon(Model):
    version: Int = 1
    fillers: list[str] = Field(default_factory=list)
    fronted_adverbs: list[str] = Field(
        default_factory=list,
        description="Vulwoorden die vlak voor een werkwoord een mededeling beginnen ('Zo zijn de regels').",
    )
    negations: list[str] = Field(default_factory=list, description="Ontkenningen: 'niet boos', 'geen boete'.")
    typos: Typos = Field(default_factory=Typos)
    vars: dict[str, list[str]] = Field(default_factory=dict)
    grammar: Grammar = Field(default_factory=Grammar)
    questions: Questions = Field(default_factory=Questions)
    acts: dict[RuleAct, RuleSet] = Field(default_factory=dict)
    opening: Opening = Field(default_factory=Opening)
    informal: Informal = Field(default_factory=Informal)
    reflection: Reflection = Field(default_factory=Reflection)
    explanation: Explanation = Field(default_factory=Explanation)
    jargon: list[JargonTerm] = Field(default_factory=list)
    definition: Definition = Field(default_factory=Definition)
    style: Style = Field(default_factory=Style)
    caller: CallerWords = Field(default_factory=CallerWords)
    caller_brain: CallerBrainWords = Field(default_factory=CallerBrainWords)
    claims: list[ClaimType] = Field(
        default_factory=list, description="De claimcatalogus: uitspraken met een waarde en wat klopt (docs/claims.md)."
    )
    topics: list[AskTopic] = Field(
        default_factory=list, description="Vraagonderwerpen: waar een beller naar gevraagd kan worden, en hoe."
    )
    offscript: OffScript = Field(default_factory=OffScript)
    advice: list[Advice] = Field(
        default_factory=list, description="Betere zinnen voor de verbeterpunten, per signaal en stemming van de beller."
    )
    moods: dict[Mood, list[Pattern]] = Field(
        default_factory=dict, description="Zo klinkt een beller in die stemming: patronen in de woorden van de beller."
    )

    def issues(self) -> Iterator[Issue]:
        """Every pattern must compile (with the lexicon's own $lists); a closing part only on closing rules."""
        from coach.patterns import PatternError, pattern_regex

        variables: dict[str, str] = {}
        for name, items in self.vars.items():
            try:
                variables[name] = "|".join(pattern_regex(item) for item in items)
            except PatternError as exc:
                yield (("vars", name), str(exc), "")

        def check(loc: Loc, pattern: str) -> Iterator[Issue]:
            try:
                pattern_regex(pattern, variables)
            except PatternError as exc:
                yield (loc, f"ongeldig patroon '{pattern}': {exc}", "")

        def check_rule(loc: Loc, rule: Rule) -> Iterator[Issue]:
            for j, pattern in enumerate(rule.patterns):
                yield from check((*loc, "pattern") if isinstance(rule.pattern, str) else (*loc, "pattern", j), pattern)
            if rule.part is not None and loc[:3] != ("acts", "closing", "rules"):
                yield ((*loc, "part"), "'part' kan alleen bij de regels van closing", "haal 'part' weg")

        for act, ruleset in self.acts.items():
            for kind in ("rules", "blockers"):
                for i, rule in enumerate(getattr(ruleset, kind)):
                    yield from check_rule(("acts", act, kind, i), rule)
        for section, name in (
            ("questions", "not_questions"),
            ("opening", "self_id"),
            ("opening", "weak_self_id"),
            ("informal", "generic"),
            ("explanation", "not_explanation"),
            ("explanation", "generic"),
        ):
            for i, rule in enumerate(getattr(getattr(self, section), name)):
                yield from check_rule((section, name, i), rule)
        word_lists: list[tuple[Loc, list[str]]] = [
            (("explanation", "domain"), self.explanation.domain),
            (("explanation", "strong_info"), self.explanation.strong_info),
            (("questions", "fact_words"), self.questions.fact_words),
            (("negations",), self.negations),
            (("caller", "feelings"), self.caller.feelings),
            (("caller", "asks"), self.caller.asks),
        ]
        for loc, patterns in word_lists:
            for i, pattern in enumerate(patterns):
                yield from check((*loc, i), pattern)
        for i, term in enumerate(self.jargon):
            for j, pattern in enumerate(term.patterns):
                yield from check(("jargon", i, "patterns", j), pattern)
            for j, pattern in enumerate(term.explained_by):
                yield from check(("jargon", i, "explained_by", j), pattern)
        for name in ("right_after", "later", "before"):
            for i, pattern in enumerate(getattr(self.definition, name)):
                yield from check(("definition", name, i), pattern)
        topic_ids: set[str] = set()
        for i, topic in enumerate(self.topics):
            if topic.id in topic_ids:
                yield (
                    ("topics", i, "id"),
                    f"onderwerp '{topic.id}' komt twee keer voor",
                    "geef elk onderwerp een eigen id",
                )
            topic_ids.add(topic.id)
        for name in ("english", "irrelevant", "insults"):
            for i, pattern in enumerate(getattr(self.offscript, name)):
                yield from check(("offscript", name, i), pattern)
        for name in (
            "requests",
            "teach_back",
            "choices",
            "either_or",
            "caller_tasks",
            "consent",
            "news",
            "able",
            "has_papers",
            "knows_how",
            "when_plan",
            "when_suits",
            "means",
            "opinion",
            "likes",
            "invitations",
            "fact_questions",
        ):
            for i, pattern in enumerate(getattr(self.questions, name)):
                yield from check(("questions", name, i), pattern)
        for i, pattern in enumerate(self.explanation.taken_back):
            yield from check(("explanation", "taken_back", i), pattern)
        for i, pattern in enumerate(self.explanation.restated):
            yield from check(("explanation", "restated", i), pattern)
        for name in ("attributed", "how_are_you", "withdraws"):
            for i, pattern in enumerate(getattr(self.caller_brain, name)):
                yield from check(("caller_brain", name, i), pattern)
        for i, item in enumerate(self.advice):
            if item.signal not in SIGNALS:
                yield (("advice", i, "signal"), f"onbekend signaal '{item.signal}'", "zie docs/rubric-format.md")
            unknown = placeholders(item.text) - PLACEHOLDERS
            if unknown:
                names = ", ".join("{" + n + "}" for n in sorted(PLACEHOLDERS))
                yield (("advice", i, "text"), f"onbekende invulplek {{{sorted(unknown)[0]}}}", f"gebruik {names}")
        for mood, patterns in self.moods.items():
            for i, pattern in enumerate(patterns):
                yield from check(("moods", mood, i), pattern)
        seen: set[str] = set()
        for i, claim in enumerate(self.claims):
            if claim.id in seen:
                yield (("claims", i, "id"), f"claim '{claim.id}' komt twee keer voor", "geef elke claim een eigen id")
            seen.add(claim.id)
            yield from claim.issues(("claims", i))


def merge(base: Lexicon, extra: Lexicon) -> Lexicon:
    """Add an extension to a lexicon: lists are appended (without duplicates), rules added, claims and topics
    replaced by id."""

    def combine(a: object, b: object) -> object:
        if isinstance(a, list) and isinstance(b, list):
            return a + [x for x in b if x not in a]
        if isinstance(a, dict) and isinstance(b, dict):
            out = dict(a)
            for key, value in b.items():
                out[key] = combine(a[key], value) if key in a else value
            return out
        return b

    added = extra.model_dump(exclude_defaults=True)
    claims = {c["id"]: c for c in added.pop("claims", [])}  # a claim type with a known id replaces it
    topics = {t["id"]: t for t in added.pop("topics", [])}
    data = combine(base.model_dump(), added)
    data["claims"] = [claims.pop(c["id"], c) for c in data["claims"]] + list(claims.values())
    data["topics"] = [topics.pop(t["id"], t) for t in data["topics"]] + list(topics.values())
    return Lexicon.model_validate(data)
