#!/usr/bin/env python3
"""Writes the demo portfolio in examples/en (UTF-8, ',', ISO dates) and examples/fr
(Windows-1252, ';', decimal comma, dd/mm/yyyy, French headers and words).
Deterministic: run it again and the files do not change. Both flavours hold the same
invoices, so `portfolio analyze` must give the same figures to the cent."""
import os
from datetime import date, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))

# name, type, channel (en, fr), referred_by, nps, nps_date, thanked
CLIENTS = [
    ("Acme Industries", "direct", ("Website", "Site web"), "", 8, "2025-06-10", ""),
    ("Atelier Nord", "direct", ("", ""), "Jane Doe", 10, "2025-06-12", "yes"),
    ("Boulangerie Dupont", "direct", ("", ""), "Atelier Nord", 9, "2025-06-15", "no"),
    ("Café Lumière", "direct", ("LinkedIn", "Réseaux sociaux"), "", 5, "2023-11-02", ""),
    ("Studio Graphique Bleu", "agency", ("Agency", "Agence"), "", 7, "2025-05-30", ""),
    ("Hôtel des Arts", "direct", ("Malt", "Malt"), "", 9, "2025-07-01", ""),
    ("Librairie Page", "direct", ("Meetup", "Salon"), "", 8, "2024-10-20", ""),
    ("Mairie de Villeurbanne", "direct", ("Cold email", "Prospection"), "", 6, "2025-09-23", ""),
    ("Nova Conseil", "direct", ("", ""), "Boulangerie Dupont", "", "", ""),
    ("Éditions Rivage", "direct", ("Word of mouth", "Bouche-à-oreille"), "", 10, "2024-03-01", ""),
    ("TechConf Paris", "direct", ("Event", "Salon"), "", "", "", ""),
    ("Le Magazine Freelance", "direct", ("Social media", "Réseaux sociaux"), "", "", "", ""),
    ("Verde Paysage", "direct", ("Behance", "Annuaire"), "", 4, "2024-06-18", ""),
    ("Fromagerie Alpine", "direct", ("Google Ads", "Publicité"), "", "", "", ""),
    ("Orbital SAS", "direct", ("Job board", "Site d'annonces"), "", "", "", ""),
    ("Pixel & Co", "platform", ("Upwork", "Plateforme"), "", 8, "2025-04-04", ""),
    ("Clinique Saint-Roch", "direct", ("", ""), "Acme Industries", 9, "2025-10-01", "2025-03-15"),
]
TYPES_FR = {"direct": "direct", "agency": "agence", "platform": "plateforme"}

# (client, year, month, day, amount, status, kind, intermediary)
INVOICES = []
def inv(client, date, amount, status="paid", kind="service", via=""):
    y, m, d = (int(x) for x in date.split("-"))
    INVOICES.append((client, y, m, d, Decimal(amount), status, kind, via))

# Acme: the big, loyal client.
for y, amounts in [(2022, ["4200.00", "3850.50", "5100.00"]), (2023, ["6000.00", "5400.00", "4800.00", "3900.25"]),
                   (2024, ["7200.00", "6600.00", "5800.00", "6100.00"]), (2025, ["8000.00", "7450.00", "6900.00", "7300.40"])]:
    for i, a in enumerate(amounts):
        inv("Acme Industries", f"{y}-{2 + i * 3:02d}-{10 + i:02d}", a)
inv("Acme Industries", "2024-11-28", "650.00", "credit note")        # a credit note
inv("Acme Industries", "2025-12-05", "2400.00", "sent")
inv("Acme Industries", "2025-12-08", "1800.00", "draft")             # not revenue
for y in (2022, 2023, 2024, 2025):
    inv("Atelier Nord", f"{y}-04-18", str(1500 + (y - 2022) * 250) + ".00")
    inv("Atelier Nord", f"{y}-10-07", str(1200 + (y - 2022) * 300) + ".50")
for y, a in [(2023, "980.00"), (2024, "1450.00"), (2025, "1720.00")]:
    inv("Boulangerie Dupont", f"{y}-05-22", a)
