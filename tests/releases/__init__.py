"""Release fixtures for the upgrade tests; see README.md here."""
