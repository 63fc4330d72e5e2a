//! `portfolio template`: example invoices, clients and surveys files to fill in, and a
//! commented portfolio.toml, in
//! English or French. Comment lines before the header explain the columns; portfolio
//! skips them, and they can be deleted.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::failure::Failure;

use portfolio::report::Lang;

use crate::app::EXIT_OK;
use crate::cli::TemplateArgs;
use crate::settings;

const EN: [(&str, &str); 3] = [
    (
        "invoices.csv",
        "# portfolio invoices: one row per invoice or credit note (these comment lines can be deleted)\n\
         # required: date - client - amount excluding tax; the other columns are optional\n\
         # status: paid / sent / overdue count - draft / cancelled do not - credit note counts negative\n\
         # kind: service / subcontracting / royalties / talk / article / referral commission / other income\n\
         # due_date, paid_date: when the invoice was due and paid (empty: not paid yet)\n\
         invoice_number,date,client,amount,currency,status,kind,intermediary,due_date,paid_date\n\
         2023-001,2023-03-14,Acme Ltd,1000.00,EUR,paid,service,,2023-04-13,2023-04-10\n\
         2023-002,2023-04-02,Old Client,600.00,EUR,paid,service,,2023-05-02,2023-05-20\n\
         2024-001,2024-01-15,Acme Ltd,1200.00,EUR,paid,service,,2024-02-14,2024-02-12\n\
         2024-002,2024-02-03,Blue Studio,800.00,EUR,paid,subcontracting,Agency North,2024-03-04,2024-03-01\n\
         2024-003,2024-03-10,Acme Ltd,200.00,EUR,credit note,service,,,\n\
         2024-004,2024-04-22,Jane Doe,150.00,EUR,paid,talk,,2024-05-22,2024-04-30\n\
         2024-005,2024-06-28,Blue Studio,450.00,EUR,sent,subcontracting,Agency North,2024-07-28,\n",
    ),
    (
        "clients.csv",
        "# portfolio clients: one row per client (optional file; these comment lines can be deleted)\n\
         # channel: referral / website / agency / directory / cold outreach / social / event / platform / job board / ads / other\n\
         # type: direct / agency / platform / intermediary - nps: 0 to 10 - thanked: yes / no or a date\n\
         # commission_rate: percent of this client's revenue its referrer earns\n\
         client,channel,referred_by,type,nps,nps_date,thanked,commission_rate\n\
         Acme Ltd,referral,Jane Doe,direct,9,2024-06-01,yes,10\n\
         Blue Studio,website,,agency,7,2024-05-20,,\n\
         Jane Doe,event,,direct,,,,\n\
         Old Client,cold outreach,,direct,,,,\n",
    ),
    (
        "surveys.csv",
        "# portfolio surveys: one row per answer to 'How likely are you to recommend me?' (0 to 10)\n\
         client,date,score,comment\n\
         Acme Ltd,2024-06-01,9,Great work\n\
         Blue Studio,2024-05-20,7,\n",
    ),
];

