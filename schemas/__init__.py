"""The JSON Schema of the agreement input, shipped with the package."""
