"""Timing scripts: `python -m benchmarks` runs them all; each prints its own numbers."""
