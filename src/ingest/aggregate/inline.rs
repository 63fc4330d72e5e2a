//! Short texts held in place, for the lookups made on every row: kept inside a hash
//! table, a memo or a client's slot, they are compared as a few integers, without a
//! string comparison and without reading other memory.

use std::borrow::Cow;

/// A text of fewer than `N` bytes: its bytes, then its length in the last byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Inline<const N: usize>([u8; N]);

impl<const N: usize> Inline<N> {
    /// The text in place; `None` when it is `N` bytes or longer.
    pub fn of(text: &str) -> Option<Self> {
        Self::of_bytes(text.as_bytes())
    }

    pub fn of_bytes(bytes: &[u8]) -> Option<Self> {
        let mut key = [0u8; N];
        copy_short(key.get_mut(..bytes.len())?, bytes);
        *key.get_mut(N.checked_sub(1)?)? = u8::try_from(bytes.len())
            .ok()
            .filter(|&n| usize::from(n) < N)?;
        Some(Self(key))
    }

    /// Whether this is `text`, compared without making `text`'s inline form.
    pub fn is(&self, text: &str) -> bool {
        let len = self.0.last().map_or(0, |&n| usize::from(n));
        self.0
            .get(..len)
            .is_some_and(|held| same_text(held, text.as_bytes()))
    }
}

impl Inline<16> {
    /// The text's bytes as two little-endian words, padded with zeros.
    pub fn words(&self) -> (u64, u64) {
        let (first, second) = self.0.split_at(8);
        let word = |bytes: &[u8]| bytes.try_into().map_or(0, u64::from_le_bytes);
        // The last byte holds the length, not text.
        (word(first), word(second) & (u64::MAX >> 8))
    }
}

/// The first `M` bytes of `bytes` (which has at least `M`) and its last `M`.
#[inline(always)]
fn ends<const M: usize>(bytes: &[u8]) -> Option<([u8; M], [u8; M])> {
    let first = bytes.first_chunk::<M>()?;
    let last = bytes.last_chunk::<M>()?;
    Some((*first, *last))
}

/// Whether two texts are the same. Texts compared on every row (a status, a client's
/// name) are short: up to 32 bytes they are compared as two overlapping reads of a
/// fixed width, which the compiler makes a few instructions, where a slice comparison
/// calls `memcmp`.
#[inline]
pub fn same_text(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // Two reads of `M` bytes, from the start and to the end, cover a text of `M` to
    // `2 * M` bytes.
    match a.len() {
        0 => true,
        1..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => ends::<4>(a) == ends::<4>(b),
        8..16 => ends::<8>(a) == ends::<8>(b),
        16..=32 => ends::<16>(a) == ends::<16>(b),
        _ => a == b,
    }
}

/// Copies `from` into `to`, of the same length: up to 32 bytes as two overlapping copies
/// of a fixed width rather than a call to `memcpy` (see [`same_text`]).
#[inline]
fn copy_short(to: &mut [u8], from: &[u8]) {
    fn both<const M: usize>(to: &mut [u8], from: &[u8]) {
        if let (Some((first, last)), Some(start)) = (ends::<M>(from), to.first_chunk_mut::<M>()) {
            *start = first;
            if let Some(end) = to.last_chunk_mut::<M>() {
                *end = last;
            }
        }
    }
    match from.len() {
        4..8 => both::<4>(to, from),
        8..16 => both::<8>(to, from),
        16..=32 => both::<16>(to, from),
        _ => to.copy_from_slice(from),
    }
}

/// The [`ascii_key`] of a text of at most 15 bytes, all printable ASCII and none a
/// space, made in place: such a text (most client ids) is its own key once lowercased.
/// `None` for any other text. The key's two words are read from the text as words
/// (not gathered in an array and read back, which the processor would wait on), then
/// checked and lowercased eight bytes at a time.
#[inline]
pub fn graphic_key(text: &[u8]) -> Option<Inline<16>> {
    let len = text.len();
    let (first, second) = match (text.first_chunk::<8>(), text.last_chunk::<8>()) {
        // Bytes 8 to `len` are the last eight bytes' last ones.
        (Some(first), Some(last)) if len < 16 => (
            u64::from_le_bytes(*first),
            u64::from_le_bytes(*last)
                .checked_shr(8 * (16 - len) as u32)
                .unwrap_or(0),
        ),
        (None, _) => (short_word(text), 0),
        _ => return None,
    };
    let first = graphic_lowercase(first, len)?;
    let second = graphic_lowercase(second, len.saturating_sub(8))?;
    let mut key = [0; 16];
    let (start, end) = key.split_at_mut(8);
    start.copy_from_slice(&first.to_le_bytes());
    // The length goes in the last byte, as in every inline text.
    end.copy_from_slice(&(second | (len as u64) << 56).to_le_bytes());
    Some(Inline(key))
}

