"""Sweeps: one recipe with a `[sweep]` table -> validated cells, run here or through submitit, one report.

spec.py (parse, merge, cells, status), runner.py (run / --index / --submit), report.py (csv, md, png, sqlite).
"""
