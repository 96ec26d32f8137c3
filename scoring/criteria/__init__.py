"""The criteria, one module each, in a package per area; ``shared`` holds what they share.

Add a criterion by adding a module to ``accessibility/`` or ``calmness/`` with one
``@criterion``-decorated function (see scoring.registry): the registry finds it.
"""
