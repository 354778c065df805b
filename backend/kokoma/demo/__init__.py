"""Demo data: realistic, fictitious, and safe to load twice."""

from kokoma.demo.loader import DemoLogins, load_demo_data

__all__ = ["DemoLogins", "load_demo_data"]
