"""newsfacts: structured, verifiable facts from Malay, Vietnamese and English news."""

from .langid import detect_language
from .pipeline import Extractor, Source, extract
from .readers import read_articles
from .records import Article, Block, Fact

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Extractor",
    "Fact",
    "Source",
    "__version__",
    "detect_language",
    "extract",
    "read_articles",
]
