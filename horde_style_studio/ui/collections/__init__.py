"""The Collections tab (issue 7): the user's and public collections, a drag-and-drop builder, a style list."""
