"""The image fetcher: what it downloads, what it refuses, and that every refusal names the problem."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from horde_style_studio.sandbox import create_app
from horde_style_studio.sandbox.images import PNG_SIGNATURE
from horde_style_studio.services.images import (
    NOT_AN_ADDRESS,
    FetchPolicy,
    ImageCheckError,
    ImageFetcher,
    ImageProblem,
    loopback_http_origin,
    origin_of,
)

PNG = PNG_SIGNATURE + b"rest of a png"
Handler = Callable[[httpx.Request], httpx.Response]


def serving(handler: Handler, policy: FetchPolicy | None = None) -> tuple[ImageFetcher, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    return ImageFetcher(policy, transport=httpx.MockTransport(record)), seen


def png_response(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PNG, headers={"Content-Type": "image/png"})


@pytest.fixture
async def closing() -> AsyncIterator[list[ImageFetcher]]:
    fetchers: list[ImageFetcher] = []
    yield fetchers
    for fetcher in fetchers:
        await fetcher.aclose()


async def refusal(fetcher: ImageFetcher, url: str) -> ImageCheckError:
    with pytest.raises(ImageCheckError) as caught:
        await fetcher.fetch(url)
    return caught.value


async def test_an_https_image_comes_back_as_bytes(closing: list[ImageFetcher]) -> None:
    fetcher, seen = serving(png_response)
    closing.append(fetcher)
    image = await fetcher.fetch("https://img.example/cat.png")
    assert (image.data, image.content_type, image.url) == (PNG, "image/png", "https://img.example/cat.png")
    assert seen[0].headers["accept"] == "image/*"
    assert "apikey" not in seen[0].headers


@pytest.mark.parametrize(
    "url",
    ["http://img.example/cat.png", "ftp://img.example/cat.png", "img.example/cat.png", "https://", "https:///x"],
)
async def test_links_that_are_not_https_are_refused_before_any_request(
    url: str, closing: list[ImageFetcher]
) -> None:
    fetcher, seen = serving(png_response)
    closing.append(fetcher)
    err = await refusal(fetcher, url)
    assert err.problem is ImageProblem.URL_REFUSED
    assert "https://" in str(err)
    assert seen == []


@pytest.mark.parametrize("url", ["https://[::1/cat.png", "https://\x00bad/cat.png"])
async def test_links_that_are_not_web_addresses_are_refused(url: str, closing: list[ImageFetcher]) -> None:
    fetcher, seen = serving(png_response)
    closing.append(fetcher)
    err = await refusal(fetcher, url)
    assert (err.problem, str(err)) == (ImageProblem.URL_REFUSED, NOT_AN_ADDRESS)
    assert NOT_AN_ADDRESS == "The example link is not a valid web address."
    assert seen == []


async def test_plain_http_only_for_the_origins_the_policy_names(closing: list[ImageFetcher]) -> None:
    policy = FetchPolicy(http_origins=frozenset({"http://127.0.0.1:8123"}))
    fetcher, seen = serving(png_response, policy)
    closing.append(fetcher)
    assert (await fetcher.fetch("http://127.0.0.1:8123/sandbox-images/a.png")).data == PNG
    err = await refusal(fetcher, "http://127.0.0.1:9999/sandbox-images/a.png")
    assert err.problem is ImageProblem.URL_REFUSED
    assert len(seen) == 1


@pytest.mark.parametrize(("status", "said"), [(404, "404 Not Found"), (500, "500 Internal Server Error")])
async def test_an_error_status_is_a_broken_link(status: int, said: str, closing: list[ImageFetcher]) -> None:
    fetcher, _ = serving(lambda request: httpx.Response(status, text="nope"))
    closing.append(fetcher)
    err = await refusal(fetcher, "https://img.example/gone.png")
    assert err.problem is ImageProblem.BROKEN
    assert said in str(err)


async def test_an_unreachable_host_is_a_link_out_of_reach_for_now(closing: list[ImageFetcher]) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    fetcher, _ = serving(refuse)
    closing.append(fetcher)
    err = await refusal(fetcher, "https://nowhere.example/a.png")
    assert err.problem is ImageProblem.UNREACHABLE  # offline looks the same: worth trying again later
    assert "could not be reached (Name or service not known)" in str(err)


async def test_a_web_page_is_not_an_image(closing: list[ImageFetcher]) -> None:
    fetcher, _ = serving(lambda request: httpx.Response(200, html="<html>a gallery page</html>"))
    closing.append(fetcher)
    err = await refusal(fetcher, "https://img.example/page")
    assert err.problem is ImageProblem.NOT_IMAGE
    assert "says it is text/html" in str(err)


@pytest.mark.parametrize(
    ("headers", "content", "expected"),
    [
        ({}, PNG, "does not say what it is"),
        ({"Content-Type": "image/svg+xml"}, b"<svg/>", "SVG drawing"),
        ({"Content-Type": "image/png"}, b"", "it is empty"),
    ],
)
async def test_other_non_images(
    headers: dict[str, str], content: bytes, expected: str, closing: list[ImageFetcher]
) -> None:
    fetcher, _ = serving(lambda request: httpx.Response(200, content=content, headers=headers))
    closing.append(fetcher)
    err = await refusal(fetcher, "https://img.example/x")
    assert err.problem is ImageProblem.NOT_IMAGE
    assert expected in str(err)


async def test_a_declared_oversized_body_is_refused(closing: list[ImageFetcher]) -> None:
    big = PNG + bytes(2048)
    fetcher, _ = serving(
        lambda request: httpx.Response(200, content=big, headers={"Content-Type": "image/png"}),
        FetchPolicy(max_bytes=1024),
    )
    closing.append(fetcher)
    err = await refusal(fetcher, "https://img.example/huge.png")
    assert err.problem is ImageProblem.TOO_LARGE
    assert str(err) == "The image is too large (2 KB, more than the 1 KB limit)."


async def test_an_undeclared_oversized_body_is_cut_off(closing: list[ImageFetcher]) -> None:
    async def stream() -> AsyncIterator[bytes]:
        for _ in range(64):
            yield bytes(1024)

    fetcher, _ = serving(
        lambda request: httpx.Response(200, content=stream(), headers={"Content-Type": "image/png"}),
        FetchPolicy(max_bytes=4096),
    )
    closing.append(fetcher)
    err = await refusal(fetcher, "https://img.example/endless.png")
    assert err.problem is ImageProblem.TOO_LARGE
    assert "more than the 4 KB limit" in str(err)


async def test_redirects_are_followed_only_to_allowed_addresses(closing: list[ImageFetcher]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        targets = {"/moved": "https://cdn.example/cat.png", "/downgrade": "http://cdn.example/cat.png"}
        if request.url.path in targets:
            return httpx.Response(302, headers={"Location": targets[request.url.path]})
        if request.url.path == "/loop":
            return httpx.Response(302, headers={"Location": "/loop"})
        return png_response(request)

    fetcher, seen = serving(handler)
    closing.append(fetcher)
    assert (await fetcher.fetch("https://img.example/moved")).data == PNG
    assert str(seen[-1].url) == "https://cdn.example/cat.png"
    downgrade = await refusal(fetcher, "https://img.example/downgrade")
    assert (downgrade.problem, "not https://" in str(downgrade)) == (ImageProblem.BROKEN, True)
    loop = await refusal(fetcher, "https://img.example/loop")
    assert "redirects too many times" in str(loop)


async def test_the_sandbox_serves_its_own_example_images() -> None:
    fetcher = ImageFetcher(
        FetchPolicy(http_origins=frozenset({"http://sandbox.test"})),
        transport=httpx.ASGITransport(app=create_app(seed=False)),
    )
    try:
        image = await fetcher.fetch("http://sandbox.test/sandbox-images/misty-harbour-1.png")
        assert image.data.startswith(PNG_SIGNATURE)
        missing = await refusal(fetcher, "http://sandbox.test/sandbox-images/Not_A_Name.png")
        assert missing.problem is ImageProblem.BROKEN
    finally:
        await fetcher.aclose()


async def test_a_closed_fetcher_fetches_nothing() -> None:
    fetcher, seen = serving(png_response)
    await fetcher.aclose()
    err = await refusal(fetcher, "https://img.example/cat.png")
    assert err.problem is ImageProblem.BROKEN
    assert seen == []


@pytest.mark.parametrize(
    ("base_url", "origin"),
    [
        ("http://127.0.0.1:8123/api", "http://127.0.0.1:8123"),
        ("http://localhost:80/api", "http://localhost:80"),
        ("https://127.0.0.1:8123/api", None),
        ("http://aihorde.net/api", None),
    ],
)
def test_only_a_loopback_http_horde_lends_its_origin(base_url: str, origin: str | None) -> None:
    assert loopback_http_origin(base_url) == origin


def test_origins_compare_without_case_or_path() -> None:
    assert origin_of("HTTP://Sandbox.Test/sandbox-images/a.png") == "http://sandbox.test"
