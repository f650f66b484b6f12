"""Presenters: QObjects that run async work through the api/services layers and report by signals."""
