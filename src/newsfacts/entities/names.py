"""Organisation and place names in a block: after a head word or a cue, as a bracketed
acronym, or as a plain run of capitalised words classified by its words and its neighbours."""

from __future__ import annotations

import re
from functools import cache

from newsfacts.entities.lexicon import HEADS, PERSON_CUES, Phrase
from newsfacts.entities.view import BlockView
from newsfacts.model import EntityLabel
from newsfacts.text.tokens import fold_token

# ``II``, ``IV``, ``XII``: a part or a rank (``Khóa III``), not a name of its own.
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
# One syllable, its diacritics folded: one run of vowels (``tài``, ``quân``, ``nguyễn``), not
# a brand or an acronym (``Vinamilk``, ``Masan``, ``FPT``).
_SYLLABLE = re.compile(r"[^aeiouy]*[aeiouy]+[^aeiouy]*")


@cache
def _currencies() -> frozenset[str]:
    """ISO 4217 codes (``VND``, ``MYR``): capitals that are not organisations."""
    import pycountry

    return frozenset(c.alpha_3.lower() for c in pycountry.currencies)


class NameReader:
    """Where a name runs to: a capitalised run, an organisation after its head word, a place
    after its cue."""

    def __init__(self, view: BlockView) -> None:
        self.view = view

    def joins_name(self, k: int, coordinated: bool) -> bool:
        """May the name go on at ``k``, after a connector (``of``, ``dan``)? Not at a head
        word, nor after ``and`` where a name of its own starts: ``Dewan Rakyat dan
        Parlimen``, ``Gunung X dan Tasik Y`` (but ``Bank of England``)."""
        v = self.view
        if not v.name_word(k) or v.phrase(k, *HEADS):
            return False
        if not coordinated:
            return True
        known = (v.lows[k],) in v.lex.organisations
        return not known and not v.gaz.match(v.lows, k, v.n)

    def place_cue(self, k: int) -> Phrase | None:
        """A place cue at ``k`` followed by a name (``wilayah Lang Son``); not a surname that
        is also a cue (``Hồ Văn Niên``) nor a cue before a titled person."""
        v = self.view
        cue = v.phrase(k, "loc_cues")
        if cue is None or (v.caps[k] and v.lows[k] in v.lex.name_starts):
            return None
        after = k + len(cue.tokens)
        return cue if v.name_word(after) and not v.titled(after) else None

    def run_end(self, j: int) -> int:
        """End of a run of capitalised words from ``j``; person connectors inside
        (``bin``, ``a/l``) when a capitalised word follows. Cue phrases end a run."""
        v = self.view
        k = j
        while k < v.n:
            if v.name_word(k):
                cue = v.phrase(k, "honorifics", "roles", "credits", "not_names")
                # a cue written in lower case in the data (Vietnamese ``anh``) is also a
                # given name, so only capitalised cues (``Datuk``, ``Menteri``) end a run
                if k > j and cue is not None and cue.capital:
                    break
                if k > j and v.lows[k] not in v.lex.org_suffixes and v.phrase(k, "org_heads"):
                    break
                k += 1
            elif k > j and v.lows[k] in v.lex.person_connectors and v.name_word(k + 1):
                k += 1
            else:
                break
        return k

    def org_end(self, head_end: int, coordinate: bool = True, complete: bool = False) -> int:
        """End of an organisation name whose head word ends at ``head_end``; ``and`` joins
        words of the name only after a leading head word (``Department for Trade and
        Industry``, not ``Virgin Group and HSBC``). After a ``complete`` name (a known
        organisation) a person's name may follow at once (``Quốc hội Trần Văn Minh``)."""
        v = self.view
        lex = v.lex
        k = last = head_end
        lowers = lex.org_lowercase_syllables
        taken = lowers
        while k < v.n:
            place = v.gaz.match(v.lows, k, v.n) if v.name_word(k) else 0
            if place:
                k = last = k + place
                taken = lowers
                continue
            if v.name_word(k):
                person = v.lows[k] in lex.name_starts and v.name_word(k + 1)
                if (
                    v.phrase(k, "not_names")
                    or (k > head_end and v.phrase(k, *PERSON_CUES, "org_heads"))
                    or (person and (k > head_end or complete))
                ):
                    break
                k = last = k + 1
                taken = 0
                continue
            low = v.lows[k]
            # a lower-case syllable ends a word begun by the capital syllable before it (``Bộ
            # Tài chính``, ``Ngân hàng TMCP Quân đội``: an acronym is no syllable), not a name
            # whose words are all capitalised (``Hòa Phát công bố``) nor a brand (``Công ty Cổ
            # phần Vinamilk công bố``); a stop word only where the name goes on after it (``Cục
            # Hàng không Việt Nam``)
            if (
                taken < lowers
                and v.words[k][0].isalpha()
                and (k - 1 == head_end or not v.caps[k - 2] or v.words[k - 2].isupper())
                and _SYLLABLE.fullmatch(fold_token(v.words[k - 1]).lower())
                and (
                    low not in lex.stop_words
                    or (low not in lex.org_connectors and v.name_word(k + 1))
                )
                and not v.phrase(k, "loc_cues")
            ):
                k = last = k + 1
                taken += 1
                continue
            coordinator = low in lex.coordinators
            if (
                low in lex.org_connectors
                and (coordinate or not coordinator)
                and self.joins_name(k + 1, coordinator)
            ):
                k += 1
                continue
            cue = v.phrase(k, "loc_cues")
            if cue and v.name_word(k + len(cue.tokens)):
                start = k + len(cue.tokens)
                place = v.gaz.match(v.lows, start, v.n)
                return start + place if place else self.run_end(start)
            break
        return last

    def place_after(self, j: int) -> int:
        v = self.view
        place = v.gaz.match(v.lows, j, v.n)
        end = j + place if place else self.run_end(j)
        v.emit(j, end, "LOC", 3)
        return end

    def bracketed_acronym(self, i: int) -> bool:
        """Is the word at ``i`` the short name in brackets right after an organisation's
        name (``Tenaga Nasional Berhad (TNB)``)? A guessed name whose initials it spells
        becomes an organisation too."""
        v = self.view
        if not (i > 1 and v.words[i - 1] == "(" and v.words[i + 1 : i + 2] == [")"]):
            return False
        if not v.out or v.out[-1].end != v.block.start + v.ends[i - 2]:
            return False
        last = v.out[-1]
        if last.label == "ORG":
            return True
        initials = "".join(t[0] for t in last.tokens if len(t) > 2)
        if last.strength < 3 and len(initials) > 1 and initials == fold_token(v.words[i]):
            last.label, last.strength, last.tentative = "ORG", 2, False
            return True
        return False


