"""Issue 14 item 5: image hosts that attack. A host that trickles is cut off at the deadline, redirects and
names into this machine or a private network are refused, and an SVG labelled image/png is no picture. The
hosts are the sandbox's own fault modes, served over a real socket on loopback."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from horde_style_studio.sandbox.images import PNG_SIGNATURE
from horde_style_studio.sandbox.server import RunningSandbox, start_in_thread
from horde_style_studio.services.images import (
    FetchPolicy,
    ImageCheckError,
    ImageFetcher,
    ImageProblem,
    horde_host,
    origin_of,
)

PNG = PNG_SIGNATURE + b"rest of a png"


@pytest.fixture
def sandbox() -> Iterator[RunningSandbox]:
    running = start_in_thread()
    yield running
    running.stop()


@pytest.fixture
async def fetchers() -> AsyncIterator[list[ImageFetcher]]:
    made: list[ImageFetcher] = []
    yield made
    for fetcher in made:
        await fetcher.aclose()


def for_sandbox(sandbox: RunningSandbox, made: list[ImageFetcher], **policy: float) -> ImageFetcher:
    """A fetcher set up as the app sets it up for a Horde at ``sandbox``'s address."""
    fetcher = ImageFetcher(
        FetchPolicy(
            http_origins=frozenset({origin_of(sandbox.base_url)}),
            trusted_hosts=horde_host(sandbox.base_url),
            **policy,  # type: ignore[arg-type]  # only float fields are passed
        )
    )
    made.append(fetcher)
    return fetcher


def image_url(sandbox: RunningSandbox, name: str) -> str:
    return f"{origin_of(sandbox.base_url)}/sandbox-images/{name}.png"


async def refusal(fetcher: ImageFetcher, url: str) -> ImageCheckError:
    with pytest.raises(ImageCheckError) as caught:
        await fetcher.fetch(url)
    return caught.value


async def test_the_configured_hordes_own_images_still_come(
    sandbox: RunningSandbox, fetchers: list[ImageFetcher]
) -> None:
    fetcher = for_sandbox(sandbox, fetchers)
    fetched = await fetcher.fetch(image_url(sandbox, "fine-1"))
    assert fetched.data.startswith(PNG_SIGNATURE)


async def test_a_host_sending_a_byte_a_second_is_cut_off_at_the_deadline(
    sandbox: RunningSandbox, fetchers: list[ImageFetcher]
) -> None:
    sandbox.app.faults.add("trickle", path="/sandbox-images/slow", times=None, interval=1.0)
    fetcher = for_sandbox(sandbox, fetchers, deadline=2.0)
    started = time.monotonic()
    err = await refusal(fetcher, image_url(sandbox, "slow-1"))
    assert time.monotonic() - started < 10  # a byte a second: httpx's read timeout alone never fires
    assert err.problem is ImageProblem.UNREACHABLE
    assert "within 2 seconds" in err.message


async def test_a_redirect_to_another_server_on_this_machine_is_refused(
    sandbox: RunningSandbox, fetchers: list[ImageFetcher]
) -> None:
    sandbox.app.faults.add("redirect", path="/sandbox-images/moved", location="https://127.0.0.1:9/admin.png")
    fetcher = for_sandbox(sandbox, fetchers)
    err = await refusal(fetcher, image_url(sandbox, "moved-1"))
    assert err.problem is ImageProblem.URL_REFUSED
    assert "127.0.0.1" in err.message
    assert "private network" in err.message


async def test_an_svg_labelled_png_is_no_picture(
    sandbox: RunningSandbox, fetchers: list[ImageFetcher]
) -> None:
    sandbox.app.faults.add("svg_as_png", path="/sandbox-images/drawing")
    fetcher = for_sandbox(sandbox, fetchers)
    err = await refusal(fetcher, image_url(sandbox, "drawing-1"))
    assert err.problem is ImageProblem.NOT_IMAGE
    assert "image/png" in err.message


@pytest.mark.parametrize(
    "target",
    [
        "https://127.0.0.1:8443/x.png",
        "https://localhost/x.png",
        "https://[::1]/x.png",
        "https://10.0.0.7/x.png",
        "https://192.168.1.1/router.png",
        "https://169.254.169.254/latest/meta-data",
        "https://[::ffff:127.0.0.1]/x.png",
    ],
)
async def test_no_hop_may_lead_into_this_machine_or_a_private_network(
    target: str, fetchers: list[ImageFetcher]
) -> None:
    seen: list[str] = []

    def host(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "img.example":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, content=PNG, headers={"Content-Type": "image/png"})

    fetcher = ImageFetcher(transport=httpx.MockTransport(host))
    fetchers.append(fetcher)
    err = await refusal(fetcher, "https://img.example/cat.png")
    assert err.problem is ImageProblem.URL_REFUSED
    assert seen == ["https://img.example/cat.png"]  # the second hop was never requested
    assert (await refusal(fetcher, target)).problem is ImageProblem.URL_REFUSED


async def test_a_public_name_that_resolves_to_a_private_address_is_refused(
    fetchers: list[ImageFetcher],
) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return {"rebind.example": ["192.168.0.10"], "img.example": ["93.184.215.14"]}[host]

    def host(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=PNG, headers={"Content-Type": "image/png"})

    fetcher = ImageFetcher(transport=httpx.MockTransport(host), resolver=resolver)
    fetchers.append(fetcher)
    assert (await fetcher.fetch("https://img.example/cat.png")).data == PNG
    err = await refusal(fetcher, "https://rebind.example/cat.png")
    assert err.problem is ImageProblem.URL_REFUSED
    assert "rebind.example" in err.message


async def test_an_api_request_ends_by_its_deadline_however_slowly_the_horde_answers(
    sandbox: RunningSandbox,
) -> None:
    from horde_style_studio.api import HordeClientSession
    from horde_style_studio.api.errors import HordeTimeoutError
    from horde_style_studio.api.retry import NO_RETRY
    from horde_style_studio.sandbox import CUSTOMIZER_KEY

    # A byte every half second: each read arrives within the 1 s timeout, so only a deadline ends it.
    sandbox.app.faults.add("trickle", path="/find_user$", times=None, interval=0.5)
    async with HordeClientSession(sandbox.base_url, api_key=CUSTOMIZER_KEY, timeout=1.0, retry=NO_RETRY) as s:
        started = time.monotonic()
        with pytest.raises(HordeTimeoutError):
            await s.find_user()
    assert time.monotonic() - started < 10
