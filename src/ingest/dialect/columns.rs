//! Header → field mapping: the English and French synonyms of each field, matched after
//! folding (case, accents, punctuation, bracketed units), and the `--map` overrides.

use crate::ingest::dialect::text::fold_header;

/// Which input a field or an override belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Invoices,
    Clients,
    Surveys,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Invoices => "invoices",
            FileKind::Clients => "clients",
            FileKind::Surveys => "surveys",
        }
    }
}

/// `--map FIELD=HEADER`, optionally `--map clients.channel=Source`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapOverride {
    pub file: Option<FileKind>,
    pub field: String,
    pub header: String,
}

impl MapOverride {
    /// Parses `FIELD=HEADER`; the field must exist in some input.
    pub fn parse(text: &str) -> Result<MapOverride, String> {
        let (field, header) = text
            .split_once('=')
            .ok_or_else(|| format!("{text:?}: expected FIELD=HEADER, e.g. amount=\"Total HT\""))?;
        let field = field.trim();
        let (file, field) = match field.split_once('.') {
            Some(("invoices", f)) => (Some(FileKind::Invoices), f),
            Some(("clients", f)) => (Some(FileKind::Clients), f),
            Some(("surveys", f)) => (Some(FileKind::Surveys), f),
            _ => (None, field),
        };
        let kinds = [FileKind::Invoices, FileKind::Clients, FileKind::Surveys];
        let known = kinds
            .iter()
            .filter(|k| file.is_none_or(|f| f == **k))
            .any(|k| fields_of(*k).contains(&field));
        if !known {
            let all: Vec<&str> = fields_of(file.unwrap_or(FileKind::Invoices)).to_vec();
            return Err(format!(
                "unknown field {field:?}: the fields are {} (prefix with clients. or surveys. for those files)",
                all.join(", ")
            ));
        }
        Ok(MapOverride {
            file,
            field: field.to_string(),
            header: header.trim().to_string(),
        })
    }

    pub(crate) fn applies_to(&self, kind: FileKind) -> bool {
        match self.file {
            Some(file) => file == kind,
            None => fields_of(kind).contains(&self.field.as_str()),
        }
    }
}

/// One field and the headers that name it, best first.
struct FieldSpec {
    field: &'static str,
    synonyms: &'static [&'static str],
}

/// Whether an amount column is per line, excluding tax, or including tax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountBasis {
    Line,
    ExclTax,
    InclTax,
}

const AMOUNT_LINE: &[&str] = &[
    "line subtotal",
    "line amount",
    "item amount",
    "item total",
    "line net",
    "line net amount",
    "amount excl tax line",
    "montant ligne ht",
    "total ligne ht",
    "montant ligne",
];
const AMOUNT_EXCL_TAX: &[&str] = &[
    "amount excl tax",
    "amount excl. tax",
    "amount excluding tax",
    "amount before tax",
    "amount before sales tax",
    "total excl tax",
    "total excluding tax",
    "net amount",
    "net",
    "subtotal",
    "sub total",
    "subtotal amount",
    "total ht",
    "montant ht",
    "ht",
    "amount ht",
    "total hors taxes",
    "montant hors taxes",
    "hors taxes",
    "chiffre d affaires",
    "ca ht",
    "amount",
    "montant",
];
const AMOUNT_INCL_TAX: &[&str] = &[
    "amount incl tax",
    "amount including tax",
    "amount ttc",
    "total",
    "total ttc",
    "montant ttc",
    "ttc",
    "amount due",
    "total amount",
    "total incl tax",
    "total including tax",
    "gross amount",
    "invoice total",
    "grand total",
    "montant total",
];

