"""Developer tools that are not part of the editors' workflow: a synthetic-corpus generator
for scale tests and benchmarks (`lexicon dev corpus`)."""
