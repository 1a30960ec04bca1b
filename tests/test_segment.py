import pytest

from newsstance.data.segment import segment_paragraphs, split_sentences


@pytest.mark.parametrize(
    "paragraph",
    [
        "Vessels moved troops from Oct. 8 to 13, the agency said.",
        "The U.S. National Security Council did not immediately respond.",
        "Pentagon Press Secretary Maj. Gen. Pat Ryder told reporters it could not be confirmed.",
        "Mr. Hong said Mr. Kim may also see an opportunity.",
        "North Korea has 1.28 million troops and spent $1.5 billion on arms, data showed.",
    ],
    ids=["month-abbreviation", "U.S.", "military-titles", "Mr.", "decimals-and-amounts"],
)
def test_abbreviations_do_not_end_a_sentence(paragraph):
    assert split_sentences(paragraph) == [paragraph]


def test_two_plain_sentences_are_split():
    assert split_sentences("Shares fell. Is that true?") == ["Shares fell.", "Is that true?"]


def test_a_quotation_closing_with_its_full_stop_ends_the_sentence():
    paragraph = "“We have no evidence,” he said. “But we are watching.”"
    assert split_sentences(paragraph) == ["“We have no evidence,” he said.", "“But we are watching.”"]


def test_a_quotation_spanning_sentences_stays_with_its_attribution():
    paragraph = "Rutte said members “have no evidence. But we do know more.” Others agreed."
    assert split_sentences(paragraph) == ["Rutte said members “have no evidence. But we do know more.”", "Others agreed."]


def test_a_headline_without_full_stop_is_its_own_sentence():
    assert segment_paragraphs(["Troops Deployed, Reports Intelligence", "The agency said so."]) == [
        "Troops Deployed, Reports Intelligence",
        "The agency said so.",
    ]
