"""The script PyInstaller freezes into ``horde-styles``: the entry point of the wheel's console script."""

import sys

from horde_style_studio.cli.main import main

sys.exit(main())
