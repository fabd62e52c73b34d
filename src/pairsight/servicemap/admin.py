"""No admin site: services are managed on their pages, where every change is audited."""
