"""The rights desk: where pictures ran (publications.py, usage_log.py), what each agency
charges (terms.py), the invoice sheet (report.py) and expiring licences (expiring.py).
No Qt; services take a session factory and hand back plain dicts and records."""
