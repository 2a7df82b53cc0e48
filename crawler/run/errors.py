"""What every command shares about failing: a user's mistake is one line and exit 1."""

EXIT_ERROR = 1


class UserError(Exception):
    """Something the user can fix; printed as one line."""