const INVOICE_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "date",
        synonyms: &[
            "invoice date",
            "date",
            "issue date",
            "date issued",
            "issued",
            "issued on",
            "document date",
            "invoice issue date",
            "date de facture",
            "date de facturation",
            "date d emission",
            "date facture",
            "date d'émission",
            "date emission",
            "created",
            "created date",
            "creation date",
            "date de creation",
        ],
    },
    FieldSpec {
        field: "client_id",
        synonyms: &[
            "client id",
            "customer id",
            "client number",
            "customer number",
            "client code",
            "customer code",
            "code client",
            "numero client",
            "id client",
            "client ref",
            "account number",
            "siren",
            "siret",
        ],
    },
    FieldSpec {
        field: "client",
        synonyms: &[
            "client",
            "customer",
            "client name",
            "customer name",
            "company",
            "company name",
            "organization",
            "organisation",
            "contact name",
            "nom du client",
            "nom client",
            "nom",
            "raison sociale",
            "société",
            "tiers",
            "name",
            "display name",
            "payer",
        ],
    },
    FieldSpec {
        field: "invoice_id",
        synonyms: &[
            "invoice number",
            "invoice no",
            "invoice num",
            "invoice",
            "invoice id",
            "number",
            "document number",
            "n° facture",
            "no facture",
            "num facture",
            "numero facture",
            "numéro de facture",
            "numéro",
            "facture",
            "référence",
            "reference",
            "ref",
        ],
    },
    FieldSpec {
        field: "currency",
        synonyms: &[
            "currency",
            "currency code",
            "devise",
            "monnaie",
            "code devise",
        ],
    },
    FieldSpec {
        field: "status",
        synonyms: &[
            "status",
            "invoice status",
            "document status",
            "statut",
            "état",
            "statut facture",
            "payment status",
            "state",
        ],
    },
    FieldSpec {
        field: "kind",
        synonyms: &[
            "kind",
            "type",
            "category",
            "nature",
            "catégorie",
            "type de revenu",
            "revenue type",
            "income type",
        ],
    },
    FieldSpec {
        field: "intermediary",
        synonyms: &[
            "intermediary",
            "agency",
            "platform",
            "via",
            "intermédiaire",
            "plateforme",
            "agence",
        ],
    },
    FieldSpec {
        field: "paid_date",
        synonyms: &[
            "paid date",
            "payment date",
            "paid at",
            "paid on",
            "date paid",
            "date de paiement",
            "date d'encaissement",
            "date de reglement",
            "date de règlement",
            "date encaissement",
            "last payment date",
        ],
    },
    FieldSpec {
        field: "due_date",
        synonyms: &[
            "due date",
            "date due",
            "due",
            "payment due",
            "due on",
            "échéance",
            "date d'échéance",
            "date echeance",
            "date limite de paiement",
        ],
    },
    FieldSpec {
        // What is still unpaid of the invoice, incl. tax (SPEC 2.2).
        field: "balance",
        synonyms: &[
            "balance",
            "balance due",
            "balance due amount",
            "outstanding",
            "amount outstanding",
            "outstanding amount",
            "open amount",
            "reste dû",
            "reste à payer",
            "montant restant dû",
            "solde",
            "solde dû",
        ],
    },
    FieldSpec {
        // What was paid of the invoice: the balance is its total less this.
        field: "paid_amount",
        synonyms: &[
            "amount paid",
            "paid amount",
            "amount paid amount",
            "paid",
            "total paid",
            "montant payé",
            "montant réglé",
            "montant encaissé",
            "déjà réglé",
        ],
    },
    FieldSpec {
        // A tax amount is never revenue; beside a total including tax it gives the
        // revenue excluding tax as total − tax.
        field: "tax",
        synonyms: &[
            "tax",
            "tax amount",
            "amount tax",
            "amount vat",
            "vat",
            "vat amount",
            "sales tax",
            "sales tax amount",
            "total tax",
            "tva",
            "montant tva",
            "total tva",
            "taxes",
        ],
    },
];

const CLIENT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "client_id",
        synonyms: &[
            "client id",
            "customer id",
            "code client",
            "client code",
            "customer code",
            "client number",
            "customer number",
            "numero client",
            "id client",
            "id",
        ],
    },
    FieldSpec {
        field: "client",
        synonyms: &[
            "client",
            "name",
            "customer",
            "display name",
            "nom",
            "raison sociale",
            "client name",
            "customer name",
            "company",
            "company name",
            "organization",
            "organisation",
            "société",
            "nom du client",
        ],
    },
    FieldSpec {
        field: "channel",
        synonyms: &[
            "channel",
            "source",
            "acquisition",
            "acquisition channel",
            "how did you hear",
            "how did you hear about us",
            "origin",
            "lead source",
            "canal",
            "canal d'acquisition",
            "origine",
            "provenance",
        ],
    },
    FieldSpec {
        field: "referred_by",
        synonyms: &[
            "referred by",
            "referrer",
            "referral",
            "recommandé par",
            "apporteur",
            "apporteur d'affaires",
            "parrain",
            "prescripteur",
        ],
    },
    FieldSpec {
        field: "type",
        synonyms: &["type", "client type", "type de client", "type client"],
    },
    FieldSpec {
        field: "nps",
        synonyms: &[
            "nps",
            "score",
            "nps score",
            "recommendation score",
            "likelihood to recommend",
            "note",
            "note de recommandation",
        ],
    },
    FieldSpec {
        field: "nps_date",
        synonyms: &[
            "nps date",
            "survey date",
            "date enquête",
            "date nps",
            "date de l'enquête",
        ],
    },
    FieldSpec {
        field: "commission_rate",
        synonyms: &[
            "commission rate",
            "commission",
            "referral commission",
            "taux de commission",
            "commission apporteur",
            "taux apporteur",
            "taux",
        ],
    },
    FieldSpec {
        field: "thanked",
        synonyms: &[
            "thanked",
            "thanks sent",
            "remercié",
            "remerciement",
            "merci envoyé",
        ],
    },
];

