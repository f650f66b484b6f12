"""The Examples tab inside the app: built by the composition root and following the signed-in account."""

from __future__ import annotations

import httpx
from pytestqt.qtbot import QtBot

from horde_style_studio.sandbox import CUSTOMIZER_KEY
from horde_style_studio.services.images import FetchPolicy, horde_host, image_http_origins
from tests.qt.conftest import StudioFactory
from tests.qt.helpers import close, start


def test_the_app_shows_the_tab_with_the_sandbox_curators_styles(
    qtbot: QtBot, make_studio: StudioFactory, sandbox_transport: httpx.AsyncBaseTransport
) -> None:
    studio = make_studio(sandbox_transport, sandbox_key=CUSTOMIZER_KEY)
    page = studio.examples.page
    assert studio.window.page("examples") is page
    with qtbot.waitSignal(studio.examples.presenter.own_styles_changed, timeout=10_000) as listed:
        task = start(qtbot, studio)
    assert listed.args is not None
    names = [name for _, name in listed.args[0]]
    assert names
    assert [page.picker.own.itemText(i) for i in range(1, page.picker.own.count())] == names
    with qtbot.waitSignal(studio.examples.presenter.style_loaded, timeout=10_000):
        page.picker.own.activated.emit(1)
    assert page.heading.text() == names[0]
    assert page.add.isEnabled()
    assert close(qtbot, studio, task) == 0


def test_in_sandbox_mode_only_the_image_hosts_own_loopback_origins_are_allowed_over_http() -> None:
    horde, pics, earlier = "http://127.0.0.1:5000/api", "http://127.0.0.1:8123/pics", "http://localhost:8122/x"
    origins = image_http_origins(horde, sandbox=True, image_hosts=[earlier, pics])
    assert origins == {"http://127.0.0.1:5000", "http://127.0.0.1:8123", "http://localhost:8122"}
    policy = FetchPolicy(http_origins=origins, trusted_hosts=horde_host(horde))
    for host in (pics, earlier):  # the current host's examples, and those made before the switch to it
        assert policy.refusal(f"{host}/horde-style-studio/a.png") is None
        assert policy.address_refusal(f"{host}/horde-style-studio/a.png") is None
    # Another port of this machine is still refused: links never wander into it.
    assert policy.refusal("http://127.0.0.1:8124/a.png") is not None
    assert policy.address_refusal("https://127.0.0.1:8124/a.png") is not None
    # An http host elsewhere lends nothing, and outside the sandbox no image host lends anything at all.
    assert image_http_origins(horde, sandbox=True, image_hosts=["http://pics.example/x"]) == {
        "http://127.0.0.1:5000"
    }
    hosts = [earlier, pics]
    assert image_http_origins(horde, sandbox=False, image_hosts=hosts) == {"http://127.0.0.1:5000"}
    assert image_http_origins("https://aihorde.net/api", sandbox=False, image_hosts=hosts) == frozenset()
