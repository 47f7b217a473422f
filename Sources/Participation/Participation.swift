// Participation stage: see README.md "Architecture".
