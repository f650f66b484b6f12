"""The look at the bulk-edit queue Browse takes when it opens (issue 18: the queue itself is made later)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.bulk_glance import QueueGlance, glance
from horde_style_studio.library.bulk_queue import BulkJobState, BulkQueue


@pytest.fixture
def library() -> Iterator[StyleLibrary]:
    library = StyleLibrary.in_memory()
    yield library
    library.close()


def test_a_library_whose_queue_was_never_used_has_no_job(library: StyleLibrary) -> None:
    assert glance(library) == QueueGlance(newest_job=0, unfinished=False)


@pytest.mark.parametrize("state", list(BulkJobState))
def test_the_glance_tells_what_the_queue_tells(library: StyleLibrary, state: BulkJobState) -> None:
    queue = BulkQueue(library)
    assert glance(library) == QueueGlance(newest_job=0, unfinished=False)
    done = queue.enqueue({"kind": "noop"}, "Done long ago", [])
    queue.set_job_state(done, BulkJobState.DONE)
    assert glance(library) == QueueGlance(newest_job=done, unfinished=False)
    job_id = queue.enqueue({"kind": "noop"}, "The newest", [])
    queue.set_job_state(job_id, state)
    unfinished = [job.id for job in queue.jobs(unfinished_only=True)]
    assert unfinished == ([] if state.finished else [job_id])
    assert glance(library) == QueueGlance(newest_job=job_id, unfinished=bool(unfinished))
