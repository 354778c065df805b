"""KoKoMa — case management for municipal conflict management."""

__version__ = "0.1.0"