inv("Boulangerie Dupont", "2025-11-14", "640.00", "overdue")
inv("Café Lumière", "2022-06-01", "2100.00")
inv("Café Lumière", "2023-03-15", "1350.00")
inv("Café Lumière", "2023-09-30", "300.00", "cancelled")
for y in (2022, 2023, 2024, 2025):
    inv("Studio Graphique Bleu", f"{y}-03-03", str(2800 + (y - 2022) * 400) + ".00", kind="subcontracting")
    inv("Studio Graphique Bleu", f"{y}-09-09", "1900.00", kind="subcontracting")
for y, a in [(2023, "3200.00"), (2024, "3600.00"), (2025, "2950.00")]:
    inv("Hôtel des Arts", f"{y}-06-20", a, via="Malt")
inv("Librairie Page", "2022-02-14", "890.00")
inv("Librairie Page", "2024-10-11", "1240.00")                      # won back
inv("Mairie de Villeurbanne", "2024-07-08", "4500.00")
inv("Mairie de Villeurbanne", "2025-07-09", "3800.00")
inv("Nova Conseil", "2025-09-17", "2750.00")
for y, a in [(2022, "412.35"), (2023, "388.10"), (2024, "455.80"), (2025, "501.25")]:
    inv("Éditions Rivage", f"{y}-01-31", a, kind="royalties")
inv("TechConf Paris", "2023-11-22", "600.00", kind="talk")
inv("TechConf Paris", "2025-11-20", "750.00", kind="talk")
inv("Le Magazine Freelance", "2024-05-05", "320.00", kind="article")
inv("Verde Paysage", "2023-08-08", "1750.00")
inv("Verde Paysage", "2024-02-19", "1100.00", "overdue")           # never paid
inv("Fromagerie Alpine", "2025-03-27", "1380.00")
inv("Orbital SAS", "2022-11-03", "2600.00")
inv("Pixel & Co", "2024-08-12", "2200.00", via="Upwork")
inv("Pixel & Co", "2025-08-13", "2450.00", via="Upwork")
inv("Clinique Saint-Roch", "2024-09-25", "3100.00")
inv("Clinique Saint-Roch", "2025-06-16", "3350.00")
inv("Clinique Saint-Roch", "2025-12-12", "1675.00", "sent")
INVOICES.sort(key=lambda r: (r[1], r[2], r[3], r[0]))

# client, date, score, comment (en, fr)
SURVEYS = [
    ("Acme Industries", "2024-06-05", 7, ("Good work, sometimes late", "Bon travail, parfois en retard")),
    ("Acme Industries", "2025-06-10", 8, ("Reliable", "Fiable")),
    ("Atelier Nord", "2025-06-12", 10, ("Always a pleasure", "Toujours un plaisir")),
    ("Café Lumière", "2023-11-02", 5, ("Too expensive for us", "Trop cher pour nous")),
    ("Hôtel des Arts", "2025-07-01", 9, ("", "")),
    ("Mairie de Villeurbanne", "2025-09-23", 6, ("Slow to answer emails", "Lent à répondre aux courriels")),
    ("Clinique Saint-Roch", "2025-10-01", 9, ("Great design", "Très beau design")),
]
# The referrer who is no client, named as a French freelancer would know her.
PERSON_FR = {"Jane Doe": "Jeanne Martin"}

STATUS_FR = {"paid": "Payée", "sent": "Envoyée", "overdue": "En retard", "draft": "Brouillon",
             "cancelled": "Annulée", "credit note": "Avoir"}
KIND_FR = {"service": "Prestation", "subcontracting": "Sous-traitance", "royalties": "Droits d'auteur",
           "talk": "Conférence", "article": "Rédaction d'articles"}

# Days from invoice to payment, and payment terms, by client: Acme and the town hall
# pay late, the platforms pay at once, the rest within terms.
PAYS_AFTER = {"Acme Industries": 52, "Mairie de Villeurbanne": 58, "Studio Graphique Bleu": 35,
              "Hôtel des Arts": 7, "Pixel & Co": 5}
TERMS = {"Boulangerie Dupont": 15, "Mairie de Villeurbanne": 30}
# Payments known up to this day (the export's date); later ones are not in the file.
PAID_UNTIL = date(2025, 12, 20)