const FR: [(&str, &str); 3] = [
    (
        "factures.csv",
        "# factures portfolio : une ligne par facture ou avoir (ces lignes de commentaire peuvent être supprimées)\n\
         # obligatoires : date - client - montant HT ; les autres colonnes sont facultatives\n\
         # statut : payée / envoyée / en retard comptent - brouillon / annulée non - avoir compte en négatif\n\
         # type : prestation / sous-traitance / droits d'auteur / conférence / article / apport d'affaires / autre revenu\n\
         # échéance, date de paiement : quand la facture était due et a été payée (vide : pas encore payée)\n\
         N° facture;Date de facture;Client;Montant HT;Devise;Statut;Type;Intermédiaire;Échéance;Date de paiement\n\
         2023-001;14/03/2023;Acme SARL;1 000,00;EUR;payée;prestation;;13/04/2023;10/04/2023\n\
         2023-002;02/04/2023;Ancien Client;600,00;EUR;payée;prestation;;02/05/2023;20/05/2023\n\
         2024-001;15/01/2024;Acme SARL;1 200,00;EUR;payée;prestation;;14/02/2024;12/02/2024\n\
         2024-002;03/02/2024;Studio Bleu;800,00;EUR;payée;sous-traitance;Agence Nord;04/03/2024;01/03/2024\n\
         2024-003;10/03/2024;Acme SARL;200,00;EUR;avoir;prestation;;;\n\
         2024-004;22/04/2024;Jeanne Martin;150,00;EUR;payée;conférence;;22/05/2024;30/04/2024\n\
         2024-005;28/06/2024;Studio Bleu;450,00;EUR;envoyée;sous-traitance;Agence Nord;28/07/2024;\n",
    ),
    (
        "clients.csv",
        "# Fichier clients pour portfolio : une ligne par client (fichier facultatif ; ces lignes de commentaire peuvent être supprimées)\n\
         # canal : recommandation / site web / agence / annuaire / prospection / réseaux sociaux / salon / plateforme / publicité / autre\n\
         # type : direct / agence / plateforme / intermédiaire - note : 0 à 10 - remercié : oui / non ou une date\n\
         # taux de commission : pourcentage du chiffre d'affaires de ce client que gagne son apporteur\n\
         Client;Canal;Recommandé par;Type;Note;Date enquête;Remercié;Taux de commission\n\
         Acme SARL;recommandation;Jeanne Martin;direct;9;01/06/2024;oui;10 %\n\
         Studio Bleu;site web;;agence;7;20/05/2024;;\n\
         Jeanne Martin;salon;;direct;;;;\n\
         Ancien Client;prospection;;direct;;;;\n",
    ),
    (
        "enquetes.csv",
        "# Enquêtes pour portfolio : une ligne par réponse à « Sur une échelle de 0 à 10, quelle est la probabilité que vous recommandiez mes services à un collègue ou à un ami ? »\n\
         Client;Date;Note;Commentaire\n\
         Acme SARL;01/06/2024;9;Excellent travail\n\
         Studio Bleu;20/05/2024;7;\n",
    ),
];

pub fn write(args: &TemplateArgs) -> Result<i32> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let lang = settings::lang(
        args.lang,
        &crate::config::Config::default(),
        &settings::Env::current(),
    );
    let (csv_files, toml) = match lang {
        Lang::En => (EN, crate::config::template(false)),
        Lang::Fr => (FR, crate::config::template(true)),
    };
    let files: Vec<(&str, &str)> = csv_files
        .into_iter()
        .chain([(crate::config::DEFAULT_FILE, toml)])
        .collect();
    fs::create_dir_all(&dir).map_err(|source| Failure::CannotCreateDirectory {
        dir: dir.display().to_string(),
        source,
    })?;
    // A link is never written through, even with --force: a dangling one would create
    // a file wherever it points.
    let links: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| {
            path.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        })
        .map(|path| path.display().to_string())
        .collect();
    if !links.is_empty() {
        return Err(Failure::TemplateLinks(links).into());
    }
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() && !args.force {
        return Err(Failure::TemplateExists(existing).into());
    }
    for (name, content) in files {
        let path = dir.join(name);
        let cannot_write = |source| Failure::CannotWrite {
            file: path.display().to_string(),
            source,
        };
        let mut file = fs::File::create(&path).map_err(cannot_write)?;
        // The BOM makes Excel open a CSV file as UTF-8 (accents intact); TOML has none.
        let bom: &[u8] = if name.ends_with(".csv") {
            b"\xEF\xBB\xBF"
        } else {
            b""
        };
        file.write_all(bom)
            .and_then(|()| file.write_all(content.as_bytes()))
            .map_err(cannot_write)?;
        // Standard error may be closed: the files are written all the same.
        let said = match lang {
            Lang::En => format!("wrote {}", path.display()),
            Lang::Fr => format!("fichier écrit\u{a0}: {}", path.display()),
        };
        let _ = writeln!(std::io::stderr(), "{said}");
    }
    Ok(EXIT_OK)
}
