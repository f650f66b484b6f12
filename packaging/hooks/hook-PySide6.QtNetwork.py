"""Stands in for PyInstaller's own PySide6.QtNetwork hook (see hook-PySide6.QtGui.py for how).

The app uses QtNetwork for one thing: the local socket that keeps a second window from opening
(ui/single_instance.py). Every HTTP request goes through httpx, with Python's own ssl module. So Qt's TLS
backends (and the OpenSSL libraries the stock hook collects for them) and its network-information plugins
would never load.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

LEFT_OUT = ("tls/", "networkinformation/")


def _wanted(source: str) -> bool:
    below_plugins = source.replace("\\", "/").rpartition("/plugins/")[2]
    return not below_plugins.startswith(LEFT_OUT)


hiddenimports, _all_binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in _all_binaries if _wanted(source)]