def payment(client, y, m, d, status):
    """(due date, paid date) as ISO text; no paid date for what is still unpaid."""
    day = date(y, m, d)
    due = day + timedelta(days=TERMS.get(client, 30))
    if status not in ("paid", "sent") or client == "Verde Paysage" and y == 2024 and m == 2:
        return due.isoformat(), ""
    paid = day + timedelta(days=PAYS_AFTER.get(client, 20) + d % 5)
    return due.isoformat(), paid.isoformat() if paid <= PAID_UNTIL else ""

def fr_amount(a):
    whole, frac = f"{a:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:]); whole = whole[:-3]
    groups.insert(0, whole)
    return "\u00a0".join(groups) + "," + frac + " €"

def fr_date(iso):
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"

def write(path, rows, sep, encoding):
    with open(path, "w", encoding=encoding, newline="") as f:
        for row in rows:
            cells = []
            for c in row:
                c = str(c)
                if sep in c or '"' in c:
                    c = '"' + c.replace('"', '""') + '"'
                cells.append(c)
            f.write(sep.join(cells) + "\r\n")

def main():
    os.makedirs(os.path.join(HERE, "en"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "fr"), exist_ok=True)
    en, fr = [], []
    for n, (client, y, m, d, a, status, kind, via) in enumerate(INVOICES, 1):
        number = f"{y}-{n:03d}"
        iso = f"{y}-{m:02d}-{d:02d}"
        due, paid = payment(client, y, m, d, status)
        en.append([number, iso, client, f"{a:.2f}", "EUR", status, kind, via, due, paid])
        fr.append([number, fr_date(iso), client, fr_amount(a), STATUS_FR[status], KIND_FR[kind], via,
                   fr_date(due), fr_date(paid)])
    write(os.path.join(HERE, "en", "invoices.csv"),
          [["Invoice number", "Date", "Client", "Amount (excl. tax)", "Currency", "Status", "Kind", "Intermediary",
            "Due date", "Paid date"]] + en,
          ",", "utf-8")
    write(os.path.join(HERE, "fr", "factures.csv"),
          [["N° facture", "Date de facture", "Client", "Montant HT", "Statut", "Nature", "Intermédiaire",
            "Échéance", "Date de paiement"]] + fr,
          ";", "cp1252")
    en_c, fr_c = [], []
    for name, typ, (ch_en, ch_fr), ref, nps, nps_date, thanked in CLIENTS:
        # Referrers earn 10 % on the clients they bring, 5 % when they are clients too.
        rate = "" if not ref else ("10" if ref == "Jane Doe" else "5")
        en_c.append([name, typ, ch_en, ref, nps, nps_date, thanked, rate])
        th_fr = {"yes": "oui", "no": "non", "": ""}.get(thanked)
        if th_fr is None:
            th_fr = fr_date(thanked)
        fr_c.append([name, TYPES_FR[typ], ch_fr, PERSON_FR.get(ref, ref), nps,
                     fr_date(nps_date) if nps_date else "", th_fr, f"{rate} %" if rate else ""])
    write(os.path.join(HERE, "en", "clients.csv"),
          [["Client", "Type", "Channel", "Referred by", "NPS", "NPS date", "Thanked", "Commission rate"]] + en_c,
          ",", "utf-8")
    write(os.path.join(HERE, "fr", "clients.csv"),
          [["Client", "Type", "Canal d'acquisition", "Recommandé par", "Note de recommandation", "Date enquête", "Remercié",
            "Taux de commission"]] + fr_c,
          ";", "cp1252")
    write(os.path.join(HERE, "en", "surveys.csv"),
          [["Client", "Date", "Score", "Comment"]] + [[c, d, s, en] for c, d, s, (en, _) in SURVEYS], ",", "utf-8")
    write(os.path.join(HERE, "fr", "enquetes.csv"),
          [["Client", "Date", "Note", "Commentaire"]] + [[c, fr_date(d), s, fr] for c, d, s, (_, fr) in SURVEYS], ";", "cp1252")