/// Up to seven bytes as a little-endian word padded with zeros: from four bytes on, as
/// two overlapping reads of four, which agree where they overlap. (Of a longer text,
/// its first eight bytes.)
pub fn short_word(bytes: &[u8]) -> u64 {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (Some(first), Some(last)) => {
            let last = u64::from(u32::from_le_bytes(*last));
            u64::from(u32::from_le_bytes(*first)) | last << (8 * (bytes.len() - 4))
        }
        _ => bytes
            .iter()
            .rev()
            .fold(0, |word, &byte| word << 8 | u64::from(byte)),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A word of a text lowercased, if its first `len` bytes (all eight from 8 on) are
/// printable ASCII other than a space; the bytes past them are left as they are.
fn graphic_lowercase(word: u64, len: usize) -> Option<u64> {
    let text_bytes = match len {
        0 => 0,
        1..8 => HIGH & ((1 << (8 * len)) - 1),
        _ => HIGH,
    };
    let graphic = bytes_within(word, b'!', b'~');
    (graphic & text_bytes == text_bytes).then(|| ascii_lowercase(word))
}

/// Lowercases the ASCII letters of eight bytes at once; other bytes stay as they are.
pub fn ascii_lowercase(word: u64) -> u64 {
    word | (bytes_within(word, b'A', b'Z') >> 2)
}

/// The high bit of each byte of `word` that is from `first` to `last` (ASCII, `first`
/// above 0). Each byte's low seven bits plus a constant sets the byte's high bit exactly
/// when they reach a bound; no sum carries into the next byte.
#[inline(always)]
fn bytes_within(word: u64, first: u8, last: u8) -> u64 {
    let low = word & !HIGH;
    let from_first = low + ONES * u64::from(0x80 - first);
    let past_last = low + ONES * u64::from(0x80 - last - 1);
    from_first & !past_last & !word & HIGH
}

/// Room for the keys [`ascii_key`] makes.
pub type KeyBuffer = [u8; 64];

/// The bytes of [`crate::model::normalize_key`] of any text: made in `buffer` by
/// [`ascii_key`] when it can be, else allocated.
pub fn key_bytes<'b>(text: &str, buffer: &'b mut KeyBuffer) -> Cow<'b, [u8]> {
    match ascii_key(text, buffer) {
        Some(key) => Cow::Borrowed(key),
        None => Cow::Owned(crate::model::normalize_key(text).into_bytes()),
    }
}

/// The bytes of [`crate::model::normalize_key`] of an ASCII text, made in `buffer`
/// without allocating; `None` when the text is not ASCII or its key does not fit (its
/// key is then made by `normalize_key`). Ids are looked up by key on every row, and most
/// are ASCII. Bytes, not `str`: the key is ASCII, and checking it is UTF-8 on every row
/// would cost more than making it.
pub fn ascii_key<'b>(text: &str, buffer: &'b mut KeyBuffer) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut space = false;
    for &byte in text.as_bytes() {
        // The ASCII characters `char::is_whitespace` knows, which `normalize_key` splits on.
        if matches!(byte, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            space = len > 0;
            continue;
        }
        if !byte.is_ascii() {
            return None;
        }
        if space {
            *buffer.get_mut(len)? = b' ';
            len += 1;
            space = false;
        }
        *buffer.get_mut(len)? = byte.to_ascii_lowercase();
        len += 1;
    }
    buffer.get(..len)
}

