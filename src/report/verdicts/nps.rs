//! The NPS verdict: the score with its margin, whether to trust it, and what the band
//! asks of the freelancer.

use crate::analysis::nps::{Band, NpsReport};
use crate::report::i18n::{self, text, Lang, Text};

/// What a band means, in a sentence.
pub fn band_meaning(lang: Lang, band: Band) -> &'static str {
    match (lang, band) {
        (Lang::En, Band::Negative) => {
            "Negative: more detractors than promoters; revisit the basics of the client relationship."
        }
        (Lang::Fr, Band::Negative) => {
            "Négatif : plus de détracteurs que de promoteurs ; revoyez les bases de la relation client."
        }
        (Lang::En, Band::NearZero) => {
            "Low NPS (0 to +19): call every client who gave you 6 or less."
        }
        (Lang::Fr, Band::NearZero) => {
            "NPS faible (0 à +19) : appelez chaque client qui vous a donné 6 ou moins."
        }
        (Lang::En, Band::Positive) => {
            "Positive: there is referral potential; stay in touch with your promoters."
        }
        (Lang::Fr, Band::Positive) => {
            "Positif : il y a un potentiel de recommandation ; restez en contact avec vos promoteurs."
        }
        (Lang::En, Band::Excellent) => "Excellent: your clients would recommend you; ask them to.",
        (Lang::Fr, Band::Excellent) => {
            "Excellent : vos clients vous recommanderaient ; demandez-leur de le faire."
        }
    }
}

/// "NPS +25 ± 41 from 12 answers: too few to be sure, and 2 detractors to call. …".
pub fn nps(lang: Lang, report: &NpsReport) -> String {
    let o = &report.overall;
    let (Some(score), Some(band)) = (o.nps, o.band) else {
        return text(lang, Text::NoAnswers).to_string();
    };
    let score = i18n::signed(lang, score, 0);
    // A zero margin only means every answer fell in one category: not worth quoting.
    let margin = o
        .margin_of_error_95
        .filter(|m| !m.is_zero())
        .map(|m| format!(" ± {}", i18n::number(lang, m, 0)))
        .unwrap_or_default();
    let n = o.responses;
    // Which answers: each respondent's latest, so the per-year table (the latest of
    // each year) may count more.
    let mut line = match (lang, n) {
        (Lang::En, 1) => format!("NPS {score}{margin} from 1 answer (the latest of 1 respondent)"),
        (Lang::En, _) => format!("NPS {score}{margin} from {n} answers (each respondent's latest)"),
        (Lang::Fr, 1) => format!("NPS {score}{margin} sur 1 réponse (la dernière d'un répondant)"),
        (Lang::Fr, _) => {
            format!("NPS {score}{margin} sur {n} réponses (la dernière de chaque répondant)")
        }
    };
    let d = o.detractors;
    let mut tail = Vec::new();
    if o.small_sample {
        tail.push(match lang {
            Lang::En => "too few to be sure".to_string(),
            Lang::Fr => "trop peu de réponses pour conclure".to_string(),
        });
    }
    if d > 0 {
        let detractors = i18n::counted(lang, d, i18n::Noun::Detractor);
        tail.push(match lang {
            Lang::En => format!("{detractors} to call"),
            Lang::Fr => format!("{detractors} à appeler"),
        });
    }
    let and = match lang {
        Lang::En => ", and ",
        Lang::Fr => ", et ",
    };
    if !tail.is_empty() {
        line.push_str(i18n::colon(lang));
        line.push_str(&tail.join(and));
    }
    format!("{line}. {}", band_meaning(lang, band))
}
