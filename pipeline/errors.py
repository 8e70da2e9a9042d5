"""Errors that stop a whole run (as opposed to one feed or page, which is recorded)."""


class RunError(Exception):
    """The run cannot start or finish; the message is shown to the user as one line."""
