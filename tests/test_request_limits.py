"""Python's side of "a worker no request can kill": the limits calculate_json keeps
(the worker applies the same ones first, from calculators.request_limits())."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.api import MAX_REQUEST_BYTES, MAX_REQUEST_DEPTH, TOO_LARGE


def depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def refused(text: str) -> bool:
    return json.loads(calculators.calculate_json(text))["errors"][0]["message"] == TOO_LARGE


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab', max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=4), children, max_size=3),
    max_leaves=60,
)


def wrapped(levels_and_value):
    levels, value = levels_and_value
    for level in range(levels):
        value = [value] if level % 2 else {"[{": value}
    return value


# Around the limit too: a random value wrapped in up to 40 levels.
NEAR_LIMIT = st.tuples(st.integers(0, 40), JSON).map(wrapped)


@settings(max_examples=300)
@given(JSON | NEAR_LIMIT)
def test_depth_is_measured_on_the_text_as_json_nests(value):
    # Brackets and quotes inside strings do not count; only real nesting does.
    text = json.dumps(value)
    assert refused(text) == (depth(value) > MAX_REQUEST_DEPTH)


def test_the_limits_are_published_for_the_worker():
    assert json.loads(calculators.request_limits()) == {
        "max_bytes": MAX_REQUEST_BYTES,
        "max_depth": MAX_REQUEST_DEPTH,
        "refusal": TOO_LARGE,
    }


def test_size_counts_bytes_and_deep_nesting_never_recurses():
    under = json.dumps({"name": "breathing", "params": {"cadence": "é" * 100}})
    assert not refused(under)
    assert refused(json.dumps({"name": "breathing", "params": {"cadence": "é" * (MAX_REQUEST_BYTES // 2)}}, ensure_ascii=False))
    assert refused("[" * 100_000)  # cut off before json.loads sees it
    assert not refused("[" * MAX_REQUEST_DEPTH + "]" * MAX_REQUEST_DEPTH)


def test_unknown_fields_are_capped_and_cut():
    result = calculators.calculate("breathing", {"x" * 10_000 + str(i): i for i in range(1_000)})
    assert len(result["errors"]) == 11
    assert all(len(error["field"]) <= 40 and "x" * 41 not in error["message"] for error in result["errors"][:10])
    assert result["errors"][-1] == {"field": None, "message": "En nog 990 onbekende velden."}
    one_more = calculators.calculate("breathing", {f"k{i}": i for i in range(11)})
    assert one_more["errors"][-1]["message"] == "En nog 1 onbekend veld."
    assert calculators.calculate("breathing", {"kort": 1})["errors"][0]["field"] == "kort"
