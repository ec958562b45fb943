"""`innkjop analyse --demo MAPPE`: a synthetic year for the six municipalities, with
planted anomalies and their ground truth (fasit.json).

Everything is made up: suppliers, org numbers (invented, with a valid MOD11 check
digit unless planted invalid), agreements and amounts. The background is built to
raise no finding (purchases on agreement, small direct purchases far apart); each
planted anomaly is listed in fasit.json as (code, municipality, supplier_org).
EHF documents go to ehf/<kommune>/, one accounting export per municipality to
regnskap/ (Windows-1252 for half of them, UTF-8 with BOM for the rest).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from assistant.spend.ehf_writer import EhfItem, ehf_xml
from knowledge.municipalities import MUNICIPALITIES

YEAR = 2026
HEADER = ("Kommune;Ansvar;Konto;Leverandørnr;Leverandørnavn;Org.nr;Fakturanr;Fakturadato;"
          "Beløp eks. mva;Mva;Tekst")


def invented_org(number: int) -> str:
    """A made-up nine-digit org number with a valid MOD11 check digit."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        body = f"9{number:07d}"[:8]
        remainder = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check != 10:
            return body + str(check)
        number += 1


@dataclass
class Supplier:
    name: str
    org: str


@dataclass
class Year:
    ehf: list[tuple[str, str, str]] = field(default_factory=list)  # (muni, filename, xml)
    ledger: dict[str, list[str]] = field(default_factory=dict)
    truth: list[dict[str, str]] = field(default_factory=list)
    counter: int = 0

    def invoice(self, muni: str, supplier: Supplier, day: date, items: list[EhfItem],
                number: str | None = None, filename: str | None = None) -> str:
        self.counter += 1
        number = number or f"F{self.counter:06d}"
        xml = ehf_xml(number=number, issued=day.isoformat(), supplier=supplier.name,
                      supplier_org=supplier.org, buyer=f"{muni} kommune", items=items)
        self.ehf.append((muni, filename or f"{number}.xml", xml))
        return number

    def posting(self, muni: str, supplier: Supplier, day: date, account: str, amount: float,
                text: str, number: str | None = None) -> str:
        self.counter += 1
        number = number or f"R{self.counter:06d}"
        money = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
        vat = f"{amount * 0.25:,.2f}".replace(",", " ").replace(".", ",")
        self.ledger.setdefault(muni, []).append(
            f"{muni};4100;{account};{self.counter};{supplier.name};{supplier.org};{number};"
            f"{day.strftime('%d.%m.%Y')};{money};{vat};{text}")
        return number

    def plant(self, code: str, muni: str, supplier: Supplier) -> None:
        self.truth.append({"code": code, "municipality": muni, "supplier_org": supplier.org})


AGREEMENTS = [
    # id, name, supplier, category, cpv, accounts, valid_from, valid_to, sample item
    ("DEMO-01", "Kontorrekvisita", "Demo Kontor AS", "varer", ["3019"], ["120"],
     "2024-01-01", "2028-12-31", ("Kopipapir og permer", "30197630")),
    ("DEMO-02", "Renholdsprodukter", "Demo Renhold AS", "varer", ["3983"], [],
     "2024-01-01", "2028-12-31", ("Rengjøringsmidler", "39830000")),
    ("DEMO-03", "PC-er og skjermer", "Demo IKT AS", "varer", ["3021", "3023"], [],
     "2022-01-01", "2026-06-30", ("Bærbar PC", "30213100")),
    ("DEMO-04", "Matvarer", "Demo Mat AS", "varer", ["158"], ["115"],
     "2023-01-01", "2027-12-31", ("Matvarer til kantine", "15800000")),
]


def _agreements_yaml(suppliers: dict[str, Supplier]) -> str:
    out = ["# Syntetisk avtaleregister for demoåret (oppdiktet).", "example: true",
           "agreements:"]
    for ident, name, supplier, category, cpv, accounts, start, end, item in AGREEMENTS:
        out += [f"  - id: {ident}", f"    agreement: {name}", f"    supplier: {supplier}",
                f"    supplier_org: '{suppliers[supplier].org}'", f"    category: {category}",
                "    municipalities: alle", f"    valid_from: {start}", f"    valid_to: {end}",
                f"    cpv: [{', '.join(repr(c) for c in cpv)}]",
                f"    accounts: [{', '.join(repr(a) for a in accounts)}]",
                f"    keywords: [{item[0].split()[0].lower()}]"]
    return "\n".join(out) + "\n"


