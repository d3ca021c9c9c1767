"""`python -m triangulate` runs the command line."""

from triangulate.cli import app

app(prog_name="triangulate")
