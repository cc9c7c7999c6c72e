"""Demo content: the two seed reports and everything around them, built from a data file in the repo."""
