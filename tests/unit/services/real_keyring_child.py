"""Child process of test_secrets_real_keyring: runs inside ``dbus-run-session`` with an isolated HOME.

Starts gnome-keyring's Secret Service (password on stdin), saves settings with a profile, stores the key read
from stdin through ``SecretStore`` and reads it back through a second store. Prints one JSON line.
"""

from __future__ import annotations

import json
import subprocess
import sys

import keyring

from horde_style_studio.services.paths import app_dirs
from horde_style_studio.services.secrets import SecretStore
from horde_style_studio.services.settings import AppSettings, SettingsStore

KEYRING_PASSWORD = b"test-only-keyring-password"


def main() -> int:
    key = sys.stdin.readline().strip()
    subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=KEYRING_PASSWORD, capture_output=True, check=True, timeout=30,
    )
    backend = keyring.get_keyring()
    dirs = app_dirs()
    SettingsStore.for_dirs(dirs).save(AppSettings().with_profile("main"))
    SecretStore().set("main", key)
    fresh = SecretStore()
    report = {
        "backend": f"{type(backend).__module__}.{type(backend).__name__}",
        "persistent": fresh.persistent,
        "read_back": fresh.get("main") == key,
        "dirs": [str(path) for path in dirs.all()],
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
