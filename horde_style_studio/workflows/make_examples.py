"""Make examples: publish pictures a style made on the user's image host and attach them (issue 15).

The Horde's own result links are never attached: they expire after 30 minutes (REFERENCE §13). The picked
pictures are uploaded, each link is checked until it serves exactly the uploaded bytes, and only then are they
attached through the examples endpoints, which take care of the primary quirks of §2.7 B5; the style is
left with exactly one primary.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.domain.trials import TrialResult
from horde_style_studio.domain.validation import MAX_EXAMPLES
from horde_style_studio.services.image_hosts import (
    CONTENT_TYPES,
    ImageHost,
    ImageHostError,
    is_horde_result_link,
    object_name,
    wait_until_served,
)
from horde_style_studio.services.images import ImageFetcher
from horde_style_studio.workflows import examples_primary
from horde_style_studio.workflows.trials import Sleep

DEFAULT_PUBLISH_WAIT: Final = 600.0


class MakeExamplesError(Exception):
    """Why examples could not be made; ``str(err)`` is a sentence for the user."""


@dataclass(frozen=True)
class ExampleStep:
    """Progress for the user: which picture, and what is happening to it."""

    index: int
    total: int
    doing: str


def check_picks(style: ImageStyle, picks: Sequence[TrialResult], primary: int) -> None:
    """Refuse before anything is uploaded: too many, nothing to upload, a censored picture, no primary."""
    if not picks:
        raise MakeExamplesError("Pick at least one picture.")
    room = MAX_EXAMPLES - len(style.examples)
    if len(picks) > room:
        raise MakeExamplesError(
            f"A style has at most {MAX_EXAMPLES} examples; this one has room for {max(room, 0)} more."
        )
    if not 0 <= primary < len(picks):
        raise MakeExamplesError("Choose which picture is the primary example.")
    for pick in picks:
        if pick.data is None or pick.extension not in CONTENT_TYPES:
            raise MakeExamplesError("Only pictures can be examples.")
        if pick.censored:
            raise MakeExamplesError("A censored picture cannot be an example.")


class ExampleMaker:
    def __init__(
        self,
        session: HordeManualClient,
        host: ImageHost,
        fetcher: ImageFetcher,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        publish_wait: float = DEFAULT_PUBLISH_WAIT,
    ) -> None:
        self._session = session
        self._host = host
        self._fetcher = fetcher
        self._sleep = sleep
        self._clock = clock
        self._publish_wait = publish_wait

    async def publish(self, pick: TrialResult) -> str:
        """Upload one picture and return its link once the link serves it."""
        assert pick.data is not None  # check_picks ran
        assert pick.extension is not None
        name = object_name(pick.data, pick.extension)
        url = await self._host.put(name, pick.data, CONTENT_TYPES[pick.extension])
        if is_horde_result_link(url):
            raise MakeExamplesError(
                "The image host gave a Horde result link; those expire and are never used."
            )
        await wait_until_served(
            self._fetcher,
            url,
            pick.data,
            give_up_after=self._publish_wait,
            sleep=self._sleep,
            clock=self._clock,
        )
        return url

    async def make(
        self,
        style: ImageStyle,
        picks: Sequence[TrialResult],
        primary: int,
        on_step: Callable[[ExampleStep], None] | None = None,
    ) -> ImageStyle:
        """Publish ``picks`` and attach them; ``picks[primary]`` becomes the primary example."""
        check_picks(style, picks, primary)
        total = len(picks)

        def step(index: int, doing: str) -> None:
            if on_step is not None:
                on_step(ExampleStep(index, total, doing))

        links: list[str] = []
        try:
            for index, pick in enumerate(picks):
                step(index, "uploading")
                links.append(await self.publish(pick))
        except ImageHostError as err:
            raise MakeExamplesError(str(err)) from None
        shown = style
        for index, url in enumerate(links):
            step(index, "attaching")
            if any(example.url == url for example in shown.examples):
                continue  # the same picture again: already an example of this style
            # The examples flow the Examples tab and the CLI use: exactly one primary afterwards (§2.7 B5).
            shown = await examples_primary.add_example(self._session, shown, url, primary=index == primary)
        return shown
