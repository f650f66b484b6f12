"""ui layer (see DESIGN: layers below ui never import Qt)."""
