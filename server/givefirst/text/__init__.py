"""Text in: the writer's own text found (quotes, forwards, signatures and markup masked), offsets converted, counted."""
