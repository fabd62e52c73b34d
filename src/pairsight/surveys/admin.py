"""No admin site: surveys are managed on their pages, where every change is audited."""
