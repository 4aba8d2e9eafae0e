"""``python -m negotiation``: the same as the ``negotiation`` command."""

from .cli import main

raise SystemExit(main())
