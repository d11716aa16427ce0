"""Fork of Oscar's checkout: only verified accounts may order (issue #2)."""
