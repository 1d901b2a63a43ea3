"""Qt item models: thin adapters over archive services that hand back plain records."""