const SURVEY_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "client_id",
        synonyms: &[
            "client id",
            "customer id",
            "code client",
            "client code",
            "id client",
        ],
    },
    FieldSpec {
        field: "client",
        synonyms: &[
            "client",
            "customer",
            "name",
            "nom",
            "client name",
            "customer name",
            "company",
            "société",
            "raison sociale",
        ],
    },
    FieldSpec {
        field: "date",
        synonyms: &[
            "date",
            "survey date",
            "response date",
            "submitted at",
            "date de réponse",
            "date enquête",
            "timestamp",
        ],
    },
    FieldSpec {
        field: "score",
        synonyms: &[
            "score",
            "nps",
            "note",
            "rating",
            "recommendation score",
            "likelihood to recommend",
            "note de recommandation",
        ],
    },
    FieldSpec {
        field: "comment",
        synonyms: &[
            "comment",
            "comments",
            "commentaire",
            "remarque",
            "feedback",
            "verbatim",
        ],
    },
];

/// The fields of one input, as `--map` names them.
pub fn fields_of(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Invoices => &[
            "date",
            "client",
            "client_id",
            "amount",
            "invoice_id",
            "currency",
            "status",
            "kind",
            "intermediary",
            "paid_date",
            "due_date",
            "balance",
            "paid_amount",
            "gross",
            "tax",
        ],
        FileKind::Clients => &[
            "client",
            "client_id",
            "channel",
            "referred_by",
            "type",
            "nps",
            "nps_date",
            "thanked",
            "commission_rate",
        ],
        FileKind::Surveys => &["client", "client_id", "date", "score", "comment"],
    }
}

/// Which column holds which field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    columns: Vec<(&'static str, usize)>,
    headers: Vec<String>,
    pub amount_basis: Option<AmountBasis>,
    /// Fields that two headers name equally well: the first was taken, and the user is
    /// told which (SPEC 2.2: never a silent first-wins).
    pub ties: Vec<Tie>,
}

/// Two headers that name one field equally well.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    pub field: &'static str,
    pub chosen: String,
    pub other: String,
}

impl Mapping {
    pub fn index(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }

    pub fn header(&self, field: &str) -> Option<&str> {
        self.index(field)
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
    }

    /// `(field, header)` pairs in the order of the fields.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        self.columns
            .iter()
            .filter_map(|(f, i)| self.headers.get(*i).map(|h| (*f, h.clone())))
            .collect()
    }

    pub fn has(&self, field: &str) -> bool {
        self.index(field).is_some()
    }

    fn assign(&mut self, field: &'static str, index: usize) {
        self.columns.push((field, index));
    }

    fn note_tie(&mut self, field: &'static str, chosen: usize, other: Option<usize>) {
        let header = |i: usize| self.headers.get(i).cloned().unwrap_or_default();
        if let Some(other) = other {
            let tie = Tie {
                field,
                chosen: header(chosen),
                other: header(other),
            };
            self.ties.push(tie);
        }
    }

    /// The tax column, when the amount includes tax and the export gives the tax beside
    /// it: the revenue is then the amount less the tax.
    pub fn tax_to_subtract(&self) -> Option<usize> {
        (self.amount_basis == Some(AmountBasis::InclTax))
            .then(|| self.index("tax"))
            .flatten()
    }

    fn is_used(&self, index: usize) -> bool {
        self.columns.iter().any(|(_, i)| *i == index)
    }
}

/// A `--map` header that is not in the row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingOverride {
    pub field: String,
    pub header: String,
}

fn static_field(kind: FileKind, field: &str) -> Option<&'static str> {
    fields_of(kind).iter().copied().find(|f| *f == field)
}

fn find_header(
    headers: &[String],
    folded: &[String],
    wanted: &str,
    mapping: &Mapping,
) -> Option<usize> {
    let exact = headers.iter().position(|h| h == wanted);
    let wanted = fold_header(wanted);
    exact.or_else(|| {
        folded
            .iter()
            .enumerate()
            .position(|(i, h)| !wanted.is_empty() && *h == wanted && !mapping.is_used(i))
    })
}

