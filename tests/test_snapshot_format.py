"""The memory snapshot's file without its pages of zeros (scripts/snapshot_format.py): what
goes in comes back out, byte for byte, and a body that does not fit its runs is refused."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import snapshot_format  # noqa: E402

PAGE = snapshot_format.PAGE
# Memory as pages that are zeros or not, and a short last page: the shapes a snapshot has.
pages = st.lists(st.one_of(st.just(bytes(PAGE)), st.binary(min_size=PAGE, max_size=PAGE)), max_size=12)
memory = st.builds(lambda full, tail: b"".join(full) + tail, pages, st.binary(max_size=PAGE - 1))


@settings(max_examples=150, deadline=None)
@given(memory)
def test_what_goes_in_comes_back(payload):
    body = snapshot_format.pack(payload)
    assert snapshot_format.unpack(body, len(payload)) == payload
    # Only the pages that are not all zeros are stored, behind the table of runs.
    stored = sum(len(payload[at : at + PAGE]) for at in range(0, len(payload), PAGE) if any(payload[at : at + PAGE]))
    (runs,) = snapshot_format.struct.unpack_from("<I", body)
    assert len(body) == 4 + 8 * runs + stored


def test_the_header_names_the_size_the_page_and_both_hashes():
    payload = bytes(PAGE) + b"python" + bytes(3 * PAGE)
    header, body = snapshot_format.read(snapshot_format.write(payload, b"{}"))
    assert header["format"] == snapshot_format.FORMAT and header["size"] == len(payload) and header["page"] == PAGE
    assert len(body) == 4 + 8 + PAGE  # one run of one page
    assert len(snapshot_format.write(payload, b"{}").split(b"\n", 1)[0]) % snapshot_format.ALIGN == snapshot_format.ALIGN - 1


def test_a_body_that_does_not_fit_its_runs_is_refused():
    payload = b"x" * (3 * PAGE)
    body = snapshot_format.pack(payload)
    with pytest.raises(ValueError):
        snapshot_format.unpack(body + b"extra", len(payload))
