"""`agreement serve`: a local web form, made from the schema, that edits an agreement file in place."""
