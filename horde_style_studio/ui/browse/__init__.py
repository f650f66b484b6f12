"""The Browse tab: the local library's styles as cards, searched as you type, with a detail pane."""
