"""Benchmarks: ``python -m tests.benchmarks`` runs each ``bench_*.py`` here, printing one JSON object a line.

Named ``bench_*`` so pytest never collects them: timings belong in a report, not in a test that can fail
on a busy machine.
"""
