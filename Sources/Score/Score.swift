// Score stage: see README.md "Architecture".
