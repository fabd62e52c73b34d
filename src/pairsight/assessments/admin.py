"""No admin site: people and roles are managed in the app, and the audit trail is read-only."""
