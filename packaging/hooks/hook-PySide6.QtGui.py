"""Stands in for PyInstaller's own PySide6.QtGui hook (the spec's ``hookspath`` wins over built-in hooks).

It collects the same Qt plugins minus those a desktop session of this app never loads. Leaving them out
here, rather than deleting files from the finished folder, also keeps out the libraries PyInstaller would
otherwise collect because those plugins link them. The file name is the module name PyInstaller matches.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Paths below the Qt plugin folder:
# - platformthemes/libqgtk3: would bundle the build machine's GTK 3 with cairo, pango and atk (about 20 MB),
#   which then meet the user's own GTK modules and themes. Qt uses the xdg-desktop-portal theme instead.
# - eglfs, linuxfb, vnc, vkkhrdisplay, evdev (generic/): for kiosks and embedded screens without a desktop.
# - imageformats other than JPEG, GIF, WebP and SVG (PNG and BMP are built into QtGui): every picture from a
#   link or the server is decoded as the format its first bytes show, one of those five
#   (ui/shared/decoding.py), and the app's own icons are PNG and SVG. PySide6-Addons (for Qt Charts) adds
#   a PDF one, which would bring QtPdf, QtQml and QtQuick along (21 MB).
# - platforminputcontexts/libqtvirtualkeyboardplugin (also from Addons, also needing QtQuick): the on-screen
#   keyboard of touch kiosks; a desktop's input methods come through ibus or compose, which stay.
# - xcbglintegrations/, wayland-graphics-integration-client/ (and the libQt6OpenGL they link): OpenGL and
#   compositor buffer sharing, for OpenGL widgets and Qt Quick; every window here is drawn in software (a run
#   through every tab and window never loads them).
# - Wayland shells other than xdg-shell, which every desktop compositor speaks: ivi (cars), fullscreen-shell
#   (kiosks), qt-shell (Qt's own compositor), wl-shell (replaced by xdg-shell in 2017). minimal: for tests.
LEFT_OUT = (
    "platformthemes/libqgtk3",
    "platforms/libqeglfs",
    "platforms/libqminimalegl",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "egldeviceintegrations/",
    "generic/",
    "imageformats/libqicns",
    "imageformats/libqico",
    "imageformats/libqtga",
    "imageformats/libqtiff",
    "imageformats/libqwbmp",
    "imageformats/libqpdf",
    "platforminputcontexts/libqtvirtualkeyboardplugin",
    "xcbglintegrations/",
    "wayland-graphics-integration-client/",
    "wayland-shell-integration/libivi-shell",
    "wayland-shell-integration/libfullscreen-shell-v1",
    "wayland-shell-integration/libqt-shell",
    "wayland-shell-integration/libwl-shell-plugin",
    "platforms/libqminimal.",
)


def _wanted(source: str) -> bool:
    below_plugins = source.replace("\\", "/").rpartition("/plugins/")[2]
    return not below_plugins.startswith(LEFT_OUT)


hiddenimports, _all_binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in _all_binaries if _wanted(source)]
