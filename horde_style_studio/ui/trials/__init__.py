"""Trying styles on the Horde: the Try and Compare windows, and making examples from what a style made."""
