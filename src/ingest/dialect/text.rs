//! Text folding used to compare headers and vocabulary words; no parsing of values here.

/// Lower-cases and strips the accents of Latin letters (`É` → `e`, `ß` → `ss`, `œ` → `oe`).
pub fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ª' => {
            'a'
        }
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'º' => {
            'o'
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Folds a vocabulary word: accents and case away, punctuation as spaces, spaces collapsed.
/// `"Sous-traitance "` → `"sous traitance"`, `"Réglée"` → `"reglee"`.
pub fn fold_words(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            fold_char(c, &mut folded);
        } else {
            folded.push(' ');
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Folds a column header for matching: bracketed *units* dropped (a currency sign or
/// code, `%`), then only letters and digits kept, so `"Montant HT (€)"`, `"montant_ht"`
/// and `"MontantHT"` all give `"montantht"`. Any other bracketed word is part of the
/// name (SPEC 2.2): `"Montant (TTC)"` is `"montantttc"`, `"Date (due)"` is `"datedue"`.
pub fn fold_header(header: &str) -> String {
    fold_header_keeping(header, is_unit)
}

/// [`fold_header`] that drops every bracketed part, for exports whose brackets are known
/// to be remarks (Wave's `"Amount (One column)"`).
pub fn fold_header_without_brackets(header: &str) -> String {
    fold_header_keeping(header, |_| true)
}

fn fold_header_keeping(header: &str, dropped: impl Fn(&str) -> bool) -> String {
    let mut folded = String::with_capacity(header.len());
    let mut rest = header;
    while let Some(open) = rest.find(['(', '[', '{']) {
        fold_alphanumeric(&rest[..open], &mut folded);
        let inner = &rest[open + 1..];
        let close = inner.find([')', ']', '}']).unwrap_or(inner.len());
        let bracketed = &inner[..close];
        if !dropped(bracketed) {
            fold_alphanumeric(bracketed, &mut folded);
        }
        rest = inner.get(close + 1..).unwrap_or("");
    }
    fold_alphanumeric(rest, &mut folded);
    folded
}

fn fold_alphanumeric(text: &str, out: &mut String) {
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        fold_char(c, out);
    }
}

/// Currency codes and words that name a unit when bracketed in a header.
const UNIT_WORDS: &[&str] = &[
    "eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "chf", "cad", "aud", "jpy", "nzd",
    "sek", "nok", "dkk", "pln", "czk", "inr", "cny", "xof", "xpf", "mad", "tnd", "percent", "pct",
    "pourcent",
];

/// A bracketed unit: only signs (`€`, `$`, `%`), or a currency code or word, maybe after
/// "in" or "en" (`(en €)`, `(in USD)`).
fn is_unit(bracketed: &str) -> bool {
    let words = fold_words(bracketed);
    let words = words
        .strip_prefix("in ")
        .or_else(|| words.strip_prefix("en "))
        .unwrap_or(&words);
    words.is_empty() || UNIT_WORDS.contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_fold_to_letters_and_digits() {
        assert_eq!(fold_header("Montant HT (€)"), "montantht");
        assert_eq!(fold_header(" montant_ht "), "montantht");
        assert_eq!(fold_header("Date d'émission"), "datedemission");
        assert_eq!(fold_header("N° facture"), "nfacture");
        assert_eq!(fold_header("Amount (€)"), "amount");
        assert_eq!(fold_header("Amount [EUR]"), "amount");
        assert_eq!(fold_header("Taux (%)"), "taux");
        assert_eq!(fold_header("Montant (en euros)"), "montant");
        assert_eq!(
            fold_header_without_brackets("Amount (One column)"),
            "amount"
        );
        assert_eq!(fold_header("DocumentStatus"), "documentstatus");
        assert_eq!(fold_header("Invoice #"), "invoice");
    }

    #[test]
    fn bracketed_words_that_are_not_units_stay() {
        assert_eq!(fold_header("Montant (HT)"), "montantht");
        assert_eq!(fold_header("Montant (TTC)"), "montantttc");
        assert_eq!(fold_header("Amount (VAT)"), "amountvat");
        assert_eq!(fold_header("Amount (incl. tax)"), "amountincltax");
        assert_eq!(fold_header("Date (due)"), "datedue");
        assert_eq!(fold_header("Amount (One column)"), "amountonecolumn");
        assert_eq!(fold_header("Total (unclosed"), "totalunclosed");
    }

    #[test]
    fn words_fold_accents_and_punctuation() {
        assert_eq!(fold_words("Sous-traitance "), "sous traitance");
        assert_eq!(fold_words("RÉGLÉE"), "reglee");
        assert_eq!(fold_words("Bouche-à-oreille"), "bouche a oreille");
        assert_eq!(fold_words("Crème de la Crème"), "creme de la creme");
    }
}
