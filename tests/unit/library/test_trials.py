"""Trials kept per style in the library: results survive a restart, only the newest are kept."""

from __future__ import annotations

from pathlib import Path

from horde_style_studio.domain.jobs import JobRequest, JobState
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.trials import Trial, TrialResult
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.trials import KEEP_PER_OWNER, TrialBook


def _trial(owner: str, seed: str = "7", *, draft: bool = False) -> Trial:
    return Trial(
        StyleKind.IMAGE,
        "Noir Alley",
        JobRequest(prompt="a lighthouse###fog", style=None if draft else owner, n=2, seed=seed),
        draft=draft,
        job_id="job-1",
        kudos=12.5,
        state=JobState.DONE,
        results=[
            TrialResult("g-1", seed, "Deliberate", "Attic 3090", False, b"\x89PNG-one", "png"),
            TrialResult("g-2", str(int(seed) + 1), "Deliberate", "Attic 3090", True, b"\x89PNG-two", "png"),
        ],
        owner=owner,
    )


def test_a_kept_trial_comes_back_after_reopening_with_its_pictures(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    library = StyleLibrary.open(path)
    TrialBook(library).keep_trial(_trial("style-1"))
    TrialBook(library).keep_trial(_trial("draft-9", draft=True))
    library.close()

    reopened = StyleLibrary.open(path)
    [trial] = TrialBook(reopened).trials_of("style-1")
    reopened.close()
    assert trial.request.prompt == "a lighthouse###fog"
    assert trial.request.seed == "7"
    assert [r.data for r in trial.results] == [b"\x89PNG-one", b"\x89PNG-two"]
    assert [r.censored for r in trial.results] == [False, True]
    assert trial.kudos == 12.5
    assert not trial.draft


def test_only_the_newest_trials_of_a_style_are_kept(library: StyleLibrary) -> None:
    book = TrialBook(library)
    for n in range(KEEP_PER_OWNER + 3):
        book.keep_trial(_trial("style-1", seed=str(100 + n)))
    book.keep_trial(_trial("style-2"))
    kept = book.trials_of("style-1")
    assert len(kept) == KEEP_PER_OWNER
    assert kept[0].request.seed == str(100 + KEEP_PER_OWNER + 2)  # newest first
    assert len(book.trials_of("style-2")) == 1


def test_a_forgotten_trial_is_gone(library: StyleLibrary) -> None:
    book = TrialBook(library)
    trial_id = book.keep_trial(_trial("style-1"))
    book.forget_trial(trial_id)
    assert book.trials_of("style-1") == []
