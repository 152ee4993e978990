"""The clause templates, the reference Word document and the starter agreement, shipped with the package."""