/// A map from texts: the short ones held in place in the table, the others boxed. A
/// file of a million clients has a million keys in each such map, and most are short:
/// in place, a key costs no allocation of its own and is compared as integers.
#[derive(Debug)]
pub struct TextMap<const N: usize, V> {
    short: foldhash::HashMap<Inline<N>, V>,
    long: foldhash::HashMap<Box<[u8]>, V>,
}

impl<const N: usize, V> Default for TextMap<N, V> {
    fn default() -> Self {
        Self {
            short: Default::default(),
            long: Default::default(),
        }
    }
}

impl<const N: usize, V> TextMap<N, V> {
    pub fn get(&self, text: &str) -> Option<&V> {
        self.get_bytes(text.as_bytes())
    }

    /// The value of a text given as its bytes (an [`ascii_key`]).
    pub fn get_bytes(&self, text: &[u8]) -> Option<&V> {
        match Inline::of_bytes(text) {
            Some(short) => self.short.get(&short),
            None => self.long.get(text),
        }
    }

    pub fn contains_key(&self, text: &str) -> bool {
        self.get(text).is_some()
    }

    pub fn insert(&mut self, text: &str, value: V) {
        match Inline::of(text) {
            Some(short) => self.short.insert(short, value),
            None => self.long.insert(text.as_bytes().into(), value),
        };
    }

