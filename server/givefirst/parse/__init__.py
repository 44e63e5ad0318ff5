"""The parse: the spaCy pipeline, its project components, the tokenizer guard, and the per-sentence parse cache."""
