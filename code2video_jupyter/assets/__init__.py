"""Pictures a lesson can use offline: the Lucide icon library and the user's own images."""

from .icons import IconLibrary, IconNotFound
from .images import ImageFolder

__all__ = ["IconLibrary", "IconNotFound", "ImageFolder"]
