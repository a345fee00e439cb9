"""The one exception family the core raises for the clerk's problems; its message is plain Chinese."""


class NianbaoError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DraftError(NianbaoError):
    """A draft file cannot be read, or a draft value is invalid."""


class CellInputError(NianbaoError):
    """What the clerk typed into a table cell is not a valid value for it."""


class ExportError(NianbaoError):
    """The Word report cannot be written."""
