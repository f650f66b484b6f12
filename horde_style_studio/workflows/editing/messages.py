"""What the editor says, in one place."""

from __future__ import annotations

from horde_style_studio import APP_NAME
from horde_style_studio.domain.problems import Problem
from horde_style_studio.domain.users import ANONYMOUS_ABILITIES

SIGNED_OUT = (
    "Read-only: sign in with a customizer or trusted account to save styles. Your edits are kept as "
    "drafts and can be exported (File ▸ Export draft as JSON)."
)
NO_ROLE = (
    "Read-only: saving styles needs the customizer role or a trusted account. Your edits are kept as "
    "drafts and can be exported (File ▸ Export draft as JSON)."
)
ANONYMOUS = f"Read-only. {ANONYMOUS_ABILITIES} Your edits are kept as drafts and can be exported."
BUSY = "Waiting for the server…"
UNPARSED = "The JSON view holds text that is not valid JSON yet; fix it or undo it first."
NO_CHANGES = "Nothing to save: the style matches the server's version."
NEW_ONLY = "This style is not on the server yet, so there is nothing to delete."
AUTOSAVE_FAILED = "Your latest edits could not be kept as a draft: "


def window_title(name: str, *, modified: bool) -> str:
    """The main window's title: the style open in the editor, a star while it has unsaved changes, then the
    app (the order desktops' task bars cut from the end). A blank, untouched style is no style at all."""
    shown = " ".join(name.split())  # a name's line breaks would break the title bar
    if not shown and not modified:
        return APP_NAME
    shown = shown or "Untitled style"
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return f"{shown}{'*' if modified else ''} — {APP_NAME}"


def fix_first(problems: list[Problem]) -> str:
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return f"Fix the {count} {noun} first: {problems[0].message}"


def saved(name: str, created: bool) -> str:
    return f"Created “{name}” on the server." if created else f"Saved your changes to “{name}”."


def recreated(name: str, uses: int) -> str:
    plural = "s" if uses != 1 else ""
    return (
        f"Recreated “{name}” with a new id. Its use count starts again at 0 (the old one had {uses} "
        f"use{plural}); the old version is in History."
    )


def recreate_question(name: str, uses: int) -> str:
    plural = "s" if uses != 1 else ""
    return (
        "This server (AI Horde 5.1.5) fails every edit of a text style with an internal error, and nothing "
        f"was changed.\n\nThe only way to change “{name}” is to delete it and create it again with your "
        f"changes. The new style gets a new id, and its use count starts again at 0 (now {uses} "
        f"use{plural}); "
        "collections and links that name the old id stop finding it. A copy of the current version is kept "
        "in History first.\n\nDelete and recreate it?"
    )


def recreate_failed(err: str) -> str:
    return (
        f"The old style was deleted, but creating it again failed: {err} Your draft is kept as a new style: "
        "fix it and save to create it; the old version is in History."
    )


def half_made(err: str, name: str) -> str:
    return (
        f"{err} The server had already created “{name}” before refusing it, without its models and tags. "
        "It is open here as that style now: fix the problem and save to complete it."
    )


def delete_question(name: str, creator: str | None) -> str:
    owner = f" by {creator}" if creator else ""
    return (
        f"Delete the style “{name}”{owner} from the server?\n\nIts examples and its places in collections go "
        "with it. A copy is kept in History, from where it can be created again (with a new id)."
    )


def blank_warnings(count: int) -> str:
    # §12: 5.1.5 sends each warning as {"code": null, "message": null}, so only their number arrives.
    what = "A warning" if count == 1 else f"{count} warnings"
    return (
        f"{what} arrived without any text (AI Horde 5.1.5 drops it). Style warnings are about steps, CFG "
        "scale, sampler or CLIP skip not suiting one of the models."
    )


def deleted(name: str) -> str:
    return f"Deleted “{name}”. Its last version is in History."


def continuing(name: str, when: str) -> str:
    return f"Continuing your unsaved draft of “{name}” from {when}."


def discard_question(name: str) -> str:
    return (
        f"“{name}” has changes that are not saved to the server.\n\nThey are kept as a draft you can open "
        "again from the Drafts list, or you can discard them."
    )
