"""The DuckDB store: schema, migrations, queries and export."""

from triangulate.store.database import Store, default_db_path

__all__ = ["Store", "default_db_path"]
