// Pipeline stage: see README.md "Architecture".
