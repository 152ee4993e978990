"""The errors the tool raises; each one's message is the sentence a user reads."""

from __future__ import annotations


class AgreementError(Exception):
    """Base class: anything the tool reports to the user as ``Error: ...`` with exit code 2."""


class InputError(AgreementError):
    """Raised when an input file cannot be read or parsed; carries the file and the position."""

    def __init__(self, file: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int, int]]:
        # Linting many files runs in worker processes; the error must cross back intact.
        return type(self), (self.file, self.message, self.line, self.column)


class UnreadableError(InputError):
    """Raised when an input path cannot be read at all (missing, a folder, no permission): not a finding, the
    tool cannot run."""

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class UsageError(AgreementError):
    """Raised when the tool cannot run as asked: a missing path, a bad option value, a bad config file."""


class TemplateError(AgreementError):
    """Raised when a clause template cannot be loaded or rendered; names the template and line."""


class BuildError(AgreementError):
    """Raised when the document cannot be written: a field XML cannot hold, an unsafe reference document."""
