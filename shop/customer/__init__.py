"""Fork of Oscar's customer app: registration with e-mail activation and the PST profile."""
