"""Belcoach: a command-line role-play coach for telephone calls at Dutch municipal tax departments."""

__version__ = "0.1.0"
