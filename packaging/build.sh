#!/usr/bin/env bash
# Build the one-folder Linux app, dist/horde-style-studio/, from this checkout, then check that it starts.
#
#   packaging/build.sh                      build, smoke-test offscreen, print the folder's size
#   packaging/build.sh --screenshot X.png   also run the built app under Xvfb and save a picture of its window
#   packaging/build.sh --update-pins        build with the newest releases and, if that works, pin them
#
# Everything happens in a venv of its own under build/ that is made afresh each time, with the versions in
# packaging/constraints.txt, so a fresh clone builds the same thing as the last person's machine did.
# Needs python3 (>= 3.11) with venv; the screenshot also needs xvfb-run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/build/packaging-venv"
app="$root/dist/horde-style-studio"
pins="$root/packaging/constraints.txt"
screenshot=""
update_pins=""
while [ $# -gt 0 ]; do
    case "$1" in
        --screenshot) screenshot=$(realpath -m "${2:?--screenshot needs a file name}"); shift 2 ;;
        --update-pins) update_pins=1; shift ;;
        *) echo "usage: $0 [--screenshot FILE.png] [--update-pins]" >&2; exit 2 ;;
    esac
done

echo "== venv: $venv"
"${PYTHON:-python3}" -m venv --clear "$venv"
# The app as a wheel would install it (not editable): PyInstaller then freezes exactly what the wheel ships.
# setuptools never empties build/lib, so a module deleted from the source would live on in the build.
rm -rf "$root/build/lib"
if [ -n "$update_pins" ]; then versions=(--upgrade); else versions=(--constraint "$pins"); fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${versions[@]}" "$root" pyinstaller

echo "== PyInstaller"
# A fixed hash seed makes PyInstaller's output byte-for-byte repeatable (its "reproducible build" advice).
# From build/, so nothing in the checkout's root shadows the installed package.
(cd "$root/build" && PYTHONHASHSEED=0 "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" "$root/packaging/horde-style-studio.spec")

echo "== smoke test"
# A throw-away home: the check must not read or write a real user's settings, library or keyring.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
"$app/horde-styles" --help >/dev/null
QT_QPA_PLATFORM=offscreen "$app/horde-style-studio" --smoke-test
echo "horde-styles --help and horde-style-studio --smoke-test: OK"

if [ -n "$update_pins" ]; then
    { grep '^#' "$pins"; "$venv/bin/python" -m pip freeze --exclude horde-style-studio; } >"$pins.new"
    mv "$pins.new" "$pins"
    echo "pinned the versions just built with in $pins"
fi

if [ -n "$screenshot" ]; then
    echo "== screenshot under Xvfb"
    xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
        env QT_QPA_PLATFORM=xcb "$venv/bin/python" "$root/packaging/screenshot.py" "$screenshot" -- \
        "$app/horde-style-studio" --sandbox
    echo "saved $screenshot"
fi

echo "== size"
du -sh "$app"
echo "$(du -sb "$app" | cut -f1) bytes in $(find "$app" -type f | wc -l) files"
