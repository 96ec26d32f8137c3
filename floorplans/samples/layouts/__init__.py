"""The four sample layouts, one module each: today's layout and three options."""

from .baseline import baseline
from .option_a import option_a
from .option_b import option_b
from .option_c import option_c

__all__ = ["baseline", "option_a", "option_b", "option_c"]
