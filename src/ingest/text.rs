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

/// Folds a column header for matching: bracketed units dropped, then only letters and
/// digits kept, so `"Montant HT (€)"`, `"montant_ht"` and `"MontantHT"` all give `"montantht"`.
pub fn fold_header(header: &str) -> String {
    let mut folded = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_alphanumeric() => fold_char(c, &mut folded),
            _ => {}
        }
    }
    folded
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
        assert_eq!(fold_header("Amount (One column)"), "amount");
        assert_eq!(fold_header("DocumentStatus"), "documentstatus");
        assert_eq!(fold_header("Invoice #"), "invoice");
    }

    #[test]
    fn words_fold_accents_and_punctuation() {
        assert_eq!(fold_words("Sous-traitance "), "sous traitance");
        assert_eq!(fold_words("RÉGLÉE"), "reglee");
        assert_eq!(fold_words("Bouche-à-oreille"), "bouche a oreille");
        assert_eq!(fold_words("Crème de la Crème"), "creme de la creme");
    }
}
