// Report stage: see README.md "Architecture".