# A cooperative's export (SPEC 6): one row per invoice, the freelancer in a column.
# Each freelancer has a profile the summary must show: dependent on one client,
# diversified, shrinking, new this year, and one who stopped.
COOPERATIVE = [
    # freelancer, year, client, amount
    ("Amélie Roux", 2024, "Banque Alpine", "30000.00"),
    ("Amélie Roux", 2024, "Studio Nord", "6000.00"),
    ("Amélie Roux", 2025, "Banque Alpine", "40000.00"),
    ("Amélie Roux", 2025, "Studio Nord", "4000.00"),
    ("Bruno Petit", 2024, "Atelier A", "3500.00"),
    ("Bruno Petit", 2024, "Atelier B", "3500.00"),
    ("Bruno Petit", 2024, "Atelier C", "3500.00"),
    ("Bruno Petit", 2024, "Atelier D", "3500.00"),
    ("Bruno Petit", 2024, "Atelier E", "3500.00"),
    ("Bruno Petit", 2024, "Atelier F", "3500.00"),
    ("Bruno Petit", 2025, "Atelier A", "4000.00"),
    ("Bruno Petit", 2025, "Atelier B", "3800.00"),
    ("Bruno Petit", 2025, "Atelier C", "3600.00"),
    ("Bruno Petit", 2025, "Atelier D", "3400.00"),
    ("Bruno Petit", 2025, "Atelier E", "3200.00"),
    ("Bruno Petit", 2025, "Atelier F", "3000.00"),
    ("Bruno Petit", 2025, "Atelier G", "2800.00"),
    ("Bruno Petit", 2025, "Atelier H", "2600.00"),
    ("Bruno Petit", 2025, "Atelier I", "2400.00"),
    ("Bruno Petit", 2025, "Atelier J", "2200.00"),
    ("Chloé Martin", 2024, "Mairie de Lyon", "20000.00"),
    ("Chloé Martin", 2024, "Clinique Est", "15000.00"),
    ("Chloé Martin", 2024, "Hôtel Sud", "10000.00"),
    ("Chloé Martin", 2025, "Mairie de Lyon", "12000.00"),
    ("Chloé Martin", 2025, "Clinique Est", "6000.00"),
    ("David Leroy", 2025, "Start-up Orbite", "9000.00"),
    ("David Leroy", 2025, "Agence Bleue", "3000.00"),
    ("Emma Blanc", 2023, "Galerie Ouest", "5000.00"),
    ("Emma Blanc", 2024, "Galerie Ouest", "4000.00"),
]

def workbook():
    """examples/en/invoices.xlsx: the English invoices as a workbook a tool would hand
    over, with a summary sheet first, real dates and numbers (typed cells), and the
    invoice numbers as text. Needs openpyxl (pip install openpyxl)."""
    import csv
    import datetime
    from openpyxl import Workbook
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Invoices exported from the demo invoicing tool"])
    summary.append(["Year", "Invoices"])
    sheet = book.create_sheet("Invoices")
    with open(os.path.join(HERE, "en", "invoices.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    sheet.append(rows[0])
    for row in rows[1:]:
        number, day, client, amount, currency, status, kind, via, due, paid = row
        sheet.append([number, datetime.date.fromisoformat(day), client, float(amount),
                      currency, status, kind, via or None, datetime.date.fromisoformat(due),
                      datetime.date.fromisoformat(paid) if paid else None])
    for column in "BIJ":
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    for cell in sheet["D"][1:]:
        cell.number_format = "#,##0.00"
    book.save(os.path.join(HERE, "en", "invoices.xlsx"))

def cooperative():
    rows = []
    for i, (who, year, client, amount) in enumerate(COOPERATIVE):
        # Two invoices a year per client, in March and September, due in 30 days and
        # paid in 20, but Chloé's clients have left her March 2025 invoices unpaid.
        half = Decimal(amount) / 2
        for month in (3, 9):
            day = date(year, month, 10 + i % 15)
            due = day + timedelta(days=30)
            unpaid = who == "Chloé Martin" and year == 2025 and month == 3
            paid = "" if unpaid else (day + timedelta(days=20)).isoformat()
            rows.append([who, day.isoformat(), client, f"{half:.2f}", "sent" if unpaid else "paid",
                         due.isoformat(), paid])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    write(os.path.join(HERE, "cooperative.csv"),
          [["freelancer", "date", "client", "amount", "status", "due date", "paid date"]] + rows,
          ",", "utf-8")

if __name__ == "__main__":
    main()
    cooperative()
    workbook()
