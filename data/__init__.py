"""The bundled dataset, read with ``importlib.resources.files("negotiation.data")``."""
