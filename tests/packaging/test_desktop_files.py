"""What a desktop installs (.desktop file, AppStream metainfo, hicolor icons) agrees with the app."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from horde_style_studio import APP_NAME
from horde_style_studio.resources import DESKTOP_ID, ICON_SIZES
from tests.system_tools import require

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
METAINFO = RESOURCES / f"{DESKTOP_ID}.metainfo.xml"
DESKTOP_FILE = RESOURCES / f"{DESKTOP_ID}.desktop"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive in .desktop
    parser.read_string(DESKTOP_FILE.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_metainfo_passes_appstream_validation() -> None:
    require("appstreamcli")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_describes_this_release_and_its_commands() -> None:
    root = _metainfo()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("project_license") == PROJECT["license"]
    assert root.findtext("launchable") == DESKTOP_FILE.name
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == PROJECT["version"]
    commands = {*PROJECT["scripts"], *PROJECT["gui-scripts"]}
    assert {binary.text for binary in root.iterfind("provides/binary")} == commands


def test_desktop_entry_launches_the_gui_command_with_the_app_icon() -> None:
    entry = _desktop_entry()
    required = {"Type", "Name", "Exec", "Icon", "Categories", "Comment", "Terminal"}
    assert required <= set(entry)
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] in PROJECT["gui-scripts"]
    assert entry["Icon"] == DESKTOP_ID
    assert entry["Categories"].endswith(";")


def test_every_icon_size_is_installed_under_the_desktop_icon_name() -> None:
    hicolor = RESOURCES / "icons" / "hicolor"
    expected = [hicolor / "scalable" / "apps" / f"{DESKTOP_ID}.svg"]
    expected += [hicolor / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png" for size in ICON_SIZES]
    assert [path for path in expected if not path.is_file()] == []


def test_icon_pngs_and_package_copies_match_the_svg() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_install_script_puts_each_file_where_desktops_look(tmp_path: Path) -> None:
    program = tmp_path / "folder with space" / "horde-style-studio"
    program.parent.mkdir()
    program.touch()
    script = ROOT / "packaging" / "install-desktop-files.sh"
    subprocess.run([script, "--prefix", tmp_path / "usr", "--exec", program], check=True, capture_output=True)
    share = tmp_path / "usr" / "share"
    installed = {path.relative_to(share).as_posix() for path in share.rglob("*") if path.is_file()}
    assert f"applications/{DESKTOP_FILE.name}" in installed
    assert f"metainfo/{METAINFO.name}" in installed
    assert f"icons/hicolor/scalable/apps/{DESKTOP_ID}.svg" in installed
    assert {f"icons/hicolor/{n}x{n}/apps/{DESKTOP_ID}.png" for n in ICON_SIZES} <= installed
    entry = (share / "applications" / DESKTOP_FILE.name).read_text(encoding="utf-8")
    assert f'Exec="{program}"' in entry.splitlines()
