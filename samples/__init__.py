"""The sample agreements `agreement init --sample NAME` writes, shipped with the package."""
