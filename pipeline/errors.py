"""Typed exceptions raised by library code; the CLI turns them into one-line messages."""


class PipelineError(Exception):
    """Base class for every error the pipeline reports to a user."""

    code = "error"


class InputError(PipelineError):
    """A file could not be read as a report."""

    code = "unreadable"


class NotAPdf(InputError):
    code = "not_a_pdf"


class EmptyFile(InputError):
    code = "empty_file"


class CorruptPdf(InputError):
    code = "corrupt_pdf"


class EncryptedPdf(InputError):
    code = "encrypted"


class NoTextLayer(InputError):
    code = "no_text_layer"


class ResourceLimit(InputError):
    code = "resource_limit"


class RuleError(PipelineError):
    """A rule file is invalid; the message names the file and line."""

    code = "bad_rule"

    def __init__(self, path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class StoreError(PipelineError):
    code = "store"


class ReviewError(PipelineError):
    code = "review"
