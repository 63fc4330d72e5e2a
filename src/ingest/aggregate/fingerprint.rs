//! The fingerprint of a row for the duplicate check: invoice number, date, client and
//! amount, the client compared as [`crate::model::normalize_key`] compares it and the
//! amount by value.
//!
//! Every row of a file is fingerprinted, so texts go to the hasher eight bytes at a
//! time, and a client id of plain ASCII is lowercased in those words instead of being
//! copied byte by byte into a buffer first.

use std::hash::{BuildHasher, Hasher};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::ingest::aggregate::inline::{ascii_lowercase, graphic_key, key_bytes, short_word};

pub fn fingerprint(invoice_id: &str, date: NaiveDate, client: &str, amount: Decimal) -> u64 {
    let mut hasher = foldhash::quality::FixedState::with_seed(0x5eed).build_hasher();
    write_words(&mut hasher, invoice_id.as_bytes(), |word| word);
    hasher.write_i32(date.num_days_from_ce());
    let (mantissa, scale) = normal_amount(amount);
    hasher.write_i128(mantissa);
    hasher.write_u32(scale);
    // Text of printable ASCII without spaces is its own key once lowercased; anything
    // else is normalised first (in place when it is ASCII), then goes through the same
    // lowercasing, which leaves a normalised key as it is. A short such text (most
    // client ids) is lowercased in its inline key, whose words are what `write_words`
    // would write.
    if let Some(key) = graphic_key(client.as_bytes()) {
        hasher.write_usize(client.len());
        let (first, second) = key.words();
        if !client.is_empty() {
            hasher.write_u64(first);
        }
        if client.len() > 8 {
            hasher.write_u64(second);
        }
    } else if client.bytes().all(|b| b.is_ascii_graphic()) {
        write_words(&mut hasher, client.as_bytes(), ascii_lowercase);
    } else {
        let mut buffer = [0; 64];
        write_words(
            &mut hasher,
            &key_bytes(client, &mut buffer),
            ascii_lowercase,
        );
    }
    hasher.finish()
}

/// The length, then the bytes as little-endian words, the last one padded with zeros.
#[inline]
fn write_words(hasher: &mut impl Hasher, bytes: &[u8], map: impl Fn(u64) -> u64) {
    hasher.write_usize(bytes.len());
    let words = bytes.chunks_exact(8);
    let rest = words.remainder();
    for word in words {
        let mut eight = [0_u8; 8];
        eight.copy_from_slice(word);
        hasher.write_u64(map(u64::from_le_bytes(eight)));
    }
    if !rest.is_empty() {
        // The rest ends the text: with a word before it, the text's last eight bytes
        // shifted right are the rest padded with zeros, without a copy.
        let word = match bytes.last_chunk::<8>() {
            Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - rest.len())),
            None => short_word(rest),
        };
        hasher.write_u64(map(word));
    }
}

