// Ingest stage: see README.md "Architecture".
