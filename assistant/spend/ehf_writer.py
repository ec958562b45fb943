"""Write EHF / PEPPOL BIS Billing 3.0 documents (UBL 2.1): for the demo year, the
benchmark and tests. The element names are those ehf.py reads."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class EhfItem:
    name: str
    cpv: str
    amount: float
    quantity: int = 1


def _money(value: float) -> str:
    return f"{value:.2f}"


def ehf_xml(*, number: str, issued: str, supplier: str, supplier_org: str, buyer: str,
            items: list[EhfItem], credit_note: bool = False, currency: str = "NOK",
            vat_rate: float = 0.25, buyer_org: str = "") -> str:
    root, line_tag, qty_tag = (("CreditNote", "CreditNoteLine", "CreditedQuantity") if credit_note
                               else ("Invoice", "InvoiceLine", "InvoicedQuantity"))
    type_tag = "CreditNoteTypeCode" if credit_note else "InvoiceTypeCode"
    net = round(sum(item.amount for item in items), 2)
    vat = round(net * vat_rate, 2)
    buyer_endpoint = (f'<cbc:EndpointID schemeID="0192">{buyer_org}</cbc:EndpointID>'
                      if buyer_org else "")
    lines = []
    for index, item in enumerate(items, 1):
        lines.append(
            f"  <cac:{line_tag}><cbc:ID>{index}</cbc:ID>"
            f'<cbc:{qty_tag} unitCode="EA">{item.quantity}</cbc:{qty_tag}>'
            f'<cbc:LineExtensionAmount currencyID="{currency}">{_money(item.amount)}'
            "</cbc:LineExtensionAmount>\n"
            f"    <cac:Item><cbc:Name>{escape(item.name)}</cbc:Name>"
            "<cac:CommodityClassification>"
            f'<cbc:ItemClassificationCode listID="STI">{item.cpv}</cbc:ItemClassificationCode>'
            "</cac:CommodityClassification>"
            "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
            "</cac:Item>\n"
            f'    <cac:Price><cbc:PriceAmount currencyID="{currency}">'
            f"{_money(item.amount / item.quantity)}</cbc:PriceAmount></cac:Price>\n"
            f"  </cac:{line_tag}>")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" \
xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{escape(number)}</cbc:ID>
  <cbc:IssueDate>{issued}</cbc:IssueDate>
  <cbc:{type_tag}>{381 if credit_note else 380}</cbc:{type_tag}>
  <cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0192">{supplier_org}</cbc:EndpointID>
    <cac:PartyName><cbc:Name>{escape(supplier)}</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(supplier)}</cbc:RegistrationName>\
<cbc:CompanyID>{supplier_org}</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>{buyer_endpoint}
    <cac:PartyName><cbc:Name>{escape(buyer)}</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>{escape(buyer)}</cbc:RegistrationName>\
</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="{currency}">{_money(vat)}</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="{currency}">{_money(net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="{currency}">{_money(net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="{currency}">{_money(net + vat)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="{currency}">{_money(net + vat)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
{chr(10).join(lines)}
</{root}>
"""
