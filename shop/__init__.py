"""The shop: thin forks of Oscar apps and the project's own billing and treasury apps."""
