"""The signals of the catalogue (coach.formats.signals), computed from a call: one function per name.

Each reads the call through ``Call`` (transcript + the analyzer's reading of every trainee turn + the scenario when
known) and returns a raw value with the evidence behind it, and the trainee's own moment for the tip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coach.analyzer import Analysis
from coach.analyzer.callerlines import questions_to_answer
from coach.caller.words import WORD, reads_file_and_asks
from coach.feedback.call import Call, Result, ev, skipped
from coach.feedback.model import Evidence
from coach.formats import Turn
from coach.formats.acts import ANSWERING_ACTS, PHASES
from coach.formats.signals import SIGNALS
from coach.nl import count, of_total, verb
from coach.patterns import first_match, fold

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

SignalFn = Callable[[Call, Any], Result]
IMPLEMENTATIONS: dict[str, SignalFn] = {}


def signal(name: str) -> Callable[[SignalFn], SignalFn]:
    def register(fn: SignalFn) -> SignalFn:
        IMPLEMENTATIONS[name] = fn
        return fn

    return register


# --- luisteren -----------------------------------------------------------------------------------------------------


_OFFER = re.compile(
    r"\W*(?:(?:en|dan|oké|oke|goed)\W+)*(?:zal ik|zullen we|wilt u dat ik|mag ik|kan ik|zou ik)\b", re.I
)
"""An offer or a request for permission ('Zal ik dat voor u aanvragen?') is closed by nature: no question to open."""


_OPTIONS = re.compile(
    r",[^,?]*(?<![^\W_])of(?![^\W_])(?!\s+(?:u|je|jij|ik|het|er|ze|zij|hij|we|wij|dat|die)(?![^\W_]))[^,?]*\??\s*$"
)
"""'..., de aanslag of ook de WOZ-waarde?', '..., online of per post?': a question word, then the options to pick
from: a closed question (evidence round 6)."""


_PICK = re.compile(
    r"(?i)\W*(?:(?:en|eh|dus|dan|ok|oké|oke)\W+)*(?:welke?\W*\?|(?:wat|welke?)\b[^?]{0,20}"
    r"(?<![^\W_])(?:wilt|wil|kiest|past|liever|voorkeur|prettig\w*|makkelijk\w*|handig\w*|beste?)\b[^?]{0,12}\?)\W*$"
)
"""'wat wilt u?', 'welke?', 'wat past beter?': a short question after the options are given ("..., of ik stuur het per
brief. wat wilt u?"): a pick, closed (evidence round 13)."""
_OPTION_OF = re.compile(r"(?i)(?<![^\W_])of\s+(?:ik|we|wij|per|via|met|op|liever|u|de|het|een)(?![^\W_])")
"""An 'of' that offers another option ("..., of ik stuur het per brief.")."""
_WHETHER_OF = re.compile(
    r"(?i)(?<![^\W_])(?:kijk|kijken|weet|weten|vraag|vragen|zie|zien|check|benieuwd|nagaan|controleer)\s+(?:\w+\s+){0,3}of\b"
)
"""An 'of' that means whether ("ik kijk even of ...", "ik weet niet of ...")."""
_GUESSED = re.compile(
    r"(?i)\W*(?:(?:en|eh|dus|dan)\W+)*(?:hoe|wat|waar|wanneer|welke?)\W*,\s*"
    r"(?:via|per|met|op|in|bij|naar|door|de|het|een)\s[^?,]{1,30}\?\W*$"
)
"""'En eh, hoe, via de bank?': a question word with the answer guessed after it: yes or no (evidence round 13)."""
_CLOSED_IN_FORM = frozenset({"was-er-iets"})
"""Open-question rules that read a yes/no question inviting a story ("Is er iets gebeurd?"): the caller tells, but
the report does not call it an open question (evidence rounds 12-13: labelled closed each time)."""


def _offers_choice(call: Call, i: int, h: Any) -> bool:
    """Whether an open-question hit is a pick between options or a guessed answer, not an open question."""
    sentence = call.sentence(i, h)
    if _OPTIONS.search(sentence) or _GUESSED.match(sentence) or h.rule in _CLOSED_IN_FORM:
        return True
    before = call.sentence_before(i, h)
    return bool(_PICK.match(sentence)) and bool(_OPTION_OF.search(before)) and not _WHETHER_OF.search(before)


@signal("open_questions")
def open_questions(call: Call, criterion: Any) -> Result:
    all_open = call.hits("open_question")
    offers = [(i, t, h) for i, t, h in all_open if _offers_choice(call, i, h)]
    opens = [x for x in all_open if x not in offers]
    # a question for one fact (aanslagnummer, 'wanneer is hij overleden') must be closed: it does not count against
    asked = call.hits("closed_question") + offers
    closed = [
        (i, t, h) for i, t, h in asked if h.rule != "fact-question" and not call.is_fact_question(call.sentence(i, h))
    ]
    total = len(opens) + len(closed)
    evidence = [call.hit_ev(i, t, h, "open vraag") for i, t, h in opens[:3]]
    # the example of a closed question to rephrase: not one that asks for an identifying fact
    # the closed question to rephrase: one asked to hear the story, before any explanation; later, a closed question
    # checks a fact or leads into the next step, and an open one would not fit
    explained = next((i for i, _, a in call.learner if a.acts & {"explanation", "next_step"}), None)
    poor = [
        (i, t, h)
        for i, t, h in closed
        if (explained is None or i <= explained) and not _OFFER.match(call.sentence(i, h))
    ]
    moment = call.hit_ev(*poor[0], "gesloten vraag") if poor else None
    if total == 1:
        detail = f"U stelde één vraag, en die was {'open' if opens else 'gesloten'}."
    elif total:
        detail = f"{len(opens)} van de {total} vragen {verb(len(opens), 'was', 'waren')} open."
    else:
        detail = "U stelde geen vragen."
    wanted = 1 if call.practical else criterion.param("min_questions")
    # too few questions to hear the story (or none at all): some credit for the open ones, below a full share
    if total < wanted or not total:
        value = 0.8 * len(opens) / max(wanted, 1)
        return Result(value, evidence, detail + " Dat zijn te weinig vragen om het verhaal te horen.", moment)
    return Result(len(opens) / total, evidence, detail, moment)


_BARE_CHECK = re.compile(
    r"(?i)\W*(?:(?:en|eh|oké|oke|ja)\W+)*(?:klopt (?:dat|het)|klopt|toch|is dat (?:zo|juist|goed)|heb ik dat goed)"
    r"(?:\s+(?:zo|ook|wel|nog|eigenlijk))?(?:\s+met\s+[^?]{0,40})?\W*\?\W*$"
)
"""A check that asks only whether what came before is right ("Klopt dat?", "Klopt dat met wat u ziet?")."""
_ECHO_WORDS = 8
"""A sentence before a question gives the caller's words back by echoing them only when it is this short; a longer one
that uses them explains or answers (evidence round 13). A longer echo without a marker ("Uw vrouw is in februari
vertrokken en zij deed de post.") is missed: letting in the ones mostly in the caller's words showed more wrong
follow-ups than right ones on the labelled quotes (review)."""
_RULE_WORDS = re.compile(
    r"(?i)(?<![^\W_])(?:moet|moeten|hoeft|hoeven|mag|mogen|kan|kunnen|kunt|krijgt|krijgen|wordt|worden)(?![^\W_])"
)
"""A sentence that says what must, may or will happen explains, whatever words of the caller's it uses."""
_NO_FOLLOW_UP = re.compile(
    r"(?i)(?<![^\W_])(?:at|apenstaartje|punt (?:nl|com|net))(?![^\W_])|@|(?<!\d)0\d[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}|"
    r"(?<![^\W_])ik (?:stuur|zet|bel|regel|noteer|laat|maak|verbind|mail)(?![^\W_])[^?]*$"
)
"""A mail address or phone number read back, or a statement with a step of the trainee's own ("en ik stuur u het
adres"): no follow-up on what the caller said (evidence round 6). A question stays one ("Ik vraag het even: hoe krap
is het?")."""


@signal("doorvragen")
def doorvragen(call: Call, criterion: Any) -> Result:
    """A follow-up question picks up the caller's words: those of the caller's last turn in the question itself or
    in a sentence before it that echoes that turn, or words from any earlier turn in a sentence before it that gives
    the caller back ("U zei net dat het slecht uitkomt. Hoe zit dat?"). The words of the trainee's own explanation
    do not count, nor words too common to show listening. A summary of the caller counts by its own words. The quote
    runs from the sentence that gives back to the question."""
    found = []
    summarised = {(i, call.sentence(i, h)) for i, _, h in call.summaries}
    thin = set(call.analyzer.thin_words)
    if call.scenario is not None:  # the caller's name is no word of theirs to pick up ("Dank u, mevrouw Brouwer")
        thin |= call.analyzer.content_words(call.scenario.caller.name.replace("-", " "))
    words_of = call.analyzer.content_words
    heard: set[str] = set()
    caller_at = dict(call.caller)
    # of the caller's opening, the words every version of it says: the seed picks the wording, and the same trainee
    # turns must score the same under any seed
    opening = call.caller[0][0] if call.caller else None
    opening_lines = call.scenario.opening if call.scenario is not None else []
    if opening is not None and opening_lines and caller_at[opening].text in opening_lines:
        said_by_all = set.intersection(*(words_of(line) for line in opening_lines))
    else:
        said_by_all = words_of(caller_at[opening].text) if opening is not None else set()
    earlier = iter(call.caller)  # the caller's turns in order: each one is read once, as the call goes on
    waiting = next(earlier, None)
    for i, turn, analysis in call.learner:
        previous = call.previous_caller(i)
        while waiting is not None and waiting[0] < i:
            j, t = waiting
            heard |= (said_by_all if j == opening else words_of(t.text)) - thin
            waiting = next(earlier, None)
        if i == call.learner[0][0] or previous is None:
            continue
        last = words_of(previous.text) - thin
        trainee_before = [t for j, t, _ in call.learner if j < i][-1:]
        explained = words_of(trainee_before[0].text) if trainee_before else set()
        sentences = analysis.sentences
        asking = {
            sentence
            for a in ("open_question", "closed_question")
            for h in analysis.of(a)
            if h.rule != "fact-question"
            and not call.is_fact_question(sentence := call.sentence(i, h))
            and not _OFFER.match(sentence)
        }
        giving_back = {call.sentence(i, h) for a in ("summary", "emotion_reflection") for h in analysis.of(a)}
        # a recap of the trainee's own explanation gives nothing of the caller's back ("dus kort: het huis betaalt
        # elshof. ... klopt dat zo voor u?"; evidence round 9)
        giving_back -= {call.sentence(j, h) for j, _, h in call.recaps if j == i}
        giving_back |= {x.text for x in sentences if call.analyzer.claim_reader.reports(x.text)}
        giving_back -= {w for j, w in call.wrong_sentences if j == i}  # a wrong answer gives nothing back
        best: tuple[set[str], int, int] | None = None
        for k, x in enumerate(sentences):
            if (
                _NO_FOLLOW_UP.search(x.text)
                or call.analyzer.asks_back(x.text) == "teach_back"
                or (call.analyzer.asks_back(x.text) == "choice" and len(words_of(x.text) & last) < 2)
                or call.reads_back_details(i, x.text)
            ):
                # an address read back ("r punt veenstra at hotmail punt com"), a teach-back, an own step, a pick
                # between the trainee's own options ("welke wilt u, papier of digid?"; evidence round 16), not one in
                # the caller's words ("Kunt u de huur dan niet missen, of gaat het om iets anders?"; review)
                continue
            if x.text in asking:
                shared, first = words_of(x.text) & last, k
                # "..., o nee, 8 januari. Klopt dat?" checks a detail: only a sentence that gives the caller back
                # makes it a follow-up, not one that repeats its facts (evidence round 11)
                check = bool(_BARE_CHECK.match(x.text))
                for j in range(k - 1, -1, -1):
                    if call.reads_back_details(i, sentences[j].text):
                        continue  # "Dus Kerkpad 12, en u woont nu Vinkenlaan 5": details read back
                    words = words_of(sentences[j].text)
                    # an explanation that answers in the caller's words gives nothing back ("Voor de hond moet u wel
                    # betalen, die 58 euro. ... Heeft u DigiD?"), short or not; a short echo does ("Veertien jaar,
                    # mooie leeftijd.")
                    asked_too = sentences[j].text.rstrip().endswith("?")  # a question before it tells nothing
                    echo = len(WORD.findall(sentences[j].text)) <= _ECHO_WORDS and (
                        asked_too or not _RULE_WORDS.search(sentences[j].text)
                    )
                    echoed = words & last if not check and echo else set()
                    given = words & heard if sentences[j].text in giving_back else set()
                    if given or len(echoed) >= 2:
                        shared |= given | echoed
                        first = j
            elif (i, x.text) in summarised:
                # a summary counts by the caller's words it gives back, not by those the trainee explained in its
                # turn before ("Die 744 euro zit vast, ..." then "Ik vat het even samen: er zit 744 euro vast, ..."
                # sums up the explanation; evidence round 8)
                shared, first = (words_of(x.text) & heard) - explained, k
            else:
                continue
            # the most words picked up; of two alike, the longer stretch (the giving back with its question)
            span = x.end - sentences[first].start
            if len(shared) >= criterion.param("min_overlap") and (
                best is None or (len(shared), span) > (len(best[0]), best[2] - best[1])
            ):
                best = (shared, sentences[first].start, x.end)
        if best:
            shared, a, b = best
            found.append(ev(i, turn, analysis.text[a:b], note="pakt op: " + ", ".join(sorted(shared)[:3])))
    moment = None
    if not found:
        hinted = [(i, t) for i, t in call.caller if "hint" in t.meta.get("kinds", [])]
        if hinted:
            moment = ev(*hinted[0], note="hier kon u op doorvragen")
    detail = (
        f"{len(found)} keer doorgevraagd op de woorden van de beller."
        if found
        else "U vroeg niet door op de woorden van de beller."
    )
    value = float(len(found))
    if call.practical and found:
        # a practical question has no story under it: one follow-up on the caller's words is enough
        value = max(value, SIGNALS["doorvragen"].default_scale[1])
        detail += " Bij een praktische vraag is dat genoeg."
    return Result(value, found[:3], detail, moment)


@signal("summaries")
def summaries(call: Call, criterion: Any) -> Result:
    hits = call.summaries
    return Result(
        float(len(hits)),
        [call.hit_ev(i, t, h, "samenvatting") for i, t, h in hits[:3]],
        count(len(hits), "samenvatting", "samenvattingen", "Geen samenvatting") + ".",
    )


def _concern_keywords(call: Call) -> list[list[str]]:
    s = call.scenario
    if s is None:
        return []
    return [h.keywords for h in s.concerns.hidden] + [s.concerns.surface.keywords]


@signal("summary_captures_concern")
def summary_captures_concern(call: Call, criterion: Any) -> Result:
    hits = call.summaries
    if not hits and call.recaps:
        # a recap of the trainee's own explanation or of the agreements: it sums up, but gives back nothing the
        # caller said
        i, turn, hit = call.recaps[0]
        recap = call.hit_ev(i, turn, hit, "samenvatting van uw eigen uitleg of de afspraken, niet van de beller")
        return Result(0.3, [recap], "U vatte uw eigen uitleg of de afspraken samen, niet wat de beller zei.", recap)
    if not hits:
        later = call.learner[min(2, len(call.learner) - 1)] if call.learner else None
        moment = ev(later[0], later[1], note="hier had een samenvatting gepast") if later else None
        return Result(0.0, [], "U vatte niet samen wat de beller zei.", moment)
    keyword_sets = _concern_keywords(call)
    concern_at = min((i for i, _ in call.concern_turns), default=None)
    explicit = set(call.analyzer.acts["summary"].ids) if "summary" in call.analyzer.acts else set()
    best: tuple[tuple[float, bool, bool, int, int], float, Evidence] | None = None
    for i, turn, hit in hits:
        sentence = call.sentence(i, hit)
        # what the summary gives back: its own sentence, with a question right after it ("U zegt dat het krap is.
        # Wat betekent dat voor de huur?") or a named feeling right before it; not an explanation elsewhere in the turn
        said = _summary_stretch(call, i, sentence)
        quote = sentence
        if keyword_sets:
            hidden = any(first_match(k, said) for k in keyword_sets[:-1])
            if hidden and concern_at is not None and concern_at < i:
                score, note = 1.0, "samenvatting die de onderliggende zorg raakt"
                words = keyword_sets[:-1]
            elif first_match(keyword_sets[-1], said):
                score, note = 0.8, "samenvatting van de vraag van de beller"
                words = keyword_sets[-1:]
            elif hidden:  # what the caller let slip, before it told what plays: picked up, the question not yet
                score, note = 0.8, "samenvatting die oppakt wat de beller liet doorschemeren"
                words = keyword_sets[:-1]
            else:
                score, note, words = 0.3, "samenvatting die mist waar het de beller om gaat", []
            # the quote runs from the summary to the sentence that touches the concern, so it shows what the note says
            if words:
                quote = call.around(i, hit, lambda x, words=words: any(first_match(k, x) for k in words)) or sentence
        else:
            caller_words = set().union(*(call.analyzer.content_words(t.text) for j, t in call.caller if j < i))
            shared = call.analyzer.content_words(said) & caller_words
            score = 1.0 if len(shared) >= 3 else 0.7 if len(shared) >= 1 else 0.3
            note = "samenvatting in de woorden van de beller" if shared else "samenvatting die los staat van de beller"
        # the best summary: the highest score; then a statement over a question that gives back a word or two
        # ("U zegt te hoog, hoe komt u daarop?"); then one said as a summary ("Als ik u goed begrijp") over a
        # reflection; then the one that gives back most
        statement = not sentence.rstrip().endswith("?")
        rank = (score, statement, hit.rule in explicit, min(len(_WORD.findall(said)), 30), -i)
        if best is None or rank > best[0]:
            best = (rank, score, ev(i, turn, quote, note))
    assert best is not None
    _, score, best_ev = best
    moment = best_ev if score < 1 else None
    detail = "Beste samenvatting: " + best_ev.note.removeprefix("samenvatting ") + "."
    return Result(score, [best_ev], detail, moment)


_ADVICE = re.compile(r"(?i)(?<![^\W_])(?:u|je)\s+(?:kunt|kan|moet|hoeft|mag)(?![^\W_])|(?:kunt|moet|hoeft|mag)\s+u\b")
"""'U hoeft zich geen zorgen te maken', 'u kunt kwijtschelding aanvragen': the trainee's advice, no summary."""
_GOES_ON = re.compile(r"\W*(?:en\s+|maar\s+|ook\s+)?(?:u|uw|je|jij|jouw)\s", re.I)
"""A sentence that goes on giving the caller back: it opens with 'u', 'uw', 'en u'."""


def _summary_stretch(call: Call, i: int, sentence: str) -> str:
    """A summary sentence with the question right after it and a named feeling right before it, in its turn."""
    analysis = call.analysis(i)
    texts = [x.text for x in analysis.sentences]
    if sentence not in texts:
        return sentence
    k = texts.index(sentence)
    asking = {call.sentence(i, h) for a in ("open_question", "closed_question") for h in analysis.of(a)}
    feeling = {call.sentence(i, h) for h in analysis.of("emotion_reflection")}
    parts = [sentence]
    # the summary goes on in the caller's person with the caller's words ("... is uw ex vertrokken. U betaalt nu voor
    # twee personen."), not with an explanation ("U hoeft zich geen zorgen te maken, u kunt ... aanvragen")
    heard = {w for j, t in call.caller if j < i for w in call.analyzer.content_words(t.text)}
    checked = {call.sentence(i, h) for h in analysis.of("check_understanding")}

    def goes_on(n: int) -> bool:
        # in the caller's person, no advice; with the caller's words, or closed by "Klopt dat?"
        x = texts[n]
        closed = n + 1 < len(texts) and texts[n + 1] in checked
        return (
            x not in asking
            and bool(_GOES_ON.match(x))
            and not _ADVICE.search(x)
            and (bool(call.analyzer.content_words(x) & heard) or closed)
        )

    while k + 1 < len(texts) and goes_on(k + 1):
        k += 1
        parts.append(texts[k])
    if k + 1 < len(texts) and texts[k + 1] in asking:
        parts.append(texts[k + 1])
    if k > 0 and texts[k - 1] in feeling:
        parts.insert(0, texts[k - 1])
    return " ".join(parts)


@signal("hidden_concern_found")
def hidden_concern_found(call: Call, criterion: Any) -> Result:
    s = call.scenario
    if s is None or not s.concerns.hidden:
        return skipped("het scenario heeft geen onderliggende zorg" if s else "geen scenario bekend")
    revealed = call.concern_turns
    if revealed:
        i, t = revealed[0]
        before = [x for x in call.learner if x[0] < i]
        evidence = [ev(i, t, note="de beller vertelt wat er echt speelt")]
        if before:
            # the trainee's turn is quoted by what invited it (a question, a summary, a named feeling); a turn without
            # any (an explanation, a correction) is not quoted: the caller told it, the turn did not draw it out
            j, u, analysis = before[-1]
            inviting = [
                (a != "closed_question", analysis.text.find(sentence), sentence)
                for a in ("open_question", "closed_question", "summary", "emotion_reflection")
                for h in analysis.of(a)
                if not call.is_fact_question(sentence := call.sentence(j, h)) and not _OFFER.match(sentence)
            ]
            if inviting:
                # an open question, a summary or a named feeling over a closed question; the latest of those
                quote = max(inviting)[2]
                evidence.insert(0, ev(j, u, quote, note="hierna vertelde de beller wat er echt speelt"))
        return Result(1.0, evidence, "De onderliggende zorg kwam boven water.")
    hinted = [(i, t) for i, t in call.caller if "hint" in t.meta.get("kinds", [])]
    moment = ev(*hinted[0], note="hier liet de beller iets vallen") if hinted else None
    return Result(0.0, [], f"Niet ontdekt: {s.concerns.hidden[0].summary}", moment)


def _emotional_caller_turns(call: Call, threshold: int) -> list[tuple[int, Turn]]:
    """Caller turns with a strong emotion: by the emotion values when the transcript has them, else by its words."""
    if call.emotions:
        return [(i, t) for i, t in call.caller if t.emotion is not None and t.emotion >= threshold]
    return call.feelings


def _no_emotion(call: Call, threshold: int) -> Result:
    if call.emotions:
        peak = max(e for _, e in call.emotions)
        return skipped(f"de emotie van de beller bleef onder {threshold}/10 (hoogstens {peak}/10)")
    return skipped("het transcript heeft geen emotiewaarden en de beller noemde geen gevoel dat de regels herkennen")


def _emotion_note(call: Call, turn: Turn) -> str:
    if turn.emotion is not None:
        return f"de beller was geëmotioneerd ({turn.emotion}/10)"
    word = call.analyzer.feeling(turn.text)
    return f"de beller was geëmotioneerd ('{word}')" if word else "de beller was geëmotioneerd"


def _named_feeling(call: Call, i: int, analysis: Analysis) -> Any:
    """The reflection of a turn to quote: the first that names a feeling ("Ik hoor dat u echt geschrokken bent")
    rather than an apology before it ("Sorry mevrouw, excuses."); else the first."""
    hits = analysis.of("emotion_reflection")
    # "Oh sorry, ik begin meteen over regels. Wat naar dat uw hond is overleden.": the condolence, not the apology
    # (evidence round 11)
    own = [h for h in hits if h.rule != "excuses"] or hits
    return next((h for h in own if call.analyzer.feeling(call.sentence(i, h))), own[0])


@signal("emotion_reflection_latency")
def emotion_reflection_latency(call: Call, criterion: Any) -> Result:
    threshold = criterion.param("threshold")
    emotional = _emotional_caller_turns(call, threshold)
    if not emotional:
        return _no_emotion(call, threshold)
    start = emotional[0][0]
    after = [x for x in call.learner if x[0] > start]
    for n, (i, turn, analysis) in enumerate(after, 1):
        if analysis.has("emotion_reflection"):
            hit = _named_feeling(call, i, analysis)
            return Result(
                float(n),
                [call.hit_ev(i, turn, hit, f"na {count(n, 'beurt', 'beurten')}")],
                f"Gevoel benoemd na {count(n, 'beurt', 'beurten')}.",
            )
    moment = ev(after[0][0], after[0][1], note="hier kon u het gevoel benoemen") if after else None
    return Result(
        99.0, [ev(*emotional[0], note="emotie van de beller")], "Het gevoel van de beller werd niet benoemd.", moment
    )


@signal("talk_balance")
def talk_balance(call: Call, criterion: Any) -> Result:
    """The trainee's share of the words, with every caller turn counted as ``caller_words`` words: how long the
    caller's lines are is the caller's doing (and, offline, the seed's), so only the trainee's words move the score."""
    if not call.learner:
        return skipped("geen tekst")
    mean = sum(len(_WORD.findall(t.text)) for _, t, _ in call.learner) / len(call.learner)
    reference = criterion.param("caller_words")
    share = mean / (mean + reference)
    low, high = criterion.param("low"), criterion.param("high")
    distance = max(0.0, low - share, share - high)
    value = max(0.0, 1 - distance / 0.25)
    longest = max(call.learner, key=lambda x: len(x[1].text), default=None)
    moment = ev(longest[0], longest[1], note="lange beurt") if longest and share > high else None
    words = [f"{reference * x / (1 - x):.0f}" for x in (low, high) if x < 1]
    band = f"{words[0]}-{words[1]}" if len(words) == 2 else f"{words[0]} of meer" if low < 1 else "geen"
    return Result(
        value, [], f"U sprak gemiddeld {count(round(mean), 'woord', 'woorden')} per beurt (goed: {band}).", moment
    )


_YES_NO = re.compile(r"\W*(?:ja|nee|jawel|zeker|klopt|precies|inderdaad|natuurlijk|dat klopt|dat kan)\b", re.I)
"""A turn that starts with 'ja', 'nee', 'klopt' answers a yes/no question ('Is dat belangrijk?' 'Ja, ...')."""


@signal("caller_questions_answered")
def caller_questions_answered(call: Call, criterion: Any) -> Result:
    asked = [
        (i, t, questions)
        for i, t in call.caller
        if (questions := [q for q in questions_to_answer(t.text) if not call.rhetorical(q)])
    ]
    pairs = []
    for i, t, questions in asked:
        nxt = call.learner_after(i, 1)
        if nxt:
            pairs.append(((i, t, questions), nxt[0]))
    if not pairs:
        return skipped("de beller stelde geen vragen")
    # a brush-off ("U bent gewoon te laat") answers too, badly: that is the dismissive criterion's to judge
    missed = [
        (q, a) for q, a in pairs if not a[2].acts & (ANSWERING_ACTS | {"dismissive"}) and not _YES_NO.match(a[1].text)
    ]
    value = 1 - len(missed) / len(pairs)
    # the moment is the caller's question that was left: the tip quotes it
    moment = ev(missed[0][0][0], missed[0][0][1], missed[0][0][2][0], "vraag van de beller") if missed else None
    evidence = [ev(i, t, questions[0], "vraag van de beller") for (i, t, questions), _ in missed[:2]]
    return Result(
        value,
        evidence,
        of_total(len(pairs) - len(missed), len(pairs), "de vraag van de beller", "vragen van de beller", "beantwoord"),
        moment,
    )


# --- gespreksopbouw --------------------------------------------------------------------------------------------------


@signal("opening")
def opening(call: Call, criterion: Any) -> Result:
    if not call.learner:
        return Result(0.0, [], "Er was geen opening.")
    i, turn, _ = call.learner[0]
    parts = call.analyzer.opening_parts(turn.text)
    if "organisation" not in parts and call.scenario is not None and _names_municipality(call, turn.text):
        parts.add("organisation")  # "Goedemorgen, De Waarden, met Sander": the scenario's own organisation
    names = {"greeting": "begroeting", "organisation": "organisatie", "name": "eigen naam"}
    missing = [names[p] for p in ("greeting", "organisation", "name") if p not in parts]
    detail = "Opening compleet." if not missing else "Ontbrak in de opening: " + ", ".join(missing) + "."
    evidence = [ev(i, turn, note="opening")]
    return Result(len(parts) / 3, evidence, detail, evidence[0] if missing else None)


def _names_municipality(call: Call, text: str) -> bool:
    """Whether the first sentences of a turn name the scenario's municipality or organisation by a word of its own
    name ("De Waarden", "Zuidwaarde"), not by a word the lexicon already reads ('gemeente', 'belastingen')."""
    assert call.scenario is not None
    own = {w for w in _WORD.findall(call.scenario.municipality) if w[:1].isupper() and len(w) >= 4}
    own -= {"Belastingen", "Belasting", "Gemeente", "Belastingsamenwerking"}
    head = " ".join(x.text for x in call.analysis(call.learner[0][0]).sentences[:2])
    words = {fold(w) for w in _WORD.findall(head)}
    return any(fold(w) in words for w in own)


def _first(call: Call, acts: set[str]) -> tuple[int, Turn, Analysis] | None:
    return next((x for x in call.learner if x[2].acts & acts), None)


_LISTENING = {
    "summary": "samenvatting",
    "emotion_reflection": "gevoel benoemd",
    "open_question": "open vraag",
    "closed_question": "vraag",
}


_COURTESY = re.compile(
    r"(?i)(?<![^\W_])(?:u\s+)?stoort\s+(?:helemaal\s+|echt\s+|zeker\s+)?niet\b|"
    r"(?<![^\W_])(?:excuses|sorry|het spijt me)\W*$|fout van ons\W*(?:excuses|sorry)?\W*$"
)
"""A courtesy or an apology ('u stoort helemaal niet', '... is echt fout van ons, excuses.'): no answer yet."""
_STREET_READ_BACK = re.compile(
    r"(?i)\W*[^\W\d_]{2,}(?:straat|laan|weg|pad|plein|hof|kade|dijk|singel|gracht|dreef|steeg|park)\s+\d{1,4}\w?\b"
    r"(?:\W+\w+){0,5}\W*$"
)
"""A short statement that reads the caller's street back ('Lijsterstraat 8, ik heb u.')."""
_VERDICT = re.compile(
    r"(?i)(?<![^\W_])(?:want|omdat|dus|daarom|doordat|klopt|moet|moeten|hoeft|hoeven|mag|mogen|kunt|kan|betaalt|krijgt)(?![^\W_])"
)
"""A sentence that already answers (a reason, a rule, what the caller must or may): a verdict, no orientation."""
_MAY_I_ASK = re.compile(r"(?i)\W*mag\s+ik\s+(?:u\s+)?(?:(?:eerst|nog|even|wel)\s+)*(?:iets\s+)?vragen\b")
"""'Mag ik eerst vragen: ...?': a question to the caller, no offer."""


def _offering(sentence: str) -> bool:
    """An offer or a request for permission ("Zal ik ...?"), not "Mag ik eerst vragen: ...?", which asks."""
    return bool(_OFFER.match(sentence)) and not _MAY_I_ASK.match(sentence)


_WORD_ASKED = re.compile(
    r"(?i)^\W*[\w'-]{7,}\?|"
    r"(?<![^\W_])(?:wat\s+betekent\s+(?!dat\b|dit\b|het\b)[\w'-]+\?|wat\s+bedoelt\s+u\s+met|[\w'-]+,\s+wat\s+is\s+dat\?|"
    r"wat\s+is\s+(?:een\s+)?(?!dit\b|dat\b|het\b)[\w'-]+(?:\s+nou)?(?:\s+weer)?\?|in\s+gewone\s+woorden|ken\s+het\s+woord)"
)
"""A caller's turn that asks what a word means: the word echoed as a question ("Niet-ontvankelijk? ..."), or "Wat
betekent ...?"."""
_CONFIRM_TAG = re.compile(
    r"(?i)(?<![^\W_])(?:ik\s+zie|ik\s+heb\s+hier|staat\s+hier|in\s+(?:het|ons|mijn)\s+(?:systeem|scherm|dossier))\b"
    r"[^?]*(?:\btoch|,\s*(?:he|hè|niet|klopt dat|klopt het|of niet))\s*\?\s*$"
)
"""What the trainee sees in the file, with a tag that asks the caller to confirm it ('ik zie hier dat het dwangbevel is
betekend, u heeft het exploot gekregen toch?'): no question about what the caller needs."""
_SELF_CORRECTION = re.compile(
    r"(?i)(?<![^\W_])(?:ik\s+(?:zeg|zei)\s+het\s+(?:verkeerd|fout|niet\s+goed|verkeerd\s+om)|"
    r"ik\s+(?:vergis|vergiste)\s+me|dat\s+(?:klopt|was)\s+niet\s+wat\s+ik\s+zei)"
)
"""The trainee setting its own words right ('sorry, ik zeg het verkeerd'): no feeling of the caller's named."""
_DETAILS_READ_BACK = re.compile(
    r"(?i)\d{4}\.\d{2,}|\b\d{4}\s?[a-z]{2}\b|"
    r"[^\W\d_]{2,}(?:straat|laan|weg|pad|plein|hof|kade|dijk|singel|gracht|dreef|steeg|park|veld|akker|erf|baan|ring|"
    r"wal|hoek|markt)\s+\d{1,4}"
)
"""An aanslagnummer, a postcode or a street with its number: the caller's details read back."""


@signal("clarify_before_solution")
def clarify_before_solution(call: Call, criterion: Any) -> Result:
    # the opening turn's reassurance ("U stoort helemaal niet") is no solution yet
    opening_turn = call.learner[0][0] if call.learner and call.learner[0][2].has("opening") else None

    def solves(i: int, hit: Any) -> bool:
        # an explanation or a step, not a question that reads the caller's details back ("lijsterstraat 8, ik heb
        # u. verhuisd op 22 mei naar bremerveld klopt dat?"), nor a courtesy ("u stoort helemaal niet") or an
        # apology (evidence round 8)
        sentence = call.sentence(i, hit)
        if _DETAILS_READ_BACK.search(sentence) and (_asked(call, i, sentence) or _STREET_READ_BACK.match(sentence)):
            return False
        return not _COURTESY.search(sentence)

    def still_asking(analysis: Any) -> bool:
        # "Dat heeft te maken met de datum. Mag ik eerst vragen: wanneer heeft u die aangevraagd?": one sentence of
        # orientation and then a question to the caller, no step: the trainee is still finding out (evidence round 13)
        last = analysis.sentences[-1].text if analysis.sentences else ""
        told = [
            x for x in analysis.sentences[:-1] if any(x.start <= h.start < x.end for h in analysis.of("explanation"))
        ]
        return (
            last.rstrip().endswith("?")
            and not any(_VERDICT.search(x.text) for x in told)
            and len(_WORD.findall(last)) >= 4
            and not analysis.has("next_step")
            and len(told) <= 1
            and not _offering(last)
            and not _BARE_CHECK.search(last)
            and not _CONFIRM_TAG.search(last)
            and not analysis.has("check_understanding")
        )

    def word_asked(i: int) -> bool:
        # "Niet-ontvankelijk? Praat gewoon Nederlands tegen me.": the caller asked what a word means; saying it plainly
        # right away is the answer, nothing to find out first (evidence round 13)
        before = [t for j, t in call.caller if j < i][-1:]
        if not before:
            return False
        kinds = (before[0].meta or {}).get("kinds")  # the offline caller names its moves; another is read
        return "jargon" in kinds if kinds else bool(_WORD_ASKED.search(before[0].text))

    solution = next(
        (
            x
            for x in call.learner
            if x[0] != opening_turn
            and any(solves(x[0], h) for a in ("explanation", "next_step") for h in x[2].of(a))
            and not still_asking(x[2])
            and not word_asked(x[0])
            # "dank u. koekoeklaan 31 klopt? ik zie de machtiging op 21 april binnengekomen": the file read out and a
            # question to the caller, nothing solved yet (the caller's reading too; evidence round 13)
            and not reads_file_and_asks(call.analyzer, x[2])
        ),
        None,
    )
    if solution is None:
        return skipped("u gaf geen uitleg of oplossing, dus er is niets om op volgorde te beoordelen")
    listening = ("summary", "emotion_reflection", "open_question", "closed_question")

    def clarifying(i: int, hit: Any) -> bool:
        # not the service question of the opening ("Waarmee kan ik u helpen?"), not a question for a fact
        # (aanslagnummer, naam, datum), not an offer ("Zal ik ...?")
        if hit.act in ("open_question", "closed_question"):
            sentence = call.sentence(i, hit)
            if hit.rule == "fact-question" or call.is_fact_question(sentence) or _offering(sentence):
                return False
            # "merelstraat 31, aanslag 2026.0962.214?", "gaat het om kerkpad 12?": a check of the caller's details
            if hit.act == "closed_question" and _DETAILS_READ_BACK.search(sentence):
                return False
            # "ik zie hier dat het dwangbevel is betekend, u heeft het exploot gekregen toch?": the trainee's own
            # statement with a tag to confirm it, no question about what the caller needs (evidence round 8)
            if hit.act == "closed_question" and _CONFIRM_TAG.search(sentence):
                return False
            return not (hit.act == "open_question" and i == opening_turn)
        if (
            hit.act == "emotion_reflection"
            and _SELF_CORRECTION.search(sentence := call.sentence(i, hit))
            and not (call.analyzer.feeling_words and call.analyzer.feeling_words.search(fold(sentence)))
        ):
            return False  # "nee wacht, sorry ik zeg het verkeerd": the trainee's own words, not the caller's feeling
        return hit.act != "summary" or any(h is hit for _, _, h in call.summaries)

    listened = [
        (i, t, h)
        for i, t, a in call.learner
        if i < solution[0]
        for act in listening
        for h in a.of(act)
        if clarifying(i, h)
    ]
    # the same turn counts when it listens first: a question, a summary or a feeling named before the explanation
    explained_at = min(h.start for a in ("explanation", "next_step") for h in solution[2].of(a))
    same = [h for a in listening for h in solution[2].of(a) if h.end <= explained_at and clarifying(solution[0], h)]
    if listened or (same and solution is not call.learner[0]):
        # the quote: the latest listening, but a closed question ("Weet u toevallig op welke dag ...?") only when
        # the trainee did not ask openly, give back or name the feeling before
        opened = [x for x in listened if x[2].act != "closed_question"]
        i, turn, hit = (opened or listened)[-1] if listened else (solution[0], solution[1], same[0])
        note = f"eerst geluisterd ({_LISTENING[hit.act]})" + ("" if listened else ", dan uitleg in dezelfde beurt")
        return Result(1.0, [call.hit_ev(i, turn, hit, note)], "Eerst de vraag verhelderd, dan uitgelegd.")
    asked = [t for i, t in call.caller if i < solution[0] and call.analyzer.asks_explanation(t.text)]
    if asked:
        # an answer to what the caller asked: fair in a short practical call, but the trainee did not check what the
        # caller needs first
        return Result(
            0.8,
            [ev(solution[0], solution[1], note="antwoord op de vraag van de beller, zonder door te vragen")],
            "U gaf meteen antwoord op de vraag van de beller, zonder eerst door te vragen wat er speelt.",
            ev(solution[0], solution[1], note="antwoord zonder door te vragen"),
        )
    return Result(
        0.0,
        [ev(solution[0], solution[1], note="uitleg voordat de vraag helder was")],
        "Te snel naar de oplossing: uitleg voordat u een vraag stelde.",
        ev(solution[0], solution[1], note="te snel naar de oplossing"),
    )


ORDER = [
    ("opening", "vraagverheldering"),
    ("vraagverheldering", "uitleg"),
    ("samenvatting", "uitleg"),
    ("uitleg", "afspraken"),
    ("afspraken", "afsluiting"),
    ("uitleg", "check"),
    ("vraagverheldering", "afsluiting"),
]


@signal("phase_order")
def phase_order(call: Call, criterion: Any) -> Result:
    first = call.first_phase
    present = len(first) / len(PHASES)
    pairs = [(a, b) for a, b in ORDER if a in first and b in first]
    wrong = [(a, b) for a, b in pairs if first[a] > first[b]]
    order = 1 - len(wrong) / len(pairs) if pairs else 1.0
    missing = [p for p in PHASES if p not in first]
    detail = f"{len(first)} van de {len(PHASES)} fasen"
    detail += f"; ontbrak: {', '.join(missing)}" if missing else ""
    detail += f"; in de verkeerde volgorde: {', '.join(f'{b} vóór {a}' for a, b in wrong)}" if wrong else ""
    return Result(present * order, [], detail + ".")


def _asked(call: Call, i: int, sentence: str) -> bool:
    """Whether a sentence of a trainee turn is a question: with a question mark, or read as one."""
    return sentence.rstrip(" \"')").endswith("?") or call.asks_in(i, sentence)


_NOT_AGREED = re.compile(
    r"(?i)(?<![^\W_])(?:zoek|zoeken|kijk|kijken)(?:\s+\S+){0,3}\s+(?:meteen|nu|direct)(?:\s+\S+){0,3}\s+(?:op|uit|na)\b|"
    r"(?<![^\W_])volgende (?:termijn|afschrijving)(?:\s+\S+){0,3}\s+(?:komt|is)\b|"
    r"(?<![^\W_])(?:komt|is)(?:\s+\S+){0,2}\s+volgende (?:termijn|afschrijving)\b"
)
"""'Ik zoek het meteen voor u op' (looking it up during the call), 'Op 29 mei komt de volgende termijn' (a date already
set): the caller hears the trainee act on its question, but no agreement is made (evidence round 6)."""


_ALTERNATIVE = re.compile(
    r"(?i)(?:^\W*|,\s*|\s)of\s+(?:ik|we|wij)\s+(?:stuur|sturen|mail|mailen|bel|bellen|doe|doen|regel|regelen|zet|"
    r"zetten|maak|maken|meld|melden)\b(?![^.?!]*(?<![^\W_])(?:als|wanneer|indien|mocht|mochten)(?![^\W_]))"
)
"""'Of ik stuur het u per post.', 'Dat kan met DigiD, of ik stuur het u per brief.': one of the ways offered, no
agreement yet (evidence round 12); not 'binnen acht weken hoort u van ons, of we vragen nog om stukken', nor a fallback
('Ik bel u morgen terug, of ik stuur u een mail als ik u niet bereik'; review)."""


_OPTIONS_OFFERED = re.compile(
    r"(?i)(?<![^\W_])(?:kan|kunnen)\s+(?:ook|wel)\b[^.?!]{0,30},\s*of\b|"
    r"(?<![^\W_])(?:wilt|wil|heeft|hebt|doet)\s+u\b(?:\s+[\w'-]+){0,3}\s+liever\b"
)
"""'dinsdagochtend kan wel, of de vrijwilliger komt thuis', 'Of wilt u liever een formulier, dan sturen we het op':
options to pick from, no agreement yet (evidence round 13). The caller reads them as offers it may take."""


_CAN_OFFER = re.compile(r"(?i)(?<![^\W_])(?:(?:ik|we|wij)\s+(?:kan|kunnen)|(?:kan|kunnen)\s+(?:ik|we|wij))(?![^\W_])")
"""'Ik kan Sjors nu afmelden': what the trainee can do, an offer; 'ik vraag de taxateur u te bellen. goed?' states
the step and checks it."""


def _awaits_yes(call: Call, i: int, sentence: str) -> bool:
    """An offer the turn puts to the caller right after it ("Ik kan Sjors nu afmelden. Zal ik dat doen?") that the
    caller's next turn does not take (evidence round 12)."""
    if not _CAN_OFFER.search(sentence):
        return False
    question = _next_sentence(call, i, sentence)
    if question is None or call.analyzer.asks_back(question) != "consent":
        return False
    after = next((t for j, t in call.caller if j > i), None)
    return after is None or not call.analyzer.accepts(after.text)


@signal("next_step")
def next_step(call: Call, criterion: Any) -> Result:
    # "Zal ik het formulier sturen?" offers a step; the agreement is the statement ("Ik stuur het vandaag")
    hits = [
        (i, t, h)
        for i, t, h in call.hits("next_step")
        if not _asked(call, i, sentence := call.sentence(i, h))
        and not _NOT_AGREED.search(sentence)
        and not _ALTERNATIVE.search(sentence)
        and not _OPTIONS_OFFERED.search(sentence)
        and not _awaits_yes(call, i, sentence)
    ]
    if hits:
        i, t, h = hits[0]
        quote = _with_next(call, i, call.sentence(i, h))
        timed = [x for x in hits if call.analyzer.names_time(_with_next(call, x[0], call.sentence(x[0], x[2])))]
        if timed:  # who does what, and when
            i, t, h = timed[0]
            return Result(1.0, [ev(i, t, _with_next(call, i, call.sentence(i, h)), "afspraak met wanneer")],
                          "Er is een concrete afspraak gemaakt, met wanneer.")  # fmt: skip
        return Result(
            0.5,
            [ev(i, t, quote, "afspraak zonder wanneer")],
            "Er is een afspraak gemaakt, maar niet wanneer het gebeurt.",
            ev(i, t, quote, "afspraak zonder wanneer"),
        )
    return Result(0.0, [], "Er is geen concrete afspraak gemaakt.")


def _with_next(call: Call, i: int, sentence: str) -> str:
    """A sentence and, when it is short ('Dat regel ik.'), the one after it in the same turn."""
    if len(_WORD.findall(sentence)) >= 6:
        return sentence
    after = _next_sentence(call, i, sentence)
    return sentence if after is None else f"{sentence} {after}"


def _next_sentence(call: Call, i: int, sentence: str) -> str | None:
    """The sentence after one of a trainee turn's sentences, in the same turn; None after its last."""
    sentences = [x.text for x in call.analysis(i).sentences]
    if sentence in sentences and sentences.index(sentence) + 1 < len(sentences):
        return sentences[sentences.index(sentence) + 1]
    return None


@signal("check_understanding")
def check_understanding(call: Call, criterion: Any) -> Result:
    # "Klopt dat?" after a summary checks the trainee's own understanding, not whether the explanation came across
    # a check counts in its moment: after something was explained (earlier in the call, or earlier in the turn)
    explained = [(i, t, a) for i, t, a in call.learner if a.has("explanation")]
    if not explained:
        return skipped("u gaf geen uitleg, dus er was niets om te controleren")
    first = min((i, a.of("explanation")[0].start) for i, _, a in explained)
    hits = [
        (i, t, h)
        for i, t, h in call.hits("check_understanding")
        if not call.analyzer.checks_themselves(h) and (i, h.start) > first
    ]
    evidence = [ev(i, t, _with_the_question(call, i, call.sentence(i, h)), "check") for i, t, h in hits[:2]]
    moment = None
    if not hits:
        moment = ev(explained[-1][0], explained[-1][1], note="na deze uitleg kon u checken of het overkwam")
    detail = f"{len(hits)} keer gecheckt of de uitleg overkwam." if hits else "U checkte niet of de uitleg overkwam."
    return Result(float(len(hits)), evidence, detail, moment)


def _with_the_question(call: Call, i: int, sentence: str) -> str:
    """A check said as its reason ("Dan weet ik zeker dat het goed is overgekomen.") is quoted with the question
    that asks it, right before or after it in the turn."""
    if sentence.rstrip(" \"')").endswith("?"):
        return sentence
    analysis = call.analysis(i)
    texts = [x.text for x in analysis.sentences]
    if sentence not in texts:
        return sentence
    k = texts.index(sentence)
    for j in (k - 1, k + 1):
        if 0 <= j < len(texts) and texts[j].rstrip(" \"')").endswith("?"):
            a, b = sorted((k, j))
            return analysis.text[analysis.sentences[a].start : analysis.sentences[b].end]
    return sentence


CLOSING_PARTS = ("ask", "thanks", "goodbye")
CLOSING_NAMES = {"ask": "vragen of er nog iets is", "thanks": "bedanken", "goodbye": "groeten"}
_THANKED_BACK = re.compile(r"(?i)\b(?:graag gedaan|geen dank|met plezier gedaan)\b")


@signal("closing")
def closing(call: Call, criterion: Any) -> Result:
    tail = call.learner[-3:]
    found: dict[str, tuple[int, Turn, str]] = {}
    if not (len(call.learner) <= 1 and tail and "opening" in tail[-1][2].acts):
        for i, t, a in tail:
            for part, sentence in call.analyzer.closing_parts_of(a).items():
                found[part] = (i, t, sentence)  # the latest turn that shows the part
    parts = set(found)
    outcome = call.transcript.outcome.value if call.transcript.outcome else None
    said_last = tail and tail[-1][2].has("closing")
    if "ask" in parts and outcome == "satisfied" and said_last and call.transcript.turns[-1].speaker == "caller":
        parts = set(CLOSING_PARTS)  # the caller said goodbye before the trainee could
    missing = [CLOSING_NAMES[p] for p in CLOSING_PARTS if p not in parts]
    evidence: list[Evidence] = []
    for part in CLOSING_PARTS:
        if part in found:
            i, t, sentence = found[part]
            name = CLOSING_NAMES[part]
            if part == "thanks" and _THANKED_BACK.search(sentence):
                name = "een bedankje beantwoord"  # "Graag gedaan": the caller thanked, the trainee answered it
            if not any(e.turn == i + 1 and e.text == sentence for e in evidence):
                evidence.append(ev(i, t, sentence, "afsluiting: " + name))
            else:
                evidence[-1].note += ", " + name
    last = call.learner[-1] if call.learner else None
    moment = ev(last[0], last[1], note="laatste beurt") if missing and last else None
    if not missing:
        detail = "Afsluiting compleet."
    elif parts:
        detail = "Ontbrak in de afsluiting: " + ", ".join(missing) + "."
    else:
        detail = "Er was geen afsluiting: niet gevraagd of er nog iets is, niet bedankt en niet gegroet."
    return Result(len(parts) / 3, evidence, detail, moment)


# --- toon ------------------------------------------------------------------------------------------------------------


@signal("emotion_acknowledged")
def emotion_acknowledged(call: Call, criterion: Any) -> Result:
    threshold, within = criterion.param("threshold"), criterion.param("within")
    emotional = _emotional_caller_turns(call, threshold)
    if not emotional:
        return _no_emotion(call, threshold)
    # a run of emotional caller turns is one episode; it is acknowledged by a reflection while it lasts or soon after
    episodes: list[list[tuple[int, Turn]]] = []
    caller_positions = [i for i, _ in call.caller]
    for i, t in emotional:
        previous = caller_positions[caller_positions.index(i) - 1] if caller_positions.index(i) else None
        if episodes and previous == episodes[-1][-1][0]:
            episodes[-1].append((i, t))
        else:
            episodes.append([(i, t)])
    acknowledged, moment, evidence = 0, None, []
    for episode in episodes:
        first, last = episode[0][0], episode[-1][0]
        window = [x for x in call.learner if first < x[0] < last] + call.learner_after(last, within)
        # "o nee, sorry, dat klopt niet" apologises for a mistake: no feeling acknowledged (the caller hears it so too)
        hit = next((x for x in window if x[2].has("emotion_reflection") and not call.analyzer.only_apology(x[2])), None)
        if hit:
            acknowledged += 1
            evidence.append(call.hit_ev(hit[0], hit[1], _named_feeling(call, hit[0], hit[2]), "gevoel erkend"))
        elif window and moment is None:
            peak = max(episode, key=lambda x: -1 if x[1].emotion is None else x[1].emotion)[1]
            moment = ev(window[0][0], window[0][1], note=_emotion_note(call, peak))
    detail = of_total(acknowledged, len(episodes), "het emotionele moment", "emotionele momenten", "erkend")
    return Result(acknowledged / len(episodes), evidence[:2], detail, moment)


@signal("dismissive")
def dismissive(call: Call, criterion: Any) -> Result:
    hits = call.hits("dismissive")
    evidence = [call.hit_ev(i, t, h, f"afwijzend: '{h.text}'") for i, t, h in hits[:3]]
    return Result(
        float(len(hits)),
        evidence,
        count(
            len(hits),
            "afwijzende of verdedigende zin",
            "afwijzende of verdedigende zinnen",
            "Geen afwijzende of verdedigende zinnen",
        )
        + ".",
        evidence[0] if evidence else None,
    )


def _explained_nearby(call: Call, i: int, hit: Any) -> bool:
    """Whether the trainee explains a jargon term near it in the same turn (``Analyzer.explained_nearby``; the
    caller reads the turn the same way)."""
    return call.analyzer.explained_nearby(call.analysis(i), hit)


@signal("jargon")
def jargon(call: Call, criterion: Any) -> Result:
    hits = [(i, t, h) for i, t, h in call.hits("jargon") if not _explained_nearby(call, i, h)]
    evidence = [call.hit_ev(i, t, h, f"'{h.text}', zeg liever: {h.plain}") for i, t, h in hits[:3]]
    suggestion = hits[0][2].plain if hits else ""
    terms = sorted({h.term for _, _, h in hits if h.term})
    detail = f"{len(hits)} keer vaktaal zonder uitleg" + (f" ({', '.join(terms)})." if terms else ".")
    if not hits:
        detail = "Geen vaktaal zonder uitleg."
    return Result(float(len(hits)), evidence, detail, evidence[0] if evidence else None, suggestion, "Zeg liever")


@signal("address_form")
def address_form(call: Call, criterion: Any) -> Result:
    expected = call.scenario.address_form if call.scenario else "u"
    informal = {i for i, _, a in call.learner if a.has("informal_address")}
    formal = {i for i, t, _ in call.learner if call.analyzer.is_polite(t.text)}
    addressed = informal | formal
    if not addressed:
        return skipped("u sprak de beller niet direct aan")
    matching = formal - informal if expected == "u" else informal - formal
    value = len(matching) / len(addressed)
    wrong = sorted(informal if expected == "u" else formal)
    evidence, moment = [], None
    if wrong:
        i = wrong[0]
        turn = call.transcript.turns[i]
        hit = next(
            (a.of("informal_address")[0] for j, _, a in call.learner if j == i and a.has("informal_address")), None
        )
        note = "je/jij" if expected == "u" else "u"
        moment = call.hit_ev(i, turn, hit, note) if hit else ev(i, turn, None, note)
        evidence.append(moment)
    mixed = bool(informal and formal)
    detail = f"{len(matching)} van de {len(addressed)} beurten met '{expected}'" + (
        " (u en je door elkaar)." if mixed else "."
    )
    return Result(value, evidence, detail, moment)


LONG_SENTENCE = 22
"""Words in a sentence above which the report quotes it as long (B1 advice: about 15, rarely more than 20)."""


@signal("b1_readability")
def b1_readability(call: Call, criterion: Any) -> Result:
    sentences: list[tuple[int, Turn, str]] = []
    for i, turn, analysis in call.learner:
        explained = [h for h in analysis.of("explanation")] or []
        for hit in explained:
            sentences.append((i, turn, hit.text))
    if not sentences:
        sentences = [(i, t, s.text) for i, t, a in call.learner for s in a.sentences]
    if not sentences:
        return skipped("geen uitleg om te beoordelen")
    words = [_WORD.findall(s) for _, _, s in sentences]
    counts = [len(w) for w in words if w]
    avg = sum(counts) / max(1, len(counts))
    long_limit = criterion.param("long_word_letters")
    all_words = [w for ws in words for w in ws]
    long_share = sum(len(w) >= long_limit for w in all_words) / max(1, len(all_words))
    turns = {i: t for i, t, _ in sentences}  # each turn once, however many of its sentences explain
    formal = [(i, t, f) for i, t in turns.items() for f in call.analyzer.formal_words(t.text)]
    penalty = max(0.0, (avg - criterion.param("max_sentence_words")) / 10) + max(0.0, (long_share - 0.08) * 4)
    penalty += 0.1 * len({f[2][0].lower() for f in formal})
    value = max(0.0, min(1.0, 1 - penalty))
    longest = max(sentences, key=lambda s: len(_WORD.findall(s[2])))
    size = len(_WORD.findall(longest[2]))
    evidence = [ev(longest[0], longest[1], longest[2], f"{size} woorden")] if size > LONG_SENTENCE else []
    evidence += [ev(i, t, f[0], f"zeg liever: {f[1]}") for i, t, f in formal[:2]]
    moment = evidence[0] if value < 0.9 and evidence else None
    suggestion = f"'{formal[0][2][1]}' in plaats van '{formal[0][2][0]}'" if formal else ""
    detail = f"Gemiddeld {avg:.0f} woorden per zin; {long_share:.0%} lange woorden"
    detail += f"; ambtelijke woorden: {', '.join(sorted({f[2][0] for f in formal}))}." if formal else "."
    return Result(value, evidence, detail, moment, suggestion, "Zeg liever")


@signal("positive_wording")
def positive_wording(call: Call, criterion: Any) -> Result:
    pos = neg = 0
    worst: tuple[int, Turn, str, int] | None = None
    for i, turn, analysis in call.learner:
        if not analysis.acts & {"explanation", "next_step", "dismissive"}:
            continue
        previous = call.previous_caller(i)
        # the caller's words given back, not an answer to its question ("Kan ik in termijnen betalen?" - "Nee, in
        # termijnen betalen kan niet." still says what cannot be done)
        asked = previous is not None and "?" in previous.text
        heard = call.analyzer.content_words(previous.text) if previous and not asked else set()
        for sentence in analysis.sentences:  # the moment: a sentence that says only what cannot be done
            words = call.analyzer.content_words(sentence.text)
            if len(words & heard) >= 2 and len(words & heard) * 2 >= len(words):
                continue  # "ah, thuiszorg, ..., en met de bus lukt dat niet": the caller's words given back
            sp, sn = call.analyzer.wording(sentence.text)
            pos, neg = pos + sp, neg + sn
            if sn and not sp and (worst is None or sn > worst[3]):
                worst = (i, turn, sentence.text, sn)
    if pos + neg == 0:
        return skipped("geen uitleg met positieve of negatieve formuleringen")
    moment = ev(worst[0], worst[1], worst[2], "zegt wat niet kan, niet wat wel kan") if worst else None
    detail = f"{count(pos, 'positieve formulering', 'positieve formuleringen', 'Geen positieve formuleringen')} en "
    detail += count(neg, "negatieve", "negatieve", "geen negatieve") + "."
    return Result(pos / (pos + neg), [moment] if moment and neg > pos else [], detail, moment if neg > pos else None)


CALM = 5
"""Below this emotion value (0-10) a caller is calm: there is nothing to calm down."""


@signal("emotion_trajectory")
def emotion_trajectory(call: Call, criterion: Any) -> Result:
    emotions = call.emotions
    if len(emotions) < 2:
        return skipped("het transcript heeft geen emoties van de beller")
    start, end = emotions[0][1], emotions[-1][1]
    peak = max(emotions, key=lambda x: x[1])
    if peak[1] < CALM:
        return skipped(
            f"de beller bleef de hele tijd rustig (hoogstens {peak[1]}/10): er was geen emotie om te kalmeren"
        )
    evidence = [ev(peak[0], call.transcript.turns[peak[0]], note=f"hoogste emotie: {peak[1]}/10")]
    return Result(float(start - end), evidence, f"Emotie van de beller: {start} → {end} (van 10).")


# --- inhoud ----------------------------------------------------------------------------------------------------------


@signal("key_info")
def key_info(call: Call, criterion: Any) -> Result:
    s = call.scenario
    if s is None:
        return skipped("geen scenario bekend")
    items = s.required_key_info or s.key_info
    if not items:
        return skipped("het scenario noemt geen kerninformatie")
    conveyed, evidence, missing = 0, [], []
    for item in items:
        # credited only from a turn that states it; the evidence quotes the sentences that hold the words that
        # conveyed it, not the whole turn, and never a question or what the caller said given back ("Als ik u goed
        # begrijp, was het bezwaar te laat?" mentions the key words, it does not tell the caller anything)
        hit = next(
            (
                (i, t, found)
                for (i, t, a), said in zip(call.learner, call.stated, strict=True)
                if item.id in said.key_info
                and (found := _stating(call, i, a, said.key_info[item.id].split(" . "))) is not None
            ),
            None,
        )
        if hit:
            conveyed += 1
            i, t, found = hit
            if found:
                found = _with_the_rest_of_the_point(call, i, found, item.description)
            quote = t.text[found[0].start : found[-1].end] if found else None  # one stretch of the turn
            evidence.append(ev(i, t, quote, note=item.description))
        else:
            missing.append(item)
    detail = of_total(conveyed, len(items), "het kernpunt", "kernpunten", "overgebracht")
    if missing:
        detail += " Ontbrak: " + "; ".join(m.description.rstrip(".") for m in missing) + "."
    suggestion = missing[0].description.rstrip(".") if missing else ""
    return Result(conveyed / len(items), evidence[:3], detail, None, suggestion, "Noem ook")


_GOES_ON_POINT = re.compile(r"(?i)\W*(?:niet|maar|en|want|omdat|dus|dat|die|daarom|alleen|behalve|ook)\b")


def _with_the_rest_of_the_point(call: Call, i: int, found: list[Any], description: str) -> list[Any]:
    """The stated sentences of a key point, with the statements right before and after them that say more of the
    same point (two words of its description or more): "... betalen voor 26 mei. De 9 euro blijft staan, want de mail
    is verstuurd." quotes the reason too (evidence round 6)."""
    analysis = call.analysis(i)
    sentences = analysis.sentences
    point = {w[:5] for w in call.analyzer.content_words(description)}
    # not the caller's words given back ("U zegt dat de incasso stil zou moeten staan"), a named feeling, nor a
    # sentence that states something wrong
    given_back = {call.sentence(i, h) for a in ("summary", "emotion_reflection") for h in analysis.of(a)}
    wrong = {w.sentence for w in call.stated[[x[0] for x in call.learner].index(i)].wrong} if call.scenario else set()

    def more(x: Any) -> bool:
        if x.text in given_back or x.text in wrong or call.analyzer.claim_reader.reports(x.text):
            return False
        statement = not x.text.rstrip(" \"')").endswith("?")
        shared = len({w[:5] for w in call.analyzer.content_words(x.text)} & point)
        # one word of the point is enough for a sentence that goes on from the last ("Niet voor de hond, ...")
        return statement and (shared >= 2 or (shared == 1 and bool(_GOES_ON_POINT.match(x.text))))

    try:
        a, b = sentences.index(found[0]), sentences.index(found[-1])
    except ValueError:
        return found
    while a > 0 and more(sentences[a - 1]):
        a -= 1
    while b + 1 < len(sentences) and more(sentences[b + 1]):
        b += 1
    return list(sentences[a : b + 1])


def _stating(call: Call, i: int, analysis: Analysis, words: list[str]) -> list[Any] | None:
    """The sentences of a trainee turn that state a key point: those that hold its words, without the questions and
    the sentences that give back what the caller said or felt ("U zegt dat u te laat was", "Ik hoor dat u bang bent
    dat u niets overhoudt"). An empty list: the words were found in no sentence (the whole turn is quoted); None:
    only questions and reflections hold them, the turn states nothing."""
    found = [x for x in analysis.sentences if any(w and w in x.text for w in words)]
    if not found:
        return []
    summaries = {call.sentence(j, h) for j, _, h in call.summaries if j == i}
    typed = "?" not in analysis.text  # a chat turn without question marks: the analyzer's reading tells a question

    def states(x: Any) -> bool:
        question = x.text.rstrip(" \"')").endswith("?") or (typed and call.asks_in(i, x.text))
        # a sentence that opens by naming the caller's feeling gives it back ("Ik hoor dat u zich zorgen maakt ...")
        feeling = any(x.start <= h.start <= x.start + 3 for h in analysis.of("emotion_reflection"))
        return not question and not feeling and x.text not in summaries

    return [x for x in found if states(x)] or None


@signal("misinformation")
def misinformation(call: Call, criterion: Any) -> Result:
    """Wrong statements that were not set right later in the call; a correction is credited in the evidence."""
    if call.scenario is None:
        return skipped("geen scenario bekend")
    evidence, outstanding = [], call.uncorrected
    for item in call.wrong_info:
        w = item.wrong
        note = f"onjuist: u zei '{w.said}'. Juist: {w.correction.rstrip('.')} (bron: {w.source})."
        if item.corrected_at is not None:
            note += f" Later rechtgezet in beurt {item.corrected_at + 1}: goed."
        evidence.append(ev(item.index, item.turn, w.sentence, note=note))
    detail = count(len(outstanding), "onjuiste uitspraak", "onjuiste uitspraken", "Geen onjuiste uitspraken") + (
        " niet rechtgezet." if outstanding else "."
    )
    fixed = len(call.wrong_info) - len(outstanding)
    if fixed:
        detail += f" {fixed} later zelf rechtgezet: goed."
    first = next((e for e, item in zip(evidence, call.wrong_info, strict=True) if item.corrected_at is None), None)
    suggestion = outstanding[0].wrong.correction.rstrip(".") if outstanding else ""
    return Result(float(len(outstanding)), evidence, detail, first, suggestion, "Juist is")
