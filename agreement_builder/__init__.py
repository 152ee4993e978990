"""agreement-builder: lint and draft partnership agreements for health, social care and housing partnerships."""

__version__ = "0.1.0"
