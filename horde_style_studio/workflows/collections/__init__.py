"""The user's collections: open, find, save and delete them, and the words for what went wrong."""