/// The first unused header matching the best synonym that any header matches, and the
/// next unused header matching that same synonym, if any (a tie).
fn first_synonym(
    folded: &[String],
    synonyms: &[&str],
    mapping: &Mapping,
) -> Option<(usize, Option<usize>)> {
    synonyms.iter().find_map(|synonym| {
        let synonym = fold_header(synonym);
        let mut matching = folded
            .iter()
            .enumerate()
            .filter(|(i, h)| **h == synonym && !mapping.is_used(*i))
            .map(|(i, _)| i);
        matching.next().map(|first| (first, matching.next()))
    })
}

/// Maps a header row. Overrides come first; then each field takes the unused header
/// matching its best synonym. Blank and duplicate headers are simply never chosen twice.
pub fn map_columns(
    kind: FileKind,
    headers: &[String],
    overrides: &[MapOverride],
) -> Result<Mapping, MissingOverride> {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    let mut mapping = Mapping {
        headers: headers.to_vec(),
        ..Mapping::default()
    };
    for o in overrides.iter().filter(|o| o.applies_to(kind)) {
        let Some(field) = static_field(kind, &o.field) else {
            continue;
        };
        match find_header(headers, &folded, &o.header, &mapping) {
            Some(index) => {
                mapping.assign(field, index);
                if field == "amount" {
                    mapping.amount_basis = Some(AmountBasis::ExclTax);
                }
            }
            // An unprefixed --map names the invoices' header; other files use it only
            // when they have that header too.
            None if o.file.is_none() && kind != FileKind::Invoices => {}
            None => {
                return Err(MissingOverride {
                    field: o.field.clone(),
                    header: o.header.clone(),
                })
            }
        }
    }
    let specs = match kind {
        FileKind::Invoices => INVOICE_FIELDS,
        FileKind::Clients => CLIENT_FIELDS,
        FileKind::Surveys => SURVEY_FIELDS,
    };
    // A header with `%` is a rate (`TVA (%)`), never a tax amount.
    let not_rates: Vec<String> = folded
        .iter()
        .zip(headers)
        .map(|(f, h)| {
            if h.contains('%') {
                String::new()
            } else {
                f.clone()
            }
        })
        .collect();
    for spec in specs {
        if mapping.has(spec.field) {
            continue;
        }
        let candidates = if spec.field == "tax" {
            &not_rates
        } else {
            &folded
        };
        if let Some((index, tie)) = first_synonym(candidates, spec.synonyms, &mapping) {
            mapping.assign(spec.field, index);
            mapping.note_tie(spec.field, index, tie);
        }
    }
    if kind == FileKind::Invoices && !mapping.has("amount") {
        let tiers = [
            (AMOUNT_LINE, AmountBasis::Line),
            (AMOUNT_EXCL_TAX, AmountBasis::ExclTax),
            (AMOUNT_INCL_TAX, AmountBasis::InclTax),
        ];
        for (synonyms, basis) in tiers {
            if let Some((index, tie)) = first_synonym(&folded, synonyms, &mapping) {
                mapping.assign("amount", index);
                mapping.note_tie("amount", index, tie);
                mapping.amount_basis = Some(basis);
                break;
            }
        }
    }
    // The total incl. tax beside an amount excl. tax: what a balance is a part of.
    if kind == FileKind::Invoices
        && !mapping.has("gross")
        && matches!(
            mapping.amount_basis,
            Some(AmountBasis::ExclTax | AmountBasis::Line)
        )
    {
        if let Some((index, _)) = first_synonym(&folded, AMOUNT_INCL_TAX, &mapping) {
            mapping.assign("gross", index);
        }
    }
    Ok(mapping)
}

