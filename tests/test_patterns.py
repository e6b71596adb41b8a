from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.patterns import PatternError, first_match, fold, pattern_regex, search


@pytest.mark.parametrize(
    ("pattern", "text", "quoted"),
    [
        ("zes weken", "U heeft ZES  weken de tijd.", "ZES  weken"),
        ("zes|6 weken", "binnen 6 weken", "6 weken"),
        ("taxatie*", "Het Taxatieverslag is gratis", "Taxatieverslag"),
        ("gratis ... verslag", "het is gratis, dat hele verslag", "gratis, dat hele verslag"),
        ("niet-ontvankelijk", "niet ontvankelijk verklaard", "niet ontvankelijk"),
        ("niet-ontvankelijk", "nietontvankelijk", "nietontvankelijk"),
        ("dagtekening", "De dagtékening staat erop", "dagtékening"),
        ("een keer", "in één keer betalen", "één keer"),
        ("*verordening", "de invorderingsverordening zegt", "invorderingsverordening"),
        ("*bevel*", "de dwangbevelkosten", "dwangbevelkosten"),
        ("(nog een keer|opnieuw) uitleggen", "zal ik het nog een keer uitleggen", "nog een keer uitleggen"),
        ("(nog een keer|opnieuw) uitleggen", "ik kan het opnieuw uitleggen", "opnieuw uitleggen"),
        ("re:\\bwoz-?waarde\\b", "de WOZ-waarde", "WOZ-waarde"),
    ],
)
def test_pattern_matches_and_quotes_original_text(pattern: str, text: str, quoted: str) -> None:
    match = search(pattern, text)
    assert match is not None
    assert text[match.start() : match.end()] == quoted


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("u", "uw brief"),  # whole words only
        ("zes weken", "zes lange lange lange lange lange weken"),  # no gap without '...'
        ("gratis ... verslag", "gratis een twee drie vier vijf verslag"),  # gap is at most four words
        ("taxatie", "taxatieverslag"),
    ],
)
def test_pattern_does_not_match(pattern: str, text: str) -> None:
    assert search(pattern, text) is None


@pytest.mark.parametrize(
    "bad", ["", "   ", "... begin", "eind ...", "a||b", "ta*xatie", "*", "(moet|", "a)", "(a|)", "wat?", "re:("]
)
def test_bad_patterns_are_rejected(bad: str) -> None:
    with pytest.raises(PatternError):
        pattern_regex(bad)


def test_first_match_reports_which_pattern_fired() -> None:
    found = first_match(["bezwaar", "zes weken"], "U heeft zes weken.")
    assert found is not None
    assert found[0] == "zes weken"


@given(st.text())
def test_fold_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(max_size=200), st.sampled_from(["zes weken", "taxatie*", "a|b ... c", "niet-ontvankelijk"]))
def test_search_never_crashes_and_spans_are_valid(text: str, pattern: str) -> None:
    match = search(pattern, text)
    if match:
        assert 0 <= match.start() <= match.end() <= len(text)


def test_negated_claims_are_no_claims() -> None:
    from coach.analyzer import get_analyzer

    claim = get_analyzer().claim_in  # with the lexicon's negations
    assert claim(["waarde van nu"], "De WOZ-waarde is de waarde van nu.")
    assert claim(["waarde van nu"], "Het is dus niet de waarde van nu.") is None
    assert claim(["waarde van nu"], "Het is nergens de waarde van nu.") is None
    assert claim(["hoeft ... niet ... betalen"], "U hoeft nu niet te betalen.")  # the pattern is the negation


def test_a_negation_inside_a_phrase_takes_it_back_unless_a_but_follows() -> None:
    import re

    from coach.patterns import first_claim

    negation = re.compile(r"niet|geen|nooit")
    phrase = ["incasso ... stop* ... bezwaar"]
    assert first_claim(phrase, "De incasso stopt tijdens het bezwaar.", negation)
    assert first_claim(phrase, "De incasso stopt niet door het bezwaar.", negation) is None
    assert first_claim(phrase, "Niet de incasso stopt door het bezwaar.", negation) is None  # before the match
    said = ["afmelden ... telefonisch"]
    assert first_claim(said, "U kunt afmelden, niet per brief maar telefonisch.", negation)
    assert first_claim(["hoeft ... niet ... betalen"], "U hoeft nu niet te betalen.", negation)  # its own 'niet'
    # a negation stays in its own clause: not across a comma, colon or 'en'
    assert first_claim(["bezwaar ... loopt ... door"], "Uw bezwaar vervalt niet en loopt gewoon door.", negation)
    assert first_claim(["aanslag ... klopt"], "De aanslag is niet fout, hij klopt gewoon.", negation)
    assert first_claim(["notaris ... verrekend"], "U betaalt niet dubbel: de notaris heeft het verrekend.", negation)
