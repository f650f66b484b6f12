"""The Examples tab: an image style's example images, their primary, and a link check of the user's styles."""
