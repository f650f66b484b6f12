"""``try {image,text} STYLE "PROMPT" [--n N] [--seed S] [--out DIR] [--dry-run]``: generate with a style.

Prints the job id and kudos as soon as the job is queued, then one line per generation (seed, model, worker
and the file written, or the text). With ``--json``: one object ``{"job", "kudos", "generations": [...]}``.
Ctrl+C cancels the job on the server: the trial's task is cancelled, which sends the DELETE, and the session
cancels anything still tracked on its way out (exit 130).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from horde_style_studio.cli.context import CliContext
from horde_style_studio.cli.errors import CliError, CliInputError, CliRefusedError
from horde_style_studio.cli.output import emit, emit_json, note
from horde_style_studio.domain.jobs import MAX_IMAGE_BATCH, MAX_TEXT_BATCH, Job, JobRequest
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.trials import Trial
from horde_style_studio.workflows.trials import (
    TrialError,
    TrialRunner,
    pick_seed,
    result_fetcher,
    save_trial,
)


async def try_style(ctx: CliContext, args: argparse.Namespace) -> int:
    ctx.require_key()
    kind = StyleKind(args.kind)
    limit = MAX_IMAGE_BATCH if kind is StyleKind.IMAGE else MAX_TEXT_BATCH
    if not 1 <= args.n <= limit:
        raise CliInputError(f"--n must be between 1 and {limit} for {kind.value} styles")
    if not args.prompt.strip():
        raise CliInputError("the prompt is empty")
    seed = args.seed if args.seed is not None else pick_seed()
    request = JobRequest(kind=kind, prompt=args.prompt, style=args.style, n=args.n, seed=seed)
    fetcher = result_fetcher(ctx.session.base_url)
    runner = TrialRunner(ctx.session, fetcher)
    try:
        if args.dry_run:
            estimate = await runner.estimate(request)
            if ctx.as_json:
                emit_json({"job": None, "kudos": estimate.kudos, "generations": []})
            else:
                emit(f"kudos {estimate.kudos:g} (estimate: {estimate.how}; nothing was queued)")
            return 0
        trial = Trial(kind, args.style, request)

        def submitted(job: Job) -> None:
            if not ctx.as_json:
                emit(f"job {job.id}  kudos {job.kudos:g}  seed {seed}")

        try:
            await runner.run(trial, on_submitted=submitted)
        except TrialError as err:
            raise CliRefusedError(str(err)) from None
        _report(ctx, trial, args.out, seed)
    finally:
        await fetcher.aclose()
    return 0


def _report(ctx: CliContext, trial: Trial, out: str | None, seed: str) -> None:
    files: list[Path | None] = [None] * len(trial.results)
    if trial.kind is StyleKind.IMAGE:
        try:
            files = list(save_trial(trial, Path(out or ".")))
        except OSError as err:
            raise CliError(f"cannot write the images: {err.strerror or type(err).__name__}") from None
    if trial.kind is StyleKind.IMAGE and trial.request.style and all(r.seed != seed for r in trial.results):
        # REFERENCE §5: 5.1.5 drops a styled request's seed.
        note("The server chose its own seeds: server version 5.1.5 drops the seed of a styled request.")
    rows: list[dict[str, Any]] = []
    for result, path in zip(trial.results, files, strict=True):
        row: dict[str, Any] = {
            "id": result.id,
            "seed": result.seed,
            "model": result.model,
            "worker": result.worker,
            "censored": result.censored,
        }
        if result.text is not None:
            row["text"] = result.text
        else:
            row["file"] = str(path)
        rows.append(row)
    if ctx.as_json:
        emit_json({"job": trial.job_id, "kudos": trial.kudos, "generations": rows})
        return
    for row in rows:
        censored = "  censored" if row["censored"] else ""
        head = f"seed {row['seed']}  model {row['model']}  worker {row['worker']}{censored}"
        if "file" in row:
            emit(f"{head}  {row['file']}")
        else:
            emit(head)
            emit(row["text"])
