"""Editing one style: its document, what is open, the way to the server, and the words the editor uses."""
