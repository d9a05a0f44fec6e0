"""Quote matching: normalised exact matches, fuzzy near-misses, and the best sentence."""

from __future__ import annotations

from citecheck.verify.quotes import FOUND, fragments, normalise, search

ARTICLE = (
    "Rex Tillerson arrived in Moscow on Tuesday. "
    "\u201cThe current state of U.S.\u2013Russia relations is at a low point,\u201d he said. "
    "Lavrov answered that Moscow wanted facts, not accusations."
)


def test_normalise_quote_marks_dashes_space_and_case():
    assert normalise("\u201cLow\u00a0 POINT\u2014now\u201d") == "low point-now"


def test_ellipsis_splits_a_quote_into_fragments():
    assert fragments("We will \u2026 not accept it...") == ["we will", "not accept it"]


def test_exact_after_normalising():
    match = search('"The current state of U.S.-Russia relations is at a low point"', ARTICLE)
    assert match.score == 1.0
    assert match.sentence.startswith("\u201cThe current state")


def test_ellipsis_quote_matches_its_parts():
    assert search("The current state \u2026 is at a low point", ARTICLE).score == 1.0


def test_small_differences_are_found_with_a_score():
    match = search("The current state of US-Russia relations is at a low-point", ARTICLE)
    assert FOUND <= match.score < 1.0


def test_not_found_gives_the_best_sentence_and_a_low_score():
    match = search("Moscow only wants the facts and no accusations", ARTICLE)
    assert match.score < FOUND
    assert match.sentence == "Lavrov answered that Moscow wanted facts, not accusations."


def test_short_quotes_must_match_exactly():
    assert search("low pont", ARTICLE).score < FOUND
    assert search("low point", ARTICLE).score == 1.0
