"""`triangulate serve`: the analyst's workspace in the browser and its REST API.

`web.app.create_app(db)` builds the FastAPI app over one store; `web.app.serve` runs it
with uvicorn; `web.client` is the command line's side (`ingest --server`). Nothing is
imported here, so the command line does not load FastAPI unless it serves.
"""
