"""Cross-document work over the store: near duplicates, and later entities and stories."""
