"""Use cases shared by the CLI and the GUI: no Qt here (DESIGN.md layers)."""
