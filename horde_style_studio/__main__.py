"""``python -m horde_style_studio`` starts the desktop app."""

import sys

from horde_style_studio.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
