"""Fork of Oscar's search app (label ``search``): the project's one search interface."""
