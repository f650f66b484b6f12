"""The script PyInstaller freezes into ``horde-style-studio``: the same entry point as the wheel's gui-script.

It lives outside the package because PyInstaller puts the script's folder on the import path; the package's
own folder there would make its subpackages (``ui``, ``cli``, ``resources``) importable as top-level names.
"""

import sys

from horde_style_studio.ui.app import main

sys.exit(main())
