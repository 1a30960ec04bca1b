import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsstance.eval.splits import grouped_folds, leave_one_outlet_out, split_units

WIRE = "North Korea has shipped 1,500 special forces troops to the far east for training, the agency said."


def test_reprints_in_different_groups_become_one_unit():
    texts = [WIRE, WIRE.replace("1,500", "about 1,500"), "Shares fell sharply on Monday in Tokyo trading."]
    units = split_units(texts, ["outlet-a", "outlet-b", "outlet-c"])
    assert units[0] == units[1] != units[2]


def test_sentences_of_one_group_stay_one_unit():
    units = split_units(["First sentence here.", "A different sentence."], ["story", "story"])
    assert units[0] == units[1]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 5), st.integers(0, 2)), min_size=12, max_size=60),
       st.integers(0, 1000))
def test_no_story_or_near_duplicate_is_ever_on_both_sides(rows, seed):
    texts = [f"sentence number {t} about topic {t} with words {t * 7}" for t, _, _ in rows]
    groups = [f"g{g}" for _, g, _ in rows]
    labels = np.array([label for _, _, label in rows])
    units = split_units(texts, groups)
    if len(set(units.tolist())) < 2:
        return
    for train, test in grouped_folds(labels, units, k=3, seed=seed):
        assert not set(units[train]) & set(units[test])
        assert not {groups[i] for i in train} & {groups[i] for i in test}
        assert not {texts[i] for i in train} & {texts[i] for i in test}


def test_folds_cover_every_sentence_exactly_once():
    labels = np.array([0, 1, 2] * 10)
    units = np.arange(30) // 3
    tests = np.concatenate([test for _, test in grouped_folds(labels, units, k=5, seed=0)])
    assert sorted(tests.tolist()) == list(range(30))


def test_leave_one_outlet_out_drops_reprints_of_the_held_out_outlet_from_training():
    outlets = ["A", "B", "B", "C"]
    units = np.array([0, 0, 1, 2])  # sentence 0 (A) and 1 (B) are one wire sentence
    folds = {outlet: (train, test) for outlet, train, test in leave_one_outlet_out(outlets, units)}
    train, test = folds["A"]
    assert test.tolist() == [0] and train.tolist() == [2, 3]
