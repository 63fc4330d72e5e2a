//! Short texts held in place, for the lookups made on every row: kept inside a hash
//! table, a memo or a client's slot, they are compared as a few integers, without a
//! string comparison and without reading other memory.

/// A text of fewer than `N` bytes: its bytes, then its length in the last byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Inline<const N: usize>([u8; N]);

impl<const N: usize> Inline<N> {
    /// The text in place; `None` when it is `N` bytes or longer.
    pub fn of(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut key = [0u8; N];
        key.get_mut(..bytes.len())?.copy_from_slice(bytes);
        *key.get_mut(N.checked_sub(1)?)? = u8::try_from(bytes.len())
            .ok()
            .filter(|&n| usize::from(n) < N)?;
        Some(Self(key))
    }

    /// Whether this is `text`, compared without making `text`'s inline form.
    pub fn is(&self, text: &str) -> bool {
        let len = self.0.last().map_or(0, |&n| usize::from(n));
        self.0.get(..len) == Some(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(Inline::<24>::of(&"x".repeat(23)).is_some());
        assert_eq!(Inline::<24>::of(&"x".repeat(24)), None);
    }
}
