"""Read EHF / PEPPOL BIS Billing 3.0 invoices and credit notes (UBL 2.1) into spend lines.

Element names follow BIS Billing 3.0: supplier org number from
`cac:AccountingSupplierParty/cac:Party/cbc:EndpointID[@schemeID="0192"]` or
`cac:PartyLegalEntity/cbc:CompanyID`; buyer from `cac:AccountingCustomerParty`;
`cbc:IssueDate`; `cbc:DocumentCurrencyCode`; the net total
`cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount`; per line the item name and
`cac:CommodityClassification/cbc:ItemClassificationCode[@listID="STI"]` (CPV).

XML never has entity expansion or network access: a document with a DTD (the
only place entities can be declared) or in a multi-byte encoding goes through
defusedxml with DTDs, entities and external references forbidden, so an XXE or
billion-laughs document is refused, never expanded. A document with no DTD
cannot declare an entity, so it is parsed by the C-accelerated ElementTree
parser (several times faster than defusedxml's pure-Python one). Problems become
`Skipped` records, not exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from assistant.spend.categories import Categoriser
from assistant.spend.identity import clean_org, resolve_buyer
from assistant.spend.model import Skipped, SpendLine

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": ("faktura", "InvoiceLine"),
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote":
        ("kreditnota", "CreditNoteLine"),
}
NORWEGIAN_ORG_SCHEME = "0192"
CPV_LIST = "STI"
CLASSIFICATION = f"{CAC}Item/{CAC}CommodityClassification/{CBC}ItemClassificationCode"


@dataclass
class EhfResult:
    lines: list[SpendLine]
    skipped: list[Skipped]


def _line_of(text: str, pattern: str, default: int = 1) -> int:
    match = re.search(pattern, text)
    return text.count("\n", 0, match.start()) + 1 if match else default


def _text(element: Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else ""


def _amount(element: Element, path: str) -> float | None:
    value = _text(element, path)
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _party_org(party: Element | None) -> str:
    if party is None:
        return ""
    for endpoint in party.findall(f"{CBC}EndpointID"):
        if endpoint.get("schemeID") == NORWEGIAN_ORG_SCHEME and endpoint.text:
            return clean_org(endpoint.text)
    for path in (f"{CAC}PartyLegalEntity/{CBC}CompanyID", f"{CAC}PartyTaxScheme/{CBC}CompanyID",
                 f"{CAC}PartyIdentification/{CBC}ID"):
        value = clean_org(_text(party, path))
        if len(value) == 9:
            return value
    return ""


def _party_name(party: Element | None) -> str:
    return (_text(party, f"{CAC}PartyName/{CBC}Name")
            or _text(party, f"{CAC}PartyLegalEntity/{CBC}RegistrationName"))


def parse_xml(raw: bytes) -> Element:
    """The root element, with no entity expansion (see the module docstring)."""
    if b"<!DOCTYPE" not in raw and b"<!ENTITY" not in raw and b"\x00" not in raw:
        return ElementTree.fromstring(raw)
    return fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)


def read_ehf(path: Path, categoriser: Categoriser) -> EhfResult:
    """The lines of one EHF document, or the reason it was skipped."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return EhfResult([], [Skipped(name, None, f"kan ikke leses: {error.strerror or error}")])
    text = raw.decode("utf-8", errors="replace")
    try:
        root = parse_xml(raw)
    except DefusedXmlException:
        line = _line_of(text, r"<!(DOCTYPE|ENTITY)")
        return EhfResult([], [Skipped(name, line, "XML-en har DTD eller entiteter (mulig XXE- "
                                      "eller «billion laughs»-angrep); filen er ikke lest")])
    except ParseError as error:
        line, column = getattr(error, "position", (None, None))
        reason = re.sub(r": line \d+, column \d+$", "", str(error))
        return EhfResult([], [Skipped(name, line, f"ugyldig XML ved kolonne {column} "
                                      f"(parserens melding: {reason})")])
    if root.tag not in ROOTS:
        local = root.tag.rsplit("}", 1)[-1]
        line = _line_of(text, rf"<(\w+:)?{re.escape(local)}[\s>]")
        return EhfResult([], [Skipped(name, line, "ikke en EHF-faktura eller kreditnota "
                                      f"(rotelement «{local}»)")])
    doc_type, line_tag = ROOTS[root.tag]
    return _document(root, doc_type, line_tag, name, text, categoriser)


