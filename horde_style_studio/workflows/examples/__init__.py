"""An image style's example images: who may change them, and the changes, written through to the library."""
