"""No admin site: the report is built, published and downloaded on its page, all audited."""
