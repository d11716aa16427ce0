"""Fork of Oscar's catalogue (label ``catalogue``): the sellable product record."""
