"""The one script PyInstaller freezes, behind both commands of the one-folder build.

``horde-style-studio`` is the executable and ``horde-styles`` a symlink to it beside it (the spec makes it),
so the two share one copy of the frozen Python modules: a second executable would carry its own (5.6 MB).
The name the program was started by picks the entry point, as the wheel's gui-script and console script do.

It lives outside the package because PyInstaller puts the script's folder on the import path; the package's
own folder there would make its subpackages (``ui``, ``cli``, ``resources``) importable as top-level names.
"""

import sys
from collections.abc import Callable
from pathlib import Path

CLI_NAME = "horde-styles"


def entry_point(program: str) -> Callable[[], int]:
    # Imported here so the command line never loads Qt, nor the window the command-line modules.
    if Path(program).name == CLI_NAME:
        from horde_style_studio.cli.main import main as cli_main

        return cli_main
    from horde_style_studio.ui.app import main as gui_main

    return gui_main


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv[0])())
