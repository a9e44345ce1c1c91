"""Language-identification peers, registered by name (``newsfacts.registry``): each factory
returns a function from a text to a distribution over the project's classes, with any Malay
or Indonesian mass re-split by the project's own discriminator."""

from __future__ import annotations

from collections.abc import Callable

from newsfacts.langid.detect import Distribution, from_codes, one_hot


def langdetect() -> Callable[[str], Distribution]:
    """langdetect, seeded so that it is repeatable."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)  # langdetect samples n-grams at random; a fixed seed makes it repeatable

    def detect(text: str) -> Distribution:
        detector = factory.create()
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:  # no usable features (e.g. only URL-like text)
            return one_hot("other", 1.0)
        return from_codes([(str(f.lang), float(f.prob)) for f in found], text)

    return detect


def lingua() -> Callable[[str], Distribution]:
    """lingua with all its languages (the ``lingua`` extra)."""
    return _lingua(low_accuracy=False)


def lingua_low() -> Callable[[str], Distribution]:
    """lingua in its low-accuracy mode: faster, less sure on short text."""
    return _lingua(low_accuracy=True)


def _lingua(*, low_accuracy: bool) -> Callable[[str], Distribution]:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the lingua backend needs: pip install 'newsfacts[lingua]'") from exc
    builder = LanguageDetectorBuilder.from_all_languages()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def detect(text: str) -> Distribution:
        found = detector.compute_language_confidence_values(text)
        pairs = [(c.language.iso_code_639_1.name.lower(), float(c.value)) for c in found]
        return from_codes(pairs, text)

    return detect
