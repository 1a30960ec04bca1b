"""Source attribution (model/attribution.py): one behaviour per test.

Most tests attribute a short invented article and check the source of one sentence.
"""

import pytest

from newsstance.model.attribution import attribute_sources, canonical_source_key, sources_match

OUTLET = "The Harbour Ledger"


def last_source(*sentences: str) -> str:
    return attribute_sources(list(sentences), OUTLET)[-1]


# --- reported speech patterns --------------------------------------------------------


def test_subject_said_that():
    assert last_source("Mira Olsen said that the bridge would reopen in May.") == "Mira Olsen"


def test_trailing_subject_said():
    assert last_source("The bridge will reopen in May, Mira Olsen said.") == "Mira Olsen"


def test_inverted_said_after_quotation():
    sentence = "“The bridge is safe,” said Mira Olsen, the city engineer."
    assert last_source(sentence) == "Mira Olsen"


def test_according_to_at_start():
    sentence = "According to the Port Authority, the bridge will reopen in May."
    assert last_source(sentence) == "Port Authority"


def test_according_to_at_end_outranks_the_subject():
    sentence = "Inspectors have found no cracks, according to the Port Authority."
    assert last_source(sentence) == "Port Authority"


def test_told_reporters():
    assert last_source("Mira Olsen told reporters the bridge was safe.") == "Mira Olsen"


def test_told_an_outlet_after_quotation():
    sentence = "“They are known as the night shift,” a senior port official told Politico."
    assert last_source(sentence) == "senior port official"


def test_told_reporters_with_date_and_that():
    sentence = ("Press Secretary Maj. Gen. Pat Ryder told reporters Oct. 17 that the navy "
                "could not confirm it.")
    assert last_source(sentence) == "Pat Ryder"


def test_who_clause_between_subject_and_verb():
    sentence = "Lena Marsk, who studies bridges at the Orrin Institute, said the cables were old."
    assert last_source(sentence) == "Lena Marsk"


def test_appositive_name_after_description():
    assert last_source("His brother, Gary Pell, told the paper the claims were false.") == "Gary Pell"


def test_possessive_office_said():
    assert last_source("Mayor Lind's office said the bridge was safe.") == "Lind's office"


@pytest.mark.parametrize("verb", [
    "accused the port of negligence", "denied that the bridge was unsafe",
    "dismissed the claims", "rejected the report", "warned that the cables could fail",
    "confirmed the closure", "added that repairs had begun", "noted that traffic was light",
    "wrote that the bridge was old", "stated that repairs had begun", "claimed the bridge was safe",
    "insisted the bridge was safe", "argued that repairs were late", "believed repairs were late",
    "reported that repairs had begun",
])
def test_reporting_verbs_attribute_to_their_subject(verb):
    assert last_source(f"Mira Olsen {verb}.") == "Mira Olsen"


def test_said_in_a_statement():
    sentence = "The Port Authority said in a statement that the bridge would reopen."
    assert last_source(sentence) == "Port Authority"


def test_asked_about_opening_clause():
    sentence = "Asked about the closure, harbour master Ines Vale said the bridge was safe."
    assert last_source(sentence) == "Ines Vale"


def test_citing_another_source_the_reporter_is_the_source():
    sentence = "Local media, citing the Port Authority, reported that the bridge would close."
    assert last_source(sentence) == "Local media"


def test_passive_quoted_as_saying():
    sentence = "Mira Olsen was quoted as saying the bridge was safe."
    assert last_source(sentence) == "Mira Olsen"


def test_coordinated_subject_is_kept_whole():
    sentence = "Dravenia and Kessaria both deny they have traded arms."
    assert last_source(sentence) == "Dravenia and Kessaria"


# --- resolution inside the article ---------------------------------------------------


def test_it_resolves_to_the_last_named_body():
    sources = attribute_sources([
        "The Port Authority said the bridge would close.",
        "It said repairs would take a month.",
    ], OUTLET)
    assert sources[1] == "Port Authority"


def test_he_resolves_to_the_last_named_person():
    sources = attribute_sources([
        "Harbour master Ines Vale said the bridge was closed.",
        "The Port Authority said repairs would take a month.",
        "He added that ferries would run instead.",
    ], OUTLET)
    assert sources[2] == "Ines Vale"


