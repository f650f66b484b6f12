"""Use cases: what the tabs and the command line do with the server (``api``) and the local ``library``.

No Qt here (an import-linter contract in pyproject.toml says so): every workflow is plain Python, tested
without a QApplication, and hands results back instead of emitting signals.
"""
