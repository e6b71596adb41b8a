"""The caller's brain's word lists (lexicon ``caller_brain``) compiled into the regular expressions it reads turns and
its own story with: once per analyzer (so per lexicon), never per turn. The lists are data; the shapes around them
(which pronoun, where a word boundary or a gap of a few words goes) stay here."""

from __future__ import annotations

import re

from coach.analyzer import Analysis, Analyzer
from coach.formats.lexicon import CallerBrainWords, Lexicon
from coach.patterns import fold, pattern_regex, word_alternatives

_B = r"(?<![^\W_])"
_E = r"(?![^\W_])"


def _plain(words: list[str], space: str = " ") -> str:
    """The alternatives of a word list, folded like the text they are searched in."""
    return word_alternatives([fold(w) for w in words], space)


def _alt(words: list[str], space: str = " ", *, folded: bool = True) -> str:
    """One group of alternatives for a word list (unless ``folded`` is off: for text read as typed)."""
    return "(?:" + (_plain(words, space) if folded else word_alternatives(list(words), space)) + ")"


def _words(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _patterns(patterns: list[str]) -> re.Pattern[str] | None:
    """One regex for a list of lexicon patterns (searched in folded text), or None for an empty list."""
    return re.compile("|".join(f"(?:{pattern_regex(p)})" for p in patterns)) if patterns else None


class BrainWords:
    """The compiled lists; every regex is searched in folded text unless its field says 'as typed'."""

    def __init__(self, lx: CallerBrainWords) -> None:
        lead = r"\W*(?:" + _alt(lx.agreement_lead) + r"\W+)*(?:u|je|jij)\s+"
        happens = _alt(lx.happens) + r"\b"
        self.caller_acts = re.compile(lead + r"(?!\w+\s+(?:ik|we)\b)(?!" + happens + ")")
        """An agreement the caller carries out: "U stuurt de rekening op", "Dan belt u morgen even"."""
        self.happens_to_me = _words(lx.happens_to_me)
        self.not_steps = _words(lx.not_steps)
        self.modals = _words(lx.modals)
        self.pick_verbs = _words(lx.pick_verbs)
        self.step_times = _words(lx.step_times)
        self.step_fronted = _words(lx.step_fronted)
        self.months = _words(lx.months)
        self.whether_verbs = _words(lx.whether_verbs)
        self.prefers = _words(lx.prefers)
        self.which = _words(lx.which)
        self.value_words = _words(lx.value_words)
        self.asks_amount = _words(lx.asks_amount)
        self.quiz_steps = _patterns(lx.quiz_steps)
        self.which_things = _words(lx.which_things)
        self.retell = _patterns(lx.retell)
        self.verdict_words = _words(lx.verdict_words)
        self.tell_verbs = _words(lx.tell_verbs)
        self.reads_file = re.compile(_B + _alt(lx.reads_file) + _E)
        self.cut_off = re.compile(_B + _alt(lx.cut_off) + _E)
        """A caller's line that says it was cut off ("ik was nog niet uitgepraat")."""
        self.cut_off_bare = _words(lx.cut_off_bare)
        self.both = re.compile(r",?\s*\bof\s+" + _alt(lx.both) + r"\W*$")
        """The tail of a choice that offers both options ("..., of allebei"), searched in folded text."""
        self.attributed = _patterns(lx.attributed)
        self.how_are_you = _patterns(lx.how_are_you)
        self.feels_asked = _patterns(lx.feels_asked)
        self.withdraws = _patterns(lx.withdraws)
        self.our_fault = _patterns(lx.our_fault)
        self.laughter = _words(lx.laughter)
        self.digression = _patterns(lx.digression)
        self.pick_asked = _patterns(lx.pick_asked)
        self.not_yet_asked = _patterns(lx.not_yet_asked)
        self.check_tag = _patterns(lx.check_tag)
        self.probes = _patterns(lx.probes)
        self.bad_news = _patterns(lx.bad_news)
        self.check_words = _words(lx.check_words)
        self.own_life = _patterns(lx.own_life)
        self.hedges = _words(lx.hedges)
        self.lead_in = re.compile(r"^(?:" + _alt(lx.lead_in, folded=False) + r"\s*[,.]?\s+)+(?=\w)", re.I)
        self.why = re.compile(_B + _alt(lx.why) + _E)
        self.has_or_can = re.compile(r"^\W*(?:en\W+)?" + _alt(lx.has_or_can) + r"\s+(?:u|je|jij)\b")
        self.callers_wish = re.compile(_B + _alt(lx.callers_wish) + _E)
        self.common = _words(lx.common)
        self.infinitives = _words(lx.infinitives)
        self.option_prepositions = _words(lx.option_prepositions)
        self.option_stop = _words(lx.option_stop)
        self.pick_openers = _words(lx.pick_openers)
        self.pick_adverbs = _words(lx.pick_adverbs)
        self.letters = _words(lx.letters)
        self.contact_words = _words(lx.contact_words)
        self.contact_talk = _words(lx.contact_talk)
        self.send_verbs = _words(lx.send_verbs)
        # the clause up to its end or the next clause it is joined to ("voor als u nog eens belt en ik bel u morgen
        # terug": the offer after 'en' stays)
        self.in_case = (
            re.compile(_B + _alt(lx.in_case) + r"\b(?:(?!\b(?:en|dan|maar|want)\b)[^.?!,;])*") if lx.in_case else None
        )
        """A clause of what may be needed ("voor als ik moet terugbellen"): it offers nothing."""
        # "geen DigiD", "niet zo handig met de computer" and "met de computer ben ik niet zo handig" (review of round
        # 30): the word it lacks is the match's last group
        lacked = "(" + _plain(lx.lacks) + r")\b"
        self.lacks = re.compile(
            _B
            + r"(?:(?:geen\s+|niet\s+(?:zo\s+|erg\s+|echt\s+)?(?:handig|goed)\s+met\s+(?:de\s+|het\s+|die\s+)?)"
            + lacked
            + r"|"
            + lacked
            + r"(?=\s+(?:ben|is)\s+(?:ik|hij|ze|zij)\s+niet\s+(?:zo\s+|erg\s+|echt\s+)?(?:handig|goed)\b))"
        )
        """What the caller lacks (``lacked(m)``: the word, whichever way round it was said)."""
        self.lack_names = {fold(k): v for k, v in lx.lack_names.items()}
        self.rules_out = {fold(k): tuple(fold(w) for w in v) for k, v in lx.rules_out.items()}
        has_itself = _plain(lx.has_itself)
        self.has_itself = re.compile(_B + r"(?:ik\s+)?(?:heb|heeft)\s+(?:zelf\s+)?wel\s+(" + has_itself + r")\b")
        self.someone_elses = re.compile(_B + _alt(lx.relatives) + _E + r"[^.]{0,130}$")
        self.money = re.compile(_B + _alt(lx.money) + _E + r"|\d+\s*euro")
        self.can = re.compile(_B + _alt(lx.can) + _E)
        self.means_topics = frozenset(lx.means_topics)
        others = rf"(?:{_plain(lx.others)}|uw\s+\w+|de\s+\w+|die\s+\w+)"
        self.someone_else = re.compile(
            rf"{_B}(?:{_alt(lx.others_can)}\s+|{_alt(lx.others_expected)}\s+u\s+dat\s+){others}{_E}"
        )
        talk = "|".join(
            _alt(p.verbs, r"\s+") + (r"\s+" + _alt(p.next) + r"\b" if p.next else "") for p in lx.about_the_talk
        )
        self.about_the_talk = re.compile(r"\W*(?:" + _alt(lx.talk_lead) + r"\W+)*(?:ik|we)\s+(?:" + talk + ")")
        self.asks_own_step = re.compile(
            rf"{_B}wat (?:(?:u|je)\s+(?:\w+\s+){{0,4}}?{_alt(lx.own_step_does)}|{_alt(lx.own_step_verbs)} (?:u|je)\s+"
            rf"(?:\w+\s+){{0,3}}?{_alt(lx.own_step_infinitives)})\b|{_B}(?:uw|je) {_alt(lx.own_step_named)}"
        )
        """A trainee asks what the caller itself will do ("Kunt u zeggen wat u nu gaat doen?")."""
        self.own_step = re.compile(
            rf"{_B}(?:ik|we)\s+(?:\w+\s+){{0,3}}?{_alt(lx.steps)}\b|"
            rf"{_B}{_alt(lx.step_times)}\s+{_alt(lx.steps_fronted)}\s+ik\b"
        )
        """A sentence in which the caller says it will do something ("Dan maak ik het vandaag over")."""
        self.refuses = re.compile(r"\W*" + _alt(lx.refuses, folded=False) + r"\b", re.I)
        self.condolence = re.compile(_B + _alt(lx.condolence) + _E)
        self.worry = re.compile(_B + _alt(lx.worry) + _E)
        self.tight = re.compile(_plain(lx.tight))
        counted = rf"{_B}(?:\d+|{_plain(lx.spread_counts)})\s+{_alt(lx.spread_units)}"
        self.spread = re.compile(rf"{counted}|{_plain(lx.spread)}")
        self.at_once = re.compile(_plain(lx.at_once))
        self.asks_when = _words(lx.asks_when)
        self.echo_pronouns = _words(lx.echo_pronouns)
        self.pick_words = _words(lx.pick_words)
        self.repeat = re.compile(rf"{_B}(?:u|je|jij){_E}.*{_B}{_alt(lx.repeat_verbs)}{_E}")
        """A request to the caller to say something again ("Kunt u die datums even herhalen?")."""
        self.repeat_values = _words(lx.repeat_values)
        self.trainee_acts = re.compile(_B + _alt(lx.trainee_acts) + _E)
        """An agreement with something the trainee (or the office) will do: the caller accepts it ("Goed,
        afgesproken")."""
        lead = r"^\W*(?:" + _alt(lx.offer_lead) + r"\W+)*"
        self.offer = re.compile(lead + r"(?:zal|zullen|mag|kan)\s+(?:ik|we|wij)\b[^?]*\?\W*$")
        """A last sentence that offers or asks leave ("Mag ik u nog iets vragen?", "Zal ik samenvatten wat we
        afspreken?"): knowing where it stands comes after the answer."""
        self.offers_something = re.compile(lead + r"(?:zal|zullen|kan)\s+(?:ik|we|wij)\b[^?]*\?\W*$")
        """An offer ("Zal ik u het nummer van het Geldloket geven?"): it asks the caller for no fact."""
        self.and_asks = re.compile(r",?\s+en\s+(?=" + _alt(lx.and_asks) + r"\b)")
        """'..., en wat is uw aanslagnummer?': a question joined to the one before."""
        self.conclusion = re.compile(r"\W*(?:" + _alt(lx.conclusion_lead) + r"\W+)*dus\b")
        """'Ah, dus daar was ik te laat voor.': what the caller concludes, no step it takes."""
        self.answer_word = re.compile(r"\W*" + _alt(lx.answer_words) + r"\b")
        """A sentence that opens with an answer to a yes/no question ("ja hoor, dat kan", "nee, helaas")."""
        self.greeting = re.compile(r"\W*" + _alt(lx.greetings) + r"\b")
        """A greeting sentence ("Goedemorgen, met C."): passed over when looking for the answer."""
        self.means = re.compile(r"\b" + _alt(lx.means) + r"\b")
        """Words that say what a term means ("niet-ontvankelijk betekent dat ...")."""
        self.if_clause = re.compile(r"\W*" + _alt(lx.if_clause) + r"\b")
        self.past = re.compile(r"\b" + _alt(lx.past_auxiliaries) + r"\b.*\bge\w+[dt]\b")
        """What happened ("Dat formulier hebben wij niet terug gekregen"): no offer."""
        self.understanding = re.compile(r"\b" + _alt(lx.understanding) + r"\b")
        self.tag = re.compile(r"\W*" + _alt(lx.tag_verbs) + r"\s+(?:dat|dit|het)\b")
        """A question about what was just said ("Zou dat voor u goed zijn?", "Klinkt dat goed?")."""
        self.yes_no_subjects = _words(lx.yes_no_subjects)
        self.talk_fillers = _words(lx.talk_fillers)
        self.inverted = re.compile(
            r"^\W*(?:"
            + _alt(lx.inverted_lead, folded=False)
            + r"\W+)*"
            + _alt(lx.inverted_fronted, folded=False)
            + r"\s+(\w+)\s+ik\b",
            re.I,
        )
        """A sentence that opens with 'dan zet ik': read as 'ik zet' for what it is about."""
        self.common_recap = _words(lx.common_recap)
        self.plain_lead = _words(lx.plain_lead)
        self.plain_subjects = _words(lx.plain_subjects)
        self.plain_linking = _words(lx.plain_linking)
        self.filler = re.compile(
            _B
            + _alt(lx.filler_sounds, folded=False)
            + _E
            + r"[,.]*\s*|,\s*"
            + _alt(lx.filler_tail, folded=False)
            + r"(?=\s*(?:[,.]|$))",
            re.IGNORECASE,
        )
        """Sounds and a closing 'hoor' left out of the trainee's words said back."""
        self.thanks = re.compile(r"\W*(?:" + word_alternatives(list(lx.thanks)) + r"|\[)", re.IGNORECASE)
        """A line that thanks already, or opens with a sigh or a tear ("[zucht]")."""


def _compile(lexicon: Lexicon) -> BrainWords:
    return BrainWords(lexicon.caller_brain)


def brain_words(analyzer: Analyzer) -> BrainWords:
    """The compiled word lists of the analyzer's lexicon (compiled on first use, then kept with the analyzer)."""
    return analyzer.compiled(_compile)


WORD = re.compile(r"[^\W\d_]+")
"""A word of letters only: the caller's brain and the feedback count and compare words with it."""


def reads_file_and_asks(analyzer: Analyzer, analysis: Analysis) -> bool:
    """Whether a turn's statements only read out the file (lexicon ``caller_brain.reads_file``: "ik zie ...") or are a
    few words ("Dank u, momentje."), and it asks the caller something: nothing solved yet, for the caller (no "Wacht
    even, ik was nog niet klaar") and the feedback (no answer before listening) alike."""
    words_of = brain_words(analyzer)
    statements = [x.text for x in analysis.sentences if not x.text.rstrip().endswith("?")]

    def reads(sentence: str) -> bool:
        words = WORD.findall(fold(sentence))
        if set(words) & words_of.verdict_words:
            return False  # "Ik zie dat de waarde gewoon klopt, dus ...": a verdict, read from the file or not
        if words_of.reads_file.search(fold(sentence)):
            return True
        # "Dank u, momentje...", "ja, Populierenhof 9.": a few words without a verb
        return len(words) <= 4 and not any(w in analyzer.verbs or analyzer._verb_form(w) for w in words)

    return (
        bool(analysis.sentences)
        and any(x.text.rstrip().endswith("?") for x in analysis.sentences)
        and bool(statements)
        and all(reads(x) for x in statements)
    )


def lacked(m: re.Match[str]) -> str:
    """The word a match of ``BrainWords.lacks`` says the caller lacks."""
    return m.group(1) or m.group(2)
