"""Data protection: how long records are kept, and what is pruned when."""
