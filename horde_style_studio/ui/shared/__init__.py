"""What every tab shares: the message surface, the card pipeline, the list models, drag and drop."""
