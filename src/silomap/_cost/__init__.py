"""The cost of silos in money (``cost.md``).

- ``observed``: what transfers go with in a log's elapsed time, with its bootstrap interval.
"""

from .observed import Association, Effect, associate

__all__ = ["Association", "Effect", "associate"]
