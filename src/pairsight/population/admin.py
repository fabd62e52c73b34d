"""No admin site: scenarios are managed on the population page, where every change is audited."""
