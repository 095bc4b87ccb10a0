"""Typed exceptions raised by library code; the CLI turns them into one-line messages."""
import stat


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


class NoPages(InputError):
    code = "no_pages"


class NotAFile(InputError):
    """A FIFO, socket or device where a PDF was expected; it is never opened for reading."""

    code = "not_a_file"

    @classmethod
    def of_mode(cls, mode: int) -> "NotAFile":
        kinds = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                 (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")]
        kind = next((name for test, name in kinds if test(mode)), "not a file")
        return cls(f"not a regular file ({kind})")


class BrokenLink(InputError):
    code = "broken_link"


class LinkLoop(InputError):
    code = "link_loop"


class Vanished(InputError):
    """The file was there when the batch found it and gone when it was read."""

    code = "vanished"

    def __init__(self, message: str = "the file was removed or replaced during the batch"):
        super().__init__(message)


class ChangedDuringRead(InputError):
    code = "changed_during_read"


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


# --- fetching from the web (issue16-fetch) ---------------------------------------------------
class FetchError(InputError):
    """A URL could not be fetched as a report; the message says why, the URL is tried again next run."""

    code = "fetch_failed"


class HttpStatus(FetchError):
    code = "http_status"


class FetchTimeout(FetchError):
    code = "timeout"


class TooLarge(FetchError):
    code = "too_large"


class RobotsDisallowed(FetchError):
    code = "robots_disallowed"