def build_year(seed: int = 2026) -> tuple[Year, dict[str, Supplier], str]:
    rng = random.Random(seed)
    orgs = iter(range(1000, 10**6, 37))
    suppliers: dict[str, Supplier] = {}

    def supplier(name: str) -> Supplier:
        if name not in suppliers:
            suppliers[name] = Supplier(name, invented_org(next(orgs)))
        return suppliers[name]

    year = Year()
    start = date(YEAR, 1, 1)
    # Background 1: each agreement's own supplier, monthly, in every municipality.
    for muni in MUNICIPALITIES:
        for _ident, _name, sup, _cat, _cpv, _acc, _from, valid_to, (text, cpv) in AGREEMENTS:
            last = date.fromisoformat(valid_to)
            for month in range(1, 13):
                day = date(YEAR, month, rng.randint(1, 27))
                if day > last:
                    break
                year.invoice(muni, supplier(sup), day,
                             [EhfItem(text, cpv, round(rng.uniform(2000, 30000), 2))])
    # Background 2: small direct purchases far apart (each supplier < 100 000 a year).
    small = [("Demo Rørlegger {} AS", "50000000", "12300", "Reparasjon"),
             ("Demo Arkitekt {} AS", "71200000", "12700", "Skisseprosjekt"),
             ("Demo Medisinsk {} AS", "33140000", "12000", "Medisinsk forbruksmateriell")]
    for muni in MUNICIPALITIES:
        for index, (pattern, cpv, account, text) in enumerate(small):
            sup = supplier(pattern.format(muni))
            for k in range(3):
                day = start + timedelta(days=10 + 120 * k + index)
                amount = round(rng.uniform(5000, 25000), 2)
                if k == 1:
                    year.posting(muni, sup, day, account, amount, text)
                else:
                    number = year.invoice(muni, sup, day, [EhfItem(text, cpv, amount)])
                    if k == 2:  # also posted in the ledger: must be counted once
                        year.posting(muni, sup, day, account, amount, text, number=number)
    # Background 3: a big building contract won in competition (--kontrakter).
    builder = supplier("Demo Entreprenør AS")
    for month in (3, 6, 9):
        year.invoice("Stjørdal", builder, date(YEAR, month, 5),
                     [EhfItem("Rehabilitering skole", "45454000", 500000.0)])
    contracts = ("contracts:\n  - supplier_org: '" + builder.org + "'\n"
                 "    supplier: Demo Entreprenør AS\n    municipalities: [Stjørdal]\n"
                 "    category: bygg_anlegg\n    valid_from: 2026-01-01\n"
                 "    valid_to: 2027-12-31\n    reference: Doffin 2025-000000 (oppdiktet)\n")
    _plant(year, supplier)
    return year, suppliers, contracts


def _plant(year: Year, supplier) -> None:
    d = date
    other = supplier("Demo Papirhandel AS")
    for k in range(3):
        year.invoice("Stjørdal", other, d(YEAR, 1, 15) + timedelta(days=100 * k),
                     [EhfItem("Kopipapir A4", "30197630", 8000.0 + k)])
    year.plant("utenfor_avtale", "Stjørdal", other)
    books = supplier("Demo Bokhandel AS")
    year.posting("Selbu", books, d(YEAR, 4, 2), "11200", 15250.0, "Skrivesaker")
    year.plant("utenfor_avtale", "Selbu", books)
    consult = supplier("Demo Rådgivning AS")
    for k in range(4):
        year.invoice("Meråker", consult, d(YEAR, 1, 10) + timedelta(days=100 * k),
                     [EhfItem("Rådgivning omorganisering", "79411000", 450000.0)])
    year.plant("mulig_ulovlig_direkteanskaffelse", "Meråker", consult)
    engineer = supplier("Demo Ingeniør AS")
    year.invoice("Tydal", engineer, d(YEAR, 8, 15), [EhfItem("Prosjektering VA", "71300000",
                                                             150000.0)])
    year.invoice("Tydal", engineer, d(YEAR, 12, 10), [EhfItem("Prosjektering VA", "71300000",
                                                              120000.0)])
    year.plant("mangler_konkurranse_strategi", "Tydal", engineer)
    splitter = supplier("Demo Bygg og Maling AS")
    for k, amount in enumerate((40000.0, 45000.0, 38000.0)):
        year.invoice("Frosta", splitter, d(YEAR, 3, 2) + timedelta(days=12 * k),
                     [EhfItem("Maling gymsal", "45442100", amount)])
    year.plant("mulig_oppdeling", "Frosta", splitter)
    year.plant("mulig_ulovlig_direkteanskaffelse", "Frosta", splitter)
    twice = supplier("Demo Elektro AS")
    number = year.invoice("Holtålen", twice, d(YEAR, 5, 5),
                          [EhfItem("Lysarmatur", "31527200", 12000.0)])
    year.invoice("Holtålen", twice, d(YEAR, 5, 5), [EhfItem("Lysarmatur", "31527200", 12000.0)],
                 number=number, filename=f"{number}-kopi.xml")
    year.plant("duplikat_faktura", "Holtålen", twice)
    same = supplier("Demo Transport AS")
    year.posting("Selbu", same, d(YEAR, 6, 3), "17000", 7450.0, "Skyss")
    year.posting("Selbu", same, d(YEAR, 6, 3), "17000", 7450.0, "Skyss")
    year.plant("duplikat_faktura", "Selbu", same)
    ikt = supplier("Demo IKT AS")
    year.invoice("Stjørdal", ikt, d(YEAR, 9, 14), [EhfItem("Bærbar PC", "30213100", 60000.0)])
    year.plant("avtale_utlopt", "Stjørdal", ikt)
    bad = Supplier("Demo Snekker ENK", "123456789")
    year.posting("Meråker", bad, d(YEAR, 2, 20), "12300", 9000.0, "Snekkerarbeid")
    year.plant("ugyldig_orgnr", "Meråker", bad)


def write_demo(folder: Path, seed: int = 2026) -> dict:
    """Write the demo year into `folder`; return the ground truth (also in fasit.json)."""
    year, suppliers, contracts = build_year(seed)
    (folder / "regnskap").mkdir(parents=True, exist_ok=True)
    for muni, name, xml in year.ehf:
        target = folder / "ehf" / muni.lower()
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(xml, encoding="utf-8")
    for index, (muni, lines) in enumerate(sorted(year.ledger.items())):
        text = "\r\n".join([HEADER, *lines]) + "\r\n"
        path = folder / "regnskap" / f"{muni.lower()}-{YEAR}.csv"
        if index % 2 == 0:
            path.write_bytes(text.encode("cp1252"))
        else:
            path.write_bytes(text.encode("utf-8-sig"))
    (folder / "avtaler.yaml").write_text(_agreements_yaml(suppliers), encoding="utf-8")
    (folder / "kontrakter.yaml").write_text(contracts, encoding="utf-8")
    truth = {"files": len(year.ehf) + len(year.ledger), "findings": year.truth}
    (folder / "fasit.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    return truth
