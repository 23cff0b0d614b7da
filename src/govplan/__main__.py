"""``python -m govplan`` runs the command line."""

from govplan.cli import main

raise SystemExit(main())