def _document(root: Element, doc_type: str, line_tag: str, name: str, text: str,
              categoriser: Categoriser) -> EhfResult:
    def skip(problem: str, pattern: str | None = None) -> EhfResult:
        return EhfResult([], [Skipped(name, _line_of(text, pattern) if pattern else 1, problem)])

    invoice_no = _text(root, f"{CBC}ID")
    currency = _text(root, f"{CBC}DocumentCurrencyCode")
    if currency.upper() != "NOK":
        return skip(f"valuta «{currency or 'mangler'}», ikke NOK: beløpet er ikke regnet med",
                    "DocumentCurrencyCode")
    issued = _text(root, f"{CBC}IssueDate")
    try:
        day = date.fromisoformat(issued)
    except ValueError:
        return skip(f"umulig fakturadato «{issued}»", "IssueDate")
    supplier = root.find(f"{CAC}AccountingSupplierParty/{CAC}Party")
    customer = root.find(f"{CAC}AccountingCustomerParty/{CAC}Party")
    if supplier is None:
        return skip("mangler leverandør (cac:AccountingSupplierParty)")
    buyer_name = _party_name(customer)
    municipality = resolve_buyer(_party_org(customer), buyer_name,
                                 _text(customer, f"{CAC}PartyLegalEntity/{CBC}RegistrationName"))
    if municipality is None:
        return skip(f"kjøperen «{buyer_name or 'mangler'}» er ikke en av kommunene i "
                    "knowledge/municipalities.yaml", "AccountingCustomerParty")
    total = _amount(root, f"{CAC}LegalMonetaryTotal/{CBC}TaxExclusiveAmount")
    if total is None:
        return skip("mangler eller ugyldig cbc:TaxExclusiveAmount", "LegalMonetaryTotal")
    sign = -1.0 if doc_type == "kreditnota" else 1.0
    vat_total = _amount(root, f"{CAC}TaxTotal/{CBC}TaxAmount")
    org, supplier_name = _party_org(supplier), _party_name(supplier)
    positions = [m.start() for m in re.finditer(rf"<(\w+:)?{line_tag}[\s>]", text)]
    lines: list[SpendLine] = []
    for index, item in enumerate(root.findall(f"{CAC}{line_tag}")):
        amount = _amount(item, f"{CBC}LineExtensionAmount") or 0.0
        cpv = ""
        for code in item.findall(CLASSIFICATION):
            if code.get("listID") == CPV_LIST and code.text:
                cpv = re.sub(r"\D", "", code.text.split("-")[0])
                break
        line_no = text.count("\n", 0, positions[index]) + 1 if index < len(positions) else 1
        lines.append(SpendLine(
            "ehf", name, line_no, invoice_no, doc_type, municipality, supplier_name, org,
            day.isoformat(), sign * amount, None,
            categoriser.from_cpv(cpv) or categoriser.data["cpv"]["default"], cpv, "", "", "",
            _text(item, f"{CAC}Item/{CBC}Name")))
    difference = total - sign * sum(line.amount for line in lines)
    if abs(difference) >= 0.005 or not lines:
        # Document-level allowances and charges: carried by the largest line's category.
        main = max(lines, key=lambda line: abs(line.amount)) if lines else None
        lines.append(SpendLine(
            "ehf", name, _line_of(text, "LegalMonetaryTotal"), invoice_no, doc_type,
            municipality, supplier_name, org, day.isoformat(), sign * difference, None,
            main.category if main else categoriser.data["cpv"]["default"],
            main.cpv if main else "", "", "", "", "rabatt/gebyr på dokumentnivå"))
    if vat_total is not None and lines:
        lines[0] = lines[0]._replace(vat=sign * vat_total)
    return EhfResult(lines, [])


def read_ehf_files(paths: list[Path], categoriser: Categoriser) -> EhfResult:
    """All lines and problems of a batch of EHF files (one task of a worker process)."""
    lines: list[SpendLine] = []
    skipped: list[Skipped] = []
    for path in paths:
        result = read_ehf(path, categoriser)
        lines += result.lines
        skipped += result.skipped
    return EhfResult(lines, skipped)
