"""One error hierarchy for the domain; the API maps it to HTTP statuses in one place."""


class GraphCreditError(Exception):
    """Base of every error the domain raises on purpose."""


class InvalidIdentifier(GraphCreditError, ValueError):
    """A USCC or resident ID number that fails its format or check character."""


class NotFound(GraphCreditError, LookupError):
    """A subject, record or named query that does not exist."""


class InvalidInput(GraphCreditError, ValueError):
    """Input that breaks a documented rule (bundle rows, policy files, parameters)."""


class EngineError(GraphCreditError):
    """The graph engine refused or failed a query."""
