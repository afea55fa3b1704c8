"""Chinese-aware search: the index copy, the segmenting backend, ranking on SQLite, result excerpts."""
