"""Calmness criteria (one module each); importing the package registers them."""
