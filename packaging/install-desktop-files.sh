#!/usr/bin/env bash
# Put the menu entry, AppStream metainfo and icons where desktops look for them, so the app shows up in the
# application menu and software centres with its icon.
#
#   packaging/install-desktop-files.sh [--prefix DIR] [--exec PROGRAM]
#
# --prefix  default ~/.local (per user); /usr/local or a package's staging dir for a system-wide install.
# --exec    the program the menu entry runs, such as the one-folder build's
#           dist/horde-style-studio/horde-style-studio; by default the horde-style-studio command pip puts on PATH.
# Desktops watch these folders and pick the files up by themselves; no cache needs refreshing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources" && pwd)
id=io.github.horde_style_studio.HordeStyleStudio
prefix="$HOME/.local"
exec_command=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --exec) exec_command=$(realpath "${2:?--exec needs a program}"); shift 2 ;;
        *) echo "usage: $0 [--prefix DIR] [--exec PROGRAM]" >&2; exit 2 ;;
    esac
done
share="$prefix/share"

install -D -m 644 "$here/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
install -D -m 644 "$here/$id.desktop" "$share/applications/$id.desktop"
if [ -n "$exec_command" ]; then
    # Desktop Entry spec: Exec arguments with spaces must be quoted.
    sed -i "s|^Exec=.*|Exec=\"$exec_command\"|" "$share/applications/$id.desktop"
fi
(cd "$here/icons" && find hicolor -type f) | while read -r icon; do
    install -D -m 644 "$here/icons/$icon" "$share/icons/$icon"
done

echo "installed the menu entry, metainfo and icons of $id under $share"
