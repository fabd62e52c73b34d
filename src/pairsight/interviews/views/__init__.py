"""Interview pages: thin views over the use cases in actions and the reads in queries."""
