"""Storage backends: the Neo4j store and the adapter that runs the analyses on it."""