class RunReader:
    """Classifies a plain run of capitalised words, one that no cue announced."""

    def __init__(self, view: BlockView, names: NameReader) -> None:
        self.view = view
        self.names = names

    def plain_run(self, i: int, j: int) -> int:
        """Classify the capitalised run ``i:j`` by what it contains and what surrounds it."""
        v = self.view
        lex = v.lex
        lows = v.lows[i:j]
        opener = v.sentence_start(i)
        if opener and j - i > 1 and self.opener_not_name(i, j):
            # the sentence's first word is not part of the name (``Keajaiban Lang Son``):
            # read on from the second word, which may begin a head word or a name
            return i + 1
        if j - i == 1 and _ROMAN.fullmatch(v.words[i]):
            return j
        label: EntityLabel | None = None
        strength = 3
        place = v.gaz.match(v.lows, i, j)
        if not lex.org_suffixes.isdisjoint(lows[1:]) or tuple(lows) in lex.organisations:
            label = "ORG"
            j = self.names.org_end(j, coordinate=False)  # ``London School of Economics``
        elif place == j - i:
            label = "LOC"
            if v.gaz.weak(lows):
                # only a city: not when the document also writes the word in lower case,
                # and confirmed elsewhere when only a sentence start capitalised it
                if any(self.common(k) for k in range(i, j)):
                    return j
                strength = 1 if opener else 2
        elif (
            not lex.person_connectors.isdisjoint(lows)
            or (lows[0] in lex.name_starts and 2 <= j - i <= 4)
            or self.role_after(j)
        ):
            label, strength = "PER", 2
        elif j - i == 1 and v.acronym(i) and not v.shouting and lows[0] not in _currencies():
            label, strength = "ORG", 1
        elif self.speech_after(j) and j - i > 1:
            label, strength = "PER", 2
        elif (
            i > 0
            and v.phrase(i - 1, "loc_prepositions")
            and j - i <= 3
            and not (j < v.n and v.words[j][0].isdigit())
        ):
            label, strength = "LOC", 1
        else:
            strength = 1
            common = [self.common(k) for k in range(i, j)]
            if all(common) or (j - i == 1 and lows[0] in _currencies()):
                return j
            label = lex.unknown_single if j - i == 1 else lex.unknown_multi
            if any(common) and label == "PER":
                label = "MISC"
        if label is not None:
            tentative = strength == 1 and (opener or v.shouting or label == "MISC")
            v.emit(i, j, label, strength, tentative)
        return j

    def opener_not_name(self, i: int, j: int) -> bool:
        """Is the first word of the sentence-initial run ``i:j`` a common word?"""
        v = self.view
        lex, rest = v.lex, i + 1
        if self.common(i):
            return True
        head = v.phrase(rest, *HEADS)
        if head is not None and v.lows[rest] not in lex.org_suffixes:
            return True  # ``Menurut Kementerian ...``, but ``Oxford University``
        if v.lows[rest] in lex.name_starts and v.lows[i] not in lex.name_starts:
            return True
        return (
            v.gaz.match(v.lows, rest, j, cities=False) == j - rest
            or tuple(v.lows[rest:j]) in lex.organisations
        )

    def common(self, k: int) -> bool:
        """Is the word at ``k`` a common word here (written in lower case elsewhere)?"""
        v = self.view
        if v.phrase(k, "not_names"):
            return True
        low = v.lows[k]
        return v.lex.lowercase_evidence and low in v.vocabulary and low.islower()

    def role_after(self, j: int) -> bool:
        v = self.view
        return j + 1 < v.n and v.words[j] == "," and v.phrase(j + 1, "roles") is not None

    def speech_after(self, j: int) -> bool:
        v = self.view
        if j >= v.n:
            return False
        for verb in v.lex.speech_verbs.get(v.lows[j], ()):
            if tuple(v.lows[j : j + len(verb)]) == verb:
                return True
        return False
