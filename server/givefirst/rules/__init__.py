"""The rule catalogue (models/rules), its lexicons, the parse guards rules name, and rewrite building."""
