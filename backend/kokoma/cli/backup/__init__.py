"""Backup and restore of the database and the data directory's files, in one archive."""
