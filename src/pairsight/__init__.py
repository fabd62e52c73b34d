"""PAIRsight: parent-infant relationship needs assessment."""

__version__ = "0.1.0"