/// The amount without trailing zeros, so that 12.50 and 12.5 are one amount, and every
/// zero is 0.
fn normal_amount(amount: Decimal) -> (i128, u32) {
    let mut mantissa = amount.mantissa();
    let mut scale = amount.scale();
    if mantissa == 0 {
        return (0, 0);
    }
    // Most amounts fit in 64 bits, where dividing is cheap.
    if let Ok(mut small) = i64::try_from(mantissa) {
        while scale > 0 && small % 10 == 0 {
            small /= 10;
            scale -= 1;
        }
        return (i128::from(small), scale);
    }
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    (mantissa, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::normalize_key;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 2).unwrap()
    }

    fn amount(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_rows_fingerprint_stays_what_it_was() {
        // The duplicate check keeps a sample of rows chosen by fingerprint: a new way of
        // computing the same fingerprint must give the same values, or the estimates of
        // large files change from one version to the next.
        let first = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        let pinned = [
            ("INV-000000001", "C020516", "979.32", 0x7e05_5302_dd76_ba2c),
            ("F1", "Acme Nord SARL", "12.50", 0xf13f_1cf7_7e54_6fd4),
            ("", "ÉLAN  Conseil", "-3", 0x6292_329d_f08f_2689),
        ];
        for (invoice, client, value, expected) in pinned {
            let found = fingerprint(invoice, first, client, amount(value));
            assert_eq!(found, expected, "{invoice:?} {client:?} {value}");
        }
    }

    #[test]
    fn amounts_compare_by_value() {
        let a = fingerprint("F1", day(), "acme", amount("12.50"));
        assert_eq!(a, fingerprint("F1", day(), "acme", amount("12.5")));
        assert_eq!(a, fingerprint("F1", day(), "acme", amount("12.500000")));
        assert_ne!(a, fingerprint("F1", day(), "acme", amount("12.51")));
        assert_ne!(a, fingerprint("F1", day(), "acme", amount("125")));
        assert_ne!(a, fingerprint("F1", day(), "acme", amount("-12.50")));
        let zero = fingerprint("F1", day(), "acme", amount("0"));
        assert_eq!(zero, fingerprint("F1", day(), "acme", amount("0.00")));
        assert_eq!(zero, fingerprint("F1", day(), "acme", amount("-0.00")));
        let large = "79228162514264337593543950.330";
        assert_eq!(
            fingerprint("F1", day(), "acme", amount(large)),
            fingerprint("F1", day(), "acme", amount("79228162514264337593543950.33"))
        );
    }

    #[test]
    fn invoice_numbers_and_dates_compare_exactly() {
        let a = fingerprint("F1", day(), "acme", amount("1"));
        assert_ne!(a, fingerprint("F2", day(), "acme", amount("1")));
        assert_ne!(a, fingerprint("f1", day(), "acme", amount("1")));
        assert_ne!(a, fingerprint("F1\0", day(), "acme", amount("1")));
        assert_ne!(
            a,
            fingerprint("F1", day().succ_opt().unwrap(), "acme", amount("1"))
        );
    }

    #[test]
    fn clients_compare_as_their_keys() {
        let a = fingerprint("F1", day(), "Acme Nord", amount("1"));
        assert_eq!(
            a,
            fingerprint("F1", day(), "  ACME\u{a0}nord ", amount("1"))
        );
        assert_ne!(a, fingerprint("F1", day(), "Acme Nord2", amount("1")));
        let b = fingerprint("F1", day(), "C0001@Z[", amount("1"));
        assert_eq!(b, fingerprint("F1", day(), " c0001@z[ ", amount("1")));
        assert_ne!(b, fingerprint("F1", day(), "C0001`Z{", amount("1")));
        assert_eq!(
            fingerprint("F1", day(), "\u{c9}LAN", amount("1")),
            fingerprint("F1", day(), "\u{e9}lan", amount("1"))
        );
    }

    #[test]
    fn texts_of_every_length_are_written_as_zero_padded_words() {
        #[derive(Default, PartialEq, Debug)]
        struct Written(Vec<u64>);
        impl Hasher for Written {
            fn finish(&self) -> u64 {
                0
            }
            fn write(&mut self, _: &[u8]) {
                unreachable!("words only");
            }
            fn write_u64(&mut self, word: u64) {
                self.0.push(word);
            }
            fn write_usize(&mut self, len: usize) {
                self.0.push(len as u64);
            }
        }
        let text: Vec<u8> = (1..=40).collect();
        for len in 0..=40 {
            let bytes = &text[..len];
            let mut expected = Written(vec![len as u64]);
            for chunk in bytes.chunks(8) {
                let mut eight = [0; 8];
                eight[..chunk.len()].copy_from_slice(chunk);
                expected.0.push(u64::from_le_bytes(eight));
            }
            let mut written = Written::default();
            write_words(&mut written, bytes, |word| word);
            assert_eq!(written, expected, "{len} bytes");
        }
    }

    proptest! {
        #[test]
        fn eight_bytes_lowercase_as_each_byte_does(bytes in any::<[u8; 8]>()) {
            let mut lowered = bytes;
            lowered.make_ascii_lowercase();
            prop_assert_eq!(
                ascii_lowercase(u64::from_le_bytes(bytes)),
                u64::from_le_bytes(lowered)
            );
        }

        #[test]
        fn a_short_id_hashes_as_its_lowercased_words(id in "[!-~]{0,20}") {
            // What the fingerprint of an id of printable ASCII was before short ids
            // were read from their inline key.
            let words = |client: &str| {
                let mut hasher =
                    foldhash::quality::FixedState::with_seed(0x5eed).build_hasher();
                write_words(&mut hasher, b"F", |word| word);
                hasher.write_i32(day().num_days_from_ce());
                hasher.write_i128(1);
                hasher.write_u32(0);
                write_words(&mut hasher, client.as_bytes(), ascii_lowercase);
                hasher.finish()
            };
            prop_assert_eq!(fingerprint("F", day(), &id, amount("1")), words(&id));
        }

        #[test]
        fn clients_with_the_same_key_have_the_same_fingerprint(
            client in "[ a-zA-Z0-9@\\[`{\u{e9}\u{c9}\u{a0}]{0,30}",
        ) {
            let key = normalize_key(&client);
            prop_assert_eq!(
                fingerprint("F", day(), &client, amount("1")),
                fingerprint("F", day(), &key, amount("1"))
            );
        }
    }
}
