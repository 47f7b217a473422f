// Normalize stage: see README.md "Architecture".
