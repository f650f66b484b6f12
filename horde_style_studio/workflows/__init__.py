"""Use cases between the api/library layers and the UI: no Qt here (DESIGN.md layers)."""
