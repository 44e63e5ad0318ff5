"""Roles of sentences: which ask, which give value, which concede; the trained classifier; quantities of asks."""