    /// The value of `text`, `value` inserted first if it has none.
    pub fn get_or_insert(&mut self, text: &str, value: V) -> &mut V {
        match Inline::of(text) {
            Some(short) => self.short.entry(short).or_insert(value),
            None => self.long.entry(text.as_bytes().into()).or_insert(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::normalize_key;

    /// `ascii_key` is `normalize_key` made in place, or `None` when it cannot be.
    fn check_ascii_key(text: &str) {
        let key = normalize_key(text);
        let mut buffer = [0; 64];
        match ascii_key(text, &mut buffer) {
            Some(made) => assert_eq!(made, key.as_bytes(), "{text:?}"),
            None => assert!(!text.is_ascii() || key.len() > 64, "{text:?}"),
        }
    }

    #[test]
    fn an_ascii_key_is_the_normal_key_for_every_ascii_character() {
        for byte in 0u8..128 {
            let c = char::from(byte);
            for text in [
                format!("{c}"),
                format!("A{c}b"),
                format!("{c}{c}X  Y{c}"),
                format!("  {c}C1 {c}"),
            ] {
                check_ascii_key(&text);
            }
        }
        let uuid = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";
        for text in ["", " ", "C020516", "  Cli  0042 ", "é1", uuid] {
            check_ascii_key(text);
        }
        let mut buffer = [0; 64];
        assert_eq!(
            ascii_key(&"X".repeat(64), &mut buffer),
            Some("x".repeat(64).as_bytes())
        );
        assert_eq!(
            ascii_key(&format!(" {} ", "x".repeat(65)), &mut buffer),
            None
        );
    }

    #[test]
    fn key_bytes_are_the_normal_key_made_in_place_when_ascii() {
        let mut buffer = [0; 64];
        let made = key_bytes("  ACME  Sarl ", &mut buffer);
        assert!(matches!(made, Cow::Borrowed(b"acme sarl")));
        let mut buffer = [0; 64];
        let made = key_bytes("Société\u{a0}Générale", &mut buffer);
        assert_eq!(
            made,
            Cow::<[u8]>::Owned(normalize_key("Société\u{a0}Générale").into_bytes())
        );
        assert!(matches!(made, Cow::Owned(_)));
    }

    #[test]
    fn a_short_word_is_its_bytes_padded_with_zeros() {
        let text = *b"abcdefghij";
        for len in 0..=text.len() {
            let mut eight = [0; 8];
            let kept = len.min(8);
            eight[..kept].copy_from_slice(&text[..kept]);
            assert_eq!(short_word(&text[..len]), u64::from_le_bytes(eight), "{len}");
        }
    }

    /// `graphic_key` is the inline `ascii_key`, when it gives one.
    fn check_graphic_key(text: &str) {
        let mut buffer = [0; 64];
        let key = ascii_key(text, &mut buffer).and_then(Inline::<16>::of_bytes);
        match graphic_key(text.as_bytes()) {
            Some(made) => assert_eq!(Some(made), key, "{text:?}"),
            None => assert!(
                text.len() >= 16 || !text.bytes().all(|b| b.is_ascii_graphic()),
                "{text:?}"
            ),
        }
    }

    #[test]
    fn a_graphic_key_is_the_ascii_key_for_every_byte() {
        for byte in 0u8..=255 {
            let c = char::from(byte);
            for text in [
                format!("{c}"),
                format!("C0{c}Z"),
                format!("{c}ABCDEFGHIJKLMN"),
            ] {
                check_graphic_key(&text);
            }
        }
        assert_eq!(graphic_key(b"C020516"), Inline::of("c020516"));
        assert_eq!(graphic_key(b"AZaz@[`{~!"), Inline::of("azaz@[`{~!"));
        assert_eq!(graphic_key(b"C02 0516"), None);
        assert_eq!(graphic_key(b"0123456789ABCDEF"), None);
    }

    proptest! {
        #[test]
        fn a_graphic_key_is_the_ascii_key(text in "[ -~\t\x01\u{e9}]{0,20}") {
            check_graphic_key(&text);
        }

        #[test]
        fn short_texts_compare_and_copy_as_slices_do(
            a in proptest::collection::vec(0u8..4, 0..70),
            flip in any::<proptest::sample::Index>(),
            grow in any::<bool>(),
        ) {
            // Few distinct bytes, so that equal texts and near misses are frequent.
            let mut b = a.clone();
            if grow {
                b.push(0);
            } else if !b.is_empty() {
                let at = flip.index(b.len());
                b[at] ^= 1;
            }
            prop_assert!(same_text(&a, &a));
            prop_assert_eq!(same_text(&a, &b), a == b);
            prop_assert_eq!(same_text(&b, &a), a == b);
            let mut copied = vec![7; a.len()];
            copy_short(&mut copied, &a);
            prop_assert_eq!(&copied, &a);
            let mut naive = [0u8; 32];
            if a.len() < 32 {
                naive[..a.len()].copy_from_slice(&a);
                naive[31] = a.len() as u8;
                prop_assert_eq!(Inline::<32>::of_bytes(&a), Some(Inline(naive)));
            } else {
                prop_assert_eq!(Inline::<32>::of_bytes(&a), None);
            }
        }

        #[test]
        fn an_ascii_key_is_the_normal_key(text in "[ -~\t\n\r\x0b\x0c\x1c-\x1f\u{a0}]{0,80}") {
            check_ascii_key(&text);
        }
    }

    #[test]
    fn short_texts_are_distinct_and_long_ones_are_not_inline() {
        let texts = [
            "",
            "a",
            "a\0",
            "paid",
            "pai",
            "C1",
            "C10",
            "123456789012345",
        ];
        let keys: Vec<Inline<16>> = texts.iter().map(|t| Inline::of(t).unwrap()).collect();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(
                keys.iter().filter(|k| *k == key).count(),
                1,
                "{:?}",
                texts[i]
            );
        }
        for (key, text) in keys.iter().zip(texts) {
            for other in texts {
                assert_eq!(key.is(other), text == other, "{text:?} is {other:?}");
            }
            assert!(!key.is(&format!("{text}x")));
        }
        assert_eq!(Inline::<16>::of("1234567890123456"), None);
        let mut map = TextMap::<8, u32>::default();
        let long = "a text of eight bytes or more";
        for (value, text) in ["", "a", "1234567", long, "12345678"].iter().enumerate() {
            assert!(!map.contains_key(text));
            map.insert(text, value as u32);
        }
        map.insert(long, 9);
        assert_eq!(map.get("1234567"), Some(&2));
        assert_eq!(map.get("12345678"), Some(&4));
        assert_eq!(map.get(long), Some(&9));
        assert_eq!(map.get("123456"), None);
        assert_eq!(map.get(""), Some(&0));
        assert_eq!(*map.get_or_insert(long, 10), 9);
        assert_eq!(*map.get_or_insert("b", 11), 11);
        assert_eq!(map.get("b"), Some(&11));
        assert!(Inline::<24>::of(&"x".repeat(23)).is_some());
        assert_eq!(Inline::<24>::of(&"x".repeat(24)), None);
    }
}
