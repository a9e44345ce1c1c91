"""newsfacts: structured, verifiable facts from Malay, Vietnamese and English news."""

from newsfacts.io.readers import read_articles
from newsfacts.langid.detect import detect_language
from newsfacts.model import Article, Block, Fact, Source
from newsfacts.pipeline import Extractor, extract
from newsfacts.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Extractor",
    "Fact",
    "Settings",
    "Source",
    "__version__",
    "detect_language",
    "extract",
    "read_articles",
]
