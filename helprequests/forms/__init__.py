"""Forms of help requests: they only validate what was typed; the services decide."""
