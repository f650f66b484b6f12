"""Filling the library from the server's lists: the walk, the pacing, and the sync that runs them."""
