//! Amount parsing: any text, either separator; what parses reads back exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portfolio::ingest::dialect::money::{guess_decimal, parse_amount, DecimalSeparator};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for decimal in [DecimalSeparator::Dot, DecimalSeparator::Comma] {
        if let Ok(parsed) = parse_amount(&text, decimal) {
            // The amount written plainly reads back as itself.
            let plain = parsed.value.to_string();
            let again = parse_amount(&plain, DecimalSeparator::Dot)
                .unwrap_or_else(|e| panic!("{plain:?} from {text:?} does not read back: {e:?}"));
            assert_eq!(again.value, parsed.value, "{text:?}");
        }
    }
    for french in [false, true] {
        let _ = guess_decimal(text.lines(), french);
    }
});
