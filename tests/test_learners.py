from coach import learners


def test_a_first_name_finds_the_full_name_whatever_the_accents() -> None:
    names = ["Özlem Yılmaz-de Vries", "Olaf de Boer", "Ozan Kaya"]
    assert learners.find("Özlem", names) == ["Özlem Yılmaz-de Vries"]
    assert learners.find("ozlem yilmaz", names) == ["Özlem Yılmaz-de Vries"]
    assert learners.find("Ö. Vries", names) == ["Özlem Yılmaz-de Vries"]
    assert learners.find("O", names) == names  # ambiguous: every name that fits, the caller decides
    assert learners.find("Vries Özlem", names) == []


def test_an_exact_name_wins_over_longer_names_it_starts() -> None:
    assert learners.find("Jan", ["Jan", "Jan de Wit"]) == ["Jan"]
    assert (
        learners.key("  Özlem   Yılmaz-de Vries ") == learners.key("ozlem yilmaz de vries") == "ozlem yilmaz de vries"
    )
    assert learners.display("  Jan   de  Wit ") == "Jan de Wit"
    assert not learners.matches("", "Jan")
