"""The DuckDB store: schema, migrations, queries and export."""

from triangulate.store.database import DEFAULT_LOCK_TIMEOUT, Store, default_db_path

__all__ = ["DEFAULT_LOCK_TIMEOUT", "Store", "default_db_path"]
