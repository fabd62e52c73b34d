"""The workspace: areas, assessments, members and roles, progress, and the audit trail."""
