"""Benchmarks: `make bench` (= `python -m benchmarks`) runs every module here and writes
benchmarks/results.md. Speed is measured here, never asserted in tests."""
