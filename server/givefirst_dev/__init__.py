"""Development tools that do not ship in the wheel: evaluation against labelled data, dataset splits."""
