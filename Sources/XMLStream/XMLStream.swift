// XMLStream stage: see README.md "Architecture".
