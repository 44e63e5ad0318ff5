"""Give First's data, shipped as the package givefirst.models: rules, patterns, lexicons, the trained classifier (labelled data in data/ does not ship)."""
