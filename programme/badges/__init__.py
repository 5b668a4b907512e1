"""Badges: the code each confirmed registration carries, and the signed token its QR code holds."""
