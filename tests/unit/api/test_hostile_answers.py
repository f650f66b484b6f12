"""What a hostile or broken Horde can send, against the client (issue 14, items 1, 3 and 4)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.errors import HordeProtocolError, RateLimitedError
from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.sandbox import CUSTOMIZER_KEY, SandboxApp, create_app
from tests.unit.api.conftest import SleepRecorder

BASE = "http://sandbox.test/api"
IMAGES = r"/v2/styles/image$"


@pytest.fixture(params=["modern", "v5_1_5"])
def sandbox(request: pytest.FixtureRequest) -> SandboxApp:
    return create_app(request.param)


@pytest.fixture
async def session(sandbox: SandboxApp, sleeps: SleepRecorder) -> AsyncIterator[HordeClientSession]:
    transport = httpx.ASGITransport(app=sandbox)
    async with HordeClientSession(
        BASE, api_key=CUSTOMIZER_KEY, transport=transport, retry=RetryPolicy(attempts=3), sleep=sleeps
    ) as s:
        yield s


def public_images(sandbox: SandboxApp) -> set[str]:
    return {s.id for s in sandbox.state_store.styles.values() if s.kind == "image" and s.public}


@pytest.mark.logs_warning("skipped a row")
async def test_a_row_that_is_not_an_object_does_not_end_a_whole_list_walk(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("bad_rows", method="GET", path=IMAGES, times=1, rows=4, replace="garbage")
    styles = await session.list_styles(StyleKind.IMAGE, all_pages=True)
    assert len(public_images(sandbox)) - len(styles) <= 1  # only the replaced row can be missing
    assert len(styles) > 25


@pytest.mark.logs_warning("skipped a row")
async def test_an_unreadable_row_is_listed_with_its_name_and_the_rest_of_the_page_kept(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("bad_rows", method="GET", path=IMAGES, times=1, rows=[2, 7])
    page = await session.list_styles(StyleKind.IMAGE)
    assert len(page) == 23
    assert len(page.raw_ids) == 25
    assert [row.id for row in page.unreadable] == [page.raw_ids[2], page.raw_ids[7]]
    assert all(row.name for row in page.unreadable)


@pytest.mark.logs_warning("skipped a row")
@pytest.mark.parametrize(("field", "size"), [("name", 10 * 1024 * 1024), ("info", 6000), ("prompt", 200_000)])
async def test_a_field_past_the_servers_limit_refuses_its_row_by_name(
    session: HordeClientSession, sandbox: SandboxApp, field: str, size: int
) -> None:
    sandbox.faults.add("huge_field", method="GET", path=IMAGES, times=1, rows=0, field=field, size=size)
    page = await session.list_styles(StyleKind.IMAGE)
    assert len(page) == 24
    assert page.raw_ids[0] not in {style.id for style in page}
    (refused,) = page.unreadable
    assert field in refused.reason
    assert len(refused.describe()) < 300


@pytest.mark.logs_warning("skipped a row")
async def test_a_64_bit_overflowing_count_refuses_its_row(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("hostile_number", method="GET", path=IMAGES, times=1, rows=3, token="9" * 30)
    page = await session.list_styles(StyleKind.IMAGE)
    assert len(page) == 24
    assert page.raw_ids[3] not in {style.id for style in page}


async def test_an_answer_over_the_body_limit_is_refused_whole(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("huge_field", method="GET", path=IMAGES, times=1, rows=[0, 1], size=9 * 1024 * 1024)
    with pytest.raises(HordeProtocolError, match="more than 16 MB"):
        await session.list_styles(StyleKind.IMAGE)


@pytest.mark.parametrize("closed", [True, False])
async def test_a_bracket_bomb_is_a_protocol_error_not_a_recursion_error(
    session: HordeClientSession, sandbox: SandboxApp, closed: bool
) -> None:
    sandbox.faults.add("deep_nesting", method="GET", path=IMAGES, times=1, closed=closed)
    with pytest.raises(HordeProtocolError, match="nested more than"):
        await session.list_styles(StyleKind.IMAGE)


@pytest.mark.parametrize(
    ("token", "words"), [("9" * 5000, "5,000 digits"), ("Infinity", "Infinity"), ("NaN", "NaN"),
                         ("1e400", "too large")]
)  # fmt: skip
async def test_hostile_numbers_are_a_protocol_error_in_words(
    session: HordeClientSession, sandbox: SandboxApp, token: str, words: str
) -> None:
    sandbox.faults.add("hostile_number", method="GET", path=IMAGES, times=1, token=token)
    with pytest.raises(HordeProtocolError, match=words):
        await session.list_styles(StyleKind.IMAGE)


@pytest.mark.parametrize("value", ["inf", "1e400", "1e12", "-inf", "99999999999999999999"])
async def test_a_hostile_retry_after_is_clamped_and_said_as_a_time(
    session: HordeClientSession, sandbox: SandboxApp, sleeps: SleepRecorder, value: str
) -> None:
    sandbox.faults.add("rate_limit", method="GET", path=IMAGES, times=None, retry_after=value)
    with pytest.raises(RateLimitedError) as raised:
        await session.list_styles(StyleKind.IMAGE)
    err = raised.value
    assert err.retry_after is not None
    assert 0 <= err.retry_after <= 24 * 3600
    assert all(wait <= 24 * 3600 for wait in sleeps.waits)
    assert "Try again" in str(err)
    if not value.startswith("-"):
        assert "Try again after" in str(err)


async def test_a_nan_retry_after_is_no_wait_at_all(
    session: HordeClientSession, sandbox: SandboxApp, sleeps: SleepRecorder
) -> None:
    sandbox.faults.add("rate_limit", method="GET", path=IMAGES, times=1, retry_after="NaN")
    page = await session.list_styles(StyleKind.IMAGE)
    assert len(page) == 25
    assert len(sleeps.waits) == 1
    assert sleeps.waits[0] < 10


async def test_an_all_null_find_user_answer_is_not_a_user(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("status", path=r"/find_user$", times=1, status=200,
                       body={"username": None, "id": None, "kudos": None, "moderator": None})  # fmt: skip
    with pytest.raises(HordeProtocolError, match="no user"):
        await session.find_user()
    user = await session.find_user()
    assert user.id != 0


@pytest.mark.logs_warning("skipped a row")
async def test_params_past_any_working_style_refuse_their_row(
    session: HordeClientSession, sandbox: SandboxApp
) -> None:
    sandbox.faults.add("bad_rows", method="GET", path=IMAGES, times=1, rows=5,
                       fields={"params": {"special": {"blob": "x" * 200_000}}})  # fmt: skip
    page = await session.list_styles(StyleKind.IMAGE)
    assert len(page) == 24
    (refused,) = page.unreadable
    assert "params" in refused.reason
    assert "64 KB" in refused.reason
