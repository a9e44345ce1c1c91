"""People in a block: the titles, roles and credits before a name (possibly chained, with a
portfolio or the body the role belongs to), then the name."""

from __future__ import annotations

from newsfacts.entities.lexicon import Phrase
from newsfacts.entities.names import NameReader
from newsfacts.entities.view import BlockView

# Abbreviation dots that do not end a sentence: ``Dr. Mahathir``.
_ABBREVIATION_DOT = "."


class PersonReader:
    """Reads the person a title, role or credit announces, and what the role names first."""

    def __init__(self, view: BlockView, names: NameReader) -> None:
        self.view = view
        self.names = names

    def person_cue(self, i: int, j: int, phrase: Phrase) -> int:
        """Titles, roles and credits, possibly chained (``Menteri Kesihatan Datuk Seri Dr``),
        then the person's name; a role may name its body first (``Phó Chủ tịch UBND tỉnh
        Lạng Sơn``, ``Naib Pengerusi wilayah Lang Son, Tran Thanh Nhan``)."""
        v, names = self.view, self.names
        credit = "credits" in phrase.kinds
        role = "roles" in phrase.kinds
        while j < v.n:
            if v.words[j] in (_ABBREVIATION_DOT, ":"):
                j += 1
                continue
            portfolio = self.portfolio_end(j) if role else j
            if portfolio > j:
                # ``Menteri Pengangkutan Anthony Loke``, ``Menteri Kesihatan, Dzulkefly``
                comma = v.words[portfolio : portfolio + 1] == [","]
                j = portfolio + 1 if comma and v.name_word(portfolio + 1) else portfolio
                continue
            nxt = v.phrase(j, "honorifics", "roles", "credits")
            if nxt is None:
                break
            role = role or "roles" in nxt.kinds
            j += len(nxt.tokens)
        if not v.name_word(j):
            return j if j > i else i + 1
        if role or credit:
            # ``Chủ tịch Quốc hội``, ``Gambar ihsan Jabatan Bomba``
            head = v.phrase(j, "org_heads", "organisations")
            cue = names.place_cue(j)
            if head is not None:
                complete = "organisations" in head.kinds
                end = names.org_end(j + len(head.tokens), complete=complete)
                v.emit(j, end, "ORG", 3)
                return self.apposed_name(end)
            if cue is not None:
                end = names.place_after(j + len(cue.tokens))
                return self.apposed_name(end)
        end = names.run_end(j)
        place = v.gaz.match(v.lows, j, end)
        if (
            place
            and v.gaz.weak(v.lows[j : j + place])
            and (end - j - place == 1 or v.lows[j] in v.lex.name_starts)
        ):
            place = 0  # ``President George Bush``, but ``Ahli Parlimen Bangi Ahmad Zaki``
        if role and place and not v.phrase(j + place, "honorifics"):
            # the role's country or state: ``Đại sứ Hoa Kỳ``, ``Menteri Besar Selangor ...``
            v.emit(j, j + place, "LOC", 3)
            if v.name_word(j + place):
                end = names.run_end(j + place)
                v.emit(j + place, end, "PER", 3)
                return end
            return j + place
        if role and v.phrase(end, "honorifics"):
            # a portfolio (``Menteri Kesihatan Datuk Seri ...``), which may be a place
            if v.gaz.match(v.lows, j, end) == end - j:
                v.emit(j, end, "LOC", 3)
            return end
        if credit and (
            (end == j + 1 and v.acronym(j)) or tuple(v.lows[j:end]) in v.lex.organisations
        ):
            v.emit(j, end, "ORG", 3)  # ``Foto: BERNAMA``
        else:
            v.emit(j, end, "PER", 3)
        return end

    def portfolio_end(self, j: int) -> int:
        """The end of the portfolio words at ``j`` (``Pelaburan, Perdagangan dan Industri``)
        after a role; ``j`` when there are none."""
        v = self.view
        k = j
        while (portfolio := v.phrase(k, "portfolios")) is not None:
            k += len(portfolio.tokens)
            joiner = k < v.n and (v.words[k] == "," or v.lows[k] in v.lex.coordinators)
            if joiner and v.phrase(k + 1, "portfolios"):
                k += 1
        return k

    def apposed_name(self, k: int) -> int:
        """``<role> <body>, <name>,``: the name set off by commas after a role."""
        v = self.view
        if k < v.n and v.words[k] == "," and v.name_word(k + 1):
            end = self.names.run_end(k + 1)
            if end >= v.n or not v.words[end][0].isalnum():
                v.emit(k + 1, end, "PER", 3)
                return end
        return k