/// The required fields of an input that a mapping lacks (`client` and `client_id`
/// count as one: either will do).
pub fn missing_required(kind: FileKind, mapping: &Mapping) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if kind == FileKind::Invoices && !mapping.has("date") {
        missing.push("date");
    }
    if !mapping.has("client") && !mapping.has("client_id") {
        missing.push("client");
    }
    match kind {
        FileKind::Invoices if !mapping.has("amount") => missing.push("amount"),
        FileKind::Surveys if !mapping.has("score") => missing.push("score"),
        _ => {}
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn french_headers_with_units_and_accents() {
        let h = headers(&[
            "Date de facture",
            "Raison sociale",
            "Montant HT (€)",
            "Statut",
            "N° facture",
        ]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("date"), Some("Date de facture"));
        assert_eq!(m.header("client"), Some("Raison sociale"));
        assert_eq!(m.header("amount"), Some("Montant HT (€)"));
        assert_eq!(m.amount_basis, Some(AmountBasis::ExclTax));
        assert_eq!(m.header("status"), Some("Statut"));
        assert_eq!(m.header("invoice_id"), Some("N° facture"));
    }

    #[test]
    fn line_amounts_win_and_tax_included_is_last() {
        let h = headers(&[
            "Date",
            "Client Name",
            "Line Subtotal",
            "Line Total",
            "Total",
        ]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(
            (m.header("amount"), m.amount_basis),
            (Some("Line Subtotal"), Some(AmountBasis::Line))
        );
        let h = headers(&["Date", "Client", "Total"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.amount_basis, Some(AmountBasis::InclTax));
        let h = headers(&[
            "Date",
            "Client",
            "SubtotalAmount",
            "TotalAmount",
            "DocumentStatus",
            "State",
        ]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("amount"), Some("SubtotalAmount"));
        assert_eq!(m.header("status"), Some("DocumentStatus"));
    }

    #[test]
    fn overrides_and_duplicates() {
        let h = headers(&["Quand", "Qui", "Combien", "", "Phone", "Phone"]);
        let o = [
            MapOverride::parse("date=Quand").unwrap(),
            MapOverride::parse("client=qui").unwrap(),
            MapOverride::parse("amount=Combien").unwrap(),
        ];
        let m = map_columns(FileKind::Invoices, &h, &o).unwrap();
        assert!(missing_required(FileKind::Invoices, &m).is_empty());
        assert_eq!(m.index("client"), Some(1));
        let bad = [MapOverride::parse("amount=Nope").unwrap()];
        assert_eq!(
            map_columns(FileKind::Invoices, &h, &bad),
            Err(MissingOverride {
                field: "amount".into(),
                header: "Nope".into()
            })
        );
        let clients = headers(&["Client", "Canal"]);
        let shared = [MapOverride::parse("client=Raison sociale").unwrap()];
        let m = map_columns(FileKind::Clients, &clients, &shared).unwrap();
        assert_eq!(
            m.header("client"),
            Some("Client"),
            "unprefixed --map is for invoices first"
        );
        let pinned = [MapOverride::parse("clients.client=Raison sociale").unwrap()];
        assert!(map_columns(FileKind::Clients, &clients, &pinned).is_err());
        assert!(MapOverride::parse("colour=Red").is_err());
        assert!(MapOverride::parse("amount").is_err());
        assert_eq!(
            MapOverride::parse("clients.channel=Source").unwrap().file,
            Some(FileKind::Clients)
        );
    }

    #[test]
    fn bracketed_words_keep_their_meaning() {
        // Tax beside a total including tax: the total is the amount, the tax is subtracted.
        let h = headers(&["Date", "Client", "Amount (VAT)", "Total"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("amount"), Some("Total"));
        assert_eq!(m.amount_basis, Some(AmountBasis::InclTax));
        assert_eq!(m.header("tax"), Some("Amount (VAT)"));
        assert_eq!(m.tax_to_subtract(), Some(2));
        let h = headers(&["Date", "Client", "TVA (%)", "Total TTC"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("tax"), None, "a rate is not a tax amount");
        // Excluding tax before including tax, whatever the order of the columns.
        let h = headers(&["Date", "Client", "Montant (TTC)", "Montant (HT)"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("amount"), Some("Montant (HT)"));
        assert_eq!(m.amount_basis, Some(AmountBasis::ExclTax));
        assert_eq!(m.tax_to_subtract(), None);
        let h = headers(&["Client", "Date (due)", "Amount"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("date"), None);
        assert_eq!(m.header("due_date"), Some("Date (due)"));
        assert_eq!(missing_required(FileKind::Invoices, &m), ["date"]);
        let h = headers(&["Date (due)", "Client", "Invoice date", "Amount (€)"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("date"), Some("Invoice date"));
        assert_eq!(m.header("amount"), Some("Amount (€)"));
        assert!(m.ties.is_empty());
    }

    #[test]
    fn ties_are_reported_not_silently_decided() {
        let h = headers(&["Date", "Client", "Montant (€)", "Montant [EUR]"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("amount"), Some("Montant (€)"));
        assert_eq!(
            m.ties,
            [Tie {
                field: "amount",
                chosen: "Montant (€)".into(),
                other: "Montant [EUR]".into()
            }]
        );
        // The ranking decides when it can: no tie.
        let h = headers(&["Date", "Invoice Date", "Client", "Amount"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(m.header("date"), Some("Invoice Date"));
        assert!(m.ties.is_empty());
    }

    #[test]
    fn reports_missing_required_fields() {
        let h = headers(&["Date", "Notes"]);
        let m = map_columns(FileKind::Invoices, &h, &[]).unwrap();
        assert_eq!(
            missing_required(FileKind::Invoices, &m),
            ["client", "amount"]
        );
    }
}
