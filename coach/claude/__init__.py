"""Optional Claude plug-ins: a caller voice and a judge (registered in coach.registry); offline stays the default."""
