"""Storage of reports and facts, ingest, and judging targets against outcomes."""
