"""KoKoMa benchmarks, load and write-safety runs; ``python -m bench --help``."""