def test_the_agency_resolves_to_the_named_agency():
    sources = attribute_sources([
        "Kessaria's Defence Intelligence Directorate (DID) said a missile was fired.",
        "The missile flew 1,100 km, the agency said.",
    ], OUTLET)
    assert sources[1] == "Defence Intelligence Directorate"


def test_acronym_resolves_to_the_name_it_abbreviates():
    sources = attribute_sources([
        "Kessaria's Defence Intelligence Directorate (DID) said a missile was fired.",
        "The DID said it had tracked the launch.",
    ], OUTLET)
    assert sources[1] == "Defence Intelligence Directorate"


def test_headline_description_resolves_to_the_body_named_next():
    sources = attribute_sources([
        "Dravenia fired new missile into Sallow Sea, Kessarian spy agency says",
        "Dravenia launched a missile, Kessaria's Defence Intelligence Directorate (DID) said.",
    ], OUTLET)
    assert sources[0] == "Defence Intelligence Directorate"


def test_the_professor_resolves_to_the_person_called_professor():
    sources = attribute_sources([
        "“It is a risk,” said Leif Berg, professor of engineering at Orrin University.",
        "Harbour master Ines Vale said the bridge was closed.",
        "The professor said the cables should be replaced.",
    ], OUTLET)
    assert sources[2] == "Leif Berg"


def test_the_source_resolves_to_the_unnamed_source():
    sources = attribute_sources([
        "A senior security source told the paper the files were stolen.",
        "“He was caught red-handed,” the source said.",
    ], OUTLET)
    assert sources[1] == "senior security source"


def test_presidential_office_is_named_after_its_country():
    sources = attribute_sources([
        "Earlier, Kessarian President Ilse Corvan met her cabinet, Corvan's office said.",
    ], OUTLET)
    assert sources[0] == "Kessarian presidential office"


# --- canonical names ------------------------------------------------------------------


@pytest.mark.parametrize("written, canonical", [
    ("Pentagon Press Secretary Maj. Gen. Pat Ryder", "Pat Ryder"),
    ("NATO Secretary-General Mark Rutte", "Mark Rutte"),
    ("Ukraine's President Volodymyr Zelenskiy", "Volodymyr Zelenskiy"),
    ("Sir Keir Starmer", "Keir Starmer"),
    ("Priya Anand KC", "Priya Anand"),
])
def test_titles_and_roles_are_stripped_from_person_names(written, canonical):
    assert last_source(f"{written} said the bridge was safe.") == canonical


def test_mr_surname_maps_to_the_full_name():
    sources = attribute_sources([
        "Hong Min, an analyst at the Orrin Institute, believed the bridge was safe.",
        "Mr. Hong said repairs were overdue.",
    ], OUTLET)
    assert sources[1] == "Hong Min"


def test_surname_only_maps_to_the_earlier_full_name():
    sources = attribute_sources([
        "Opposition MP Marit Osterlund told parliament the fee was illegal.",
        "Osterlund said the money was paid in four instalments.",
    ], OUTLET)
    assert sources[1] == "Marit Osterlund"


def test_unnamed_source_keeps_its_role_without_article():
    assert last_source("A senior Kessarian military official said the drills would continue.") \
        == "senior Kessarian military official"


# --- quotations over two sentences ---------------------------------------------------


def test_quote_continued_in_next_sentence_keeps_the_speaker():
    sources = attribute_sources([
        "“This is the most serious scandal in a generation,” Marit Osterlund said.",
        "“Every taxpayer deserves to know where that money went.”",
    ], OUTLET)
    assert sources[1] == "Marit Osterlund"


def test_unclosed_quote_continues_into_the_next_sentence():
    sources = attribute_sources([
        "Ines Vale said: “The bridge is closed.",
        "Ferries will run instead.”",
    ], OUTLET)
    assert sources[1] == "Ines Vale"


def test_single_quotes_continue_a_quotation():
    sources = attribute_sources([
        "'There is no fuel leak,' a navy spokesperson said.",
        "'The pictures are from another incident.'",
    ], OUTLET)
    assert sources == ["navy spokesperson", "navy spokesperson"]


def test_quote_after_a_sentence_without_quotation_gets_the_outlet():
    sources = attribute_sources([
        "Ramon Pardo of King's College said the change may not be enough.",
        "“I think its red line is elsewhere.”",
    ], OUTLET)
    assert sources[1] == OUTLET


