
import pytest

from newsstance.data.clean import clean_article
from newsstance.data.seeds import SEEDS_DIR, seed_documents

# What each seed page loses to cleaning, by rule: the specification of the cleaner on real pages.
EXPECTED_DROPS = {
    "000_90b71cf696b4daca": {"masthead": 1, "page-date": 1, "navigation": 1, "photo-credit": 2,
                             "repeated-line": 1, "copyright": 2},
    "001_f5052e04b0ca8637": {"navigation": 1, "author-bio": 4},
    "002_804fa7cba1b8dd98": {"donation-pitch": 1, "contributor-credit": 1},
    "003_3fba8a3ef3ea2cc3": {"blank": 1, "photo-credit": 1, "contributor-credit": 1, "paywall": 17},
    "004_8f2c04f046754836": {"page-date": 1, "comment-rules": 2},
}


@pytest.mark.parametrize("document", seed_documents(), ids=lambda d: d.doc_id)
def test_each_seed_loses_exactly_its_boilerplate(document):
    cleaned = clean_article((SEEDS_DIR / document.file).read_text(encoding="utf-8"), outlet=document.outlet)
    lost: dict[str, int] = {}
    for _, rule in cleaned.dropped:
        lost[rule] = lost.get(rule, 0) + 1
    assert lost == EXPECTED_DROPS[document.doc_id]


def test_photo_credit_is_dropped_but_its_caption_kept():
    page = "SPUTNIK/VLADIMIR SMIRNOV/POOL\nLeaders attend a state reception in the capital on June 19."
    assert clean_article(page).paragraphs == ["Leaders attend a state reception in the capital on June 19."]


def test_everything_after_a_paywall_appeal_is_dropped():
    page = "The minister resigned.\nYou've read 3 of 5 free articles. Subscribe to continue.\nDear Reader,\nWe are a small newsroom."
    assert clean_article(page).paragraphs == ["The minister resigned."]


def test_dateline_prefix_is_stripped_from_the_first_sentence():
    assert clean_article("SEOUL >> The agency said on Friday.").paragraphs == ["The agency said on Friday."]
    assert clean_article("LONDON (Reuters) - Shares fell.").paragraphs == ["Shares fell."]


def test_outlet_masthead_is_dropped_only_when_named():
    assert clean_article("The Daily Ledger\nShares fell.", outlet="The Daily Ledger").paragraphs == ["Shares fell."]
    assert clean_article("The Daily Ledger\nShares fell.").paragraphs == ["The Daily Ledger", "Shares fell."]


def test_urls_credits_and_ads_are_dropped():
    page = "Advertisement\nhttps://example.com/story\nReuters contributed to this report\nShares fell."
    assert clean_article(page).paragraphs == ["Shares fell."]


def test_a_line_repeated_on_the_page_is_kept_once():
    page = "A caption of the photo.\nBody text here.\nA caption of the photo."
    assert clean_article(page).paragraphs == ["A caption of the photo.", "Body text here."]


def test_non_breaking_spaces_become_plain_spaces():
    assert clean_article("Shares\u00a0fell  sharply.").paragraphs == ["Shares fell sharply."]
