"""Use cases: Qt-free, unit-tested; they combine api, library and services, and the UI calls them."""