def test_unattributed_sentence_after_a_speaker_gets_the_outlet():
    sources = attribute_sources([
        "Ines Vale said the bridge was closed.",
        "The bridge was built in 1964.",
    ], OUTLET)
    assert sources[1] == OUTLET


# --- two speakers, outlet fallbacks --------------------------------------------------


def test_two_speakers_the_main_clause_speaker_wins():
    sentence = ("Kessaria's president Ilse Corvan accused Dravenia of firing a missile, "
                "although Sallow Council chief Mark Rutte said there was no evidence.")
    assert last_source(sentence) == "Ilse Corvan"


def test_speaker_inside_a_subordinate_clause_gives_the_outlet():
    sentence = ("The announcement came a day after Kessarian President Ilse Corvan said "
                "the missile was fired.")
    assert last_source(sentence) == OUTLET


def test_question_gets_the_outlet():
    assert last_source("Is the bridge safe?") == OUTLET


def test_background_gets_the_outlet():
    assert last_source("The bridge was built in 1964 and carries 40,000 cars a day.") == OUTLET


@pytest.mark.parametrize("sentence", [
    "The Port Authority did not immediately respond to a request for comment.",
    "The Port Authority declined to comment.",
    "The Port Authority hasn't commented on the report.",
])
def test_silence_gets_the_outlet(sentence):
    assert last_source(sentence) == OUTLET


def test_headline_says_then_question():
    sources = attribute_sources(["Kessaria says Dravenia fired a missile.", "Is that true?"], OUTLET)
    assert sources == ["Kessaria", OUTLET]


def test_headline_label_before_a_colon_is_the_source():
    assert last_source("S. Korea: N. Korean troops in Russia prepare for combat") == "South Korea"


def test_claim_without_evidence_gets_the_outlet():
    sentence = ("The ministry claimed, without providing evidence, that the cases were found "
                "inside its territory.")
    assert last_source(sentence) == OUTLET


def test_deny_as_an_act_gets_the_outlet():
    assert last_source("The procurement agency denied the Ostmark group a second round.") == OUTLET


def test_outlet_named_in_the_sentence_is_the_outlet():
    sentences = ["An electrician has been arrested, the Ledger can reveal."]
    assert attribute_sources(sentences, OUTLET) == [OUTLET]


def test_empty_article_has_no_sources():
    assert attribute_sources([], OUTLET) == []


# --- comparing source names ----------------------------------------------------------


def test_canonical_key_is_the_same_for_one_person():
    keys = {canonical_source_key(name) for name in (
        "Dmitry Peskov", "Peskov", "presidential spokesman Dmitry Peskov",
        "Kremlin spokesman Dmitry Peskov")}
    assert len(keys) == 1


def test_canonical_key_of_a_body_is_its_acronym():
    assert canonical_source_key("National Intelligence Service (NIS)") == canonical_source_key("NIS")


def test_sources_match_surname_to_full_name():
    assert sources_match("Rutte", "Mark Rutte")


def test_sources_match_acronym_to_initials():
    assert sources_match("NIS", "National Intelligence Service (NIS)")
    assert sources_match("National Intelligence Service", "NIS")


def test_sources_match_contained_name():
    assert sources_match("South Korea's National Intelligence Service", "National Intelligence Service")


def test_sources_match_demonym_and_transliteration():
    assert sources_match("South Korea's presidential office", "South Korean presidential office")
    assert sources_match("Volodymyr Zelensky", "Volodymyr Zelenskyy")


def test_sources_match_leaves_anaphors_to_the_attributor():
    assert not sources_match("the agency", "National Intelligence Service")
    assert not sources_match("the spy agency", "the spy agency")


def test_sources_match_keeps_different_sources_apart():
    assert not sources_match("North Korea", "South Korea")
    assert not sources_match("NIS", "Yoon Suk Yeol")


def test_the_airline_resolves_to_a_body_named_earlier_without_speaking():
    sentences = [
        "Skylark Airways agreed in March to buy its smaller rival for £340 million.",
        "The deal still needs the approval of the competition regulator.",
        "The airline has dismissed reports that it might also sell a subsidiary.",
    ]
    assert attribute_sources(sentences, "The Ferrier Review")[2] == "Skylark Airways"
