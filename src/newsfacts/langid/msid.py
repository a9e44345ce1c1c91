"""The Malay/Indonesian discriminator: given that a text is Malay or Indonesian, which one.

It is the ``msid`` head of the project's own model (:mod:`newsfacts.langid.model`), trained by
``models/msid/train.py`` on Malay and Indonesian news and FLORES only, summed with the
language head's Malay-minus-Indonesian margin (``LinearModel.msid_logit``). Spelling and
vocabulary pairs (bahawa/bahwa, kerana/karena, wang/uang, Disember/Desember, RM/Rp, ...) are
learned weights, not rules: one word tips a short line, a paragraph's sum of words decides.
"""

from __future__ import annotations

import math

from newsfacts.langid.model import TOKENS, default_model


def split_malay_indonesian(text: str) -> float:
    """P(Malay | Malay or Indonesian) for ``text``; 0.5 when it has no letters."""
    model = default_model()
    feats = model.features(text)
    if not feats[TOKENS]:
        return 0.5
    return logistic(model.msid_logit(feats.tolist()))


def logistic(z: float) -> float:
    """1 / (1 + e^-z) without overflow for margins of any size (a 10 MB text has huge ones)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def discriminate(text: str) -> tuple[str, float]:
    """``("ms", p)`` or ``("id", p)``: the likelier of the two and its probability."""
    malay = split_malay_indonesian(text)
    return ("ms", malay) if malay >= 0.5 else ("id", 1.0 - malay)
