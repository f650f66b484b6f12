"""Start a command on the current X display, wait until its window is drawn and holds still, save a picture
of it, then stop the command. build.sh runs it under xvfb-run to show that the built app really opens.

    python packaging/screenshot.py OUT.png -- COMMAND [ARGS...]

It needs nothing from the app (no hook, no flag): it grabs the X root window, so it works on any build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QBitmap, QGuiApplication, QImage, QRegion

POLL_SECONDS = 0.25
STILL_POLLS = 8  # two seconds without a changed pixel: start-up work (sandbox, first page of styles) is done
GIVE_UP_SECONDS = 60.0


def grab_screen() -> QImage:
    screen = QGuiApplication.primaryScreen()
    return screen.grabWindow(0).toImage().convertToFormat(QImage.Format.Format_RGB32)


def window_area(image: QImage) -> QImage:
    """The part of the screen that is not bare X background (a new X server's background is one colour)."""
    background = image.pixel(image.width() - 1, image.height() - 1)
    # MaskInColor, checked by hand: QRegion reads this mask's pixels *unlike* the background as inside.
    drawn = QRegion(QBitmap.fromImage(image.createMaskFromColor(background, Qt.MaskMode.MaskInColor)))
    return image.copy(drawn.boundingRect()) if not drawn.isEmpty() else QImage()


def wait_for_still_window(process: subprocess.Popen[bytes]) -> QImage:
    deadline = time.monotonic() + GIVE_UP_SECONDS
    last, still = QImage(), 0
    while still < STILL_POLLS and time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the command exited with status {process.returncode} before its window settled")
        # Polling is the only way to watch another process's window without touching the app.
        time.sleep(POLL_SECONDS)
        frame = window_area(grab_screen())
        still = still + 1 if not frame.isNull() and frame == last else 0
        last = frame
    if last.isNull():
        raise SystemExit(f"no window appeared within {GIVE_UP_SECONDS:.0f} s")
    if still < STILL_POLLS:
        print("the window kept changing; saving its latest frame", file=sys.stderr)
    return last


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command that opens a window")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    _app = QGuiApplication(sys.argv[:1])  # grabbing the screen needs one, alive until the end
    process = subprocess.Popen(command)
    try:
        image = wait_for_still_window(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    if not image.save(args.output):
        raise SystemExit(f"could not write {args.output}")
    print(f"{args.output}: {image.width()}x{image.height()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
