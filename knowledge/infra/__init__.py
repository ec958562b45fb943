"""Infrastructure below every layer: the error hierarchy, user settings and the
one YAML reader. No domain data lives here; the data and its loaders are the
rest of `knowledge/`."""
