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
LEFT_OUT = (
    "platformthemes/libqgtk3",
    "platforms/libqeglfs",
    "platforms/libqminimalegl",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "egldeviceintegrations/",
    "generic/",
)


def _wanted(source: str) -> bool:
    below_plugins = source.replace("\\", "/").rpartition("/plugins/")[2]
    return not below_plugins.startswith(LEFT_OUT)


hiddenimports, _all_binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in _all_binaries if _wanted(source)]
