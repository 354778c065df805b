"""Certificates for completed qualification series, their PDF and public verification."""
