//! The duplicate-row check (same invoice number, date, client and amount) in bounded
//! memory. Up to [`EXACT_ROWS`] fingerprints every row is remembered and the count is
//! exact. Past that, only the rows whose fingerprint falls in a sample are kept (one in
//! two, then one in four…, the same rows whichever copy comes first, so a duplicate is
//! seen whenever its original is), and the count is an estimate that says so.

/// Distinct fingerprints remembered before sampling starts (about 5 MiB).
pub const EXACT_ROWS: usize = 400_000;

/// Duplicate lines listed in the warning.
const LINES_LISTED: usize = 20;

#[derive(Debug)]
pub struct DuplicateCheck {
    /// Fingerprints seen.
    seen: foldhash::HashSet<u64>,
    /// Rows are kept when their fingerprint's low `level` bits are zero.
    level: u32,
    /// Duplicates seen, by the number of low zero bits of their fingerprint: a level
    /// keeps those from it on, so no count per fingerprint is needed.
    found: [u64; 65],
    lines: Vec<u64>,
    limit: usize,
}

/// What the check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicates {
    /// Duplicate rows (an estimate when `sampled_one_in` is above 1).
    pub count: u64,
    pub lines: Vec<u64>,
    /// 1 when every row was checked; else the check kept one row in this many.
    pub sampled_one_in: u64,
}

impl Default for DuplicateCheck {
    fn default() -> Self {
        Self::with_limit(EXACT_ROWS)
    }
}

impl DuplicateCheck {
    pub fn with_limit(limit: usize) -> Self {
        Self {
            seen: Default::default(),
            level: 0,
            found: [0; 65],
            lines: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// The sampling level: a fingerprint is looked at when `kept(level, fingerprint)`.
    pub fn level(&self) -> u32 {
        self.level
    }

    pub fn kept(level: u32, fingerprint: u64) -> bool {
        fingerprint.trailing_zeros() >= level
    }

    /// Looks at one row, in file order.
    pub fn add(&mut self, fingerprint: u64, line: u64) {
        if !Self::kept(self.level, fingerprint) {
            return;
        }
        if !self.seen.insert(fingerprint) {
            if let Some(found) = self.found.get_mut(fingerprint.trailing_zeros() as usize) {
                *found += 1;
            }
            if self.lines.len() < LINES_LISTED {
                self.lines.push(line);
            }
            return;
        }
        while self.seen.len() > self.limit && self.level < 63 {
            self.level += 1;
            let level = self.level;
            self.seen
                .retain(|fingerprint| Self::kept(level, *fingerprint));
            // Removed entries leave tombstones that would make the table double on the
            // next inserts: rebuild it at the size the limit needs.
            self.seen.shrink_to(self.limit);
        }
    }

    pub fn result(&self) -> Duplicates {
        let one_in = 1u64 << self.level;
        let found: u64 = self.found.iter().skip(self.level as usize).sum();
        Duplicates {
            count: found.saturating_mul(one_in),
            lines: self.lines.clone(),
            sampled_one_in: one_in,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(n: u64) -> u64 {
        // A fixed bijection with well-spread low bits, like a hash.
        n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) ^ 0x5555
    }

    #[test]
    fn exact_below_the_limit() {
        let mut check = DuplicateCheck::with_limit(100);
        for n in 0..50 {
            check.add(mix(n), n + 2);
        }
        check.add(mix(3), 60);
        check.add(mix(3), 61);
        check.add(mix(7), 62);
        assert_eq!(
            check.result(),
            Duplicates {
                count: 3,
                lines: vec![60, 61, 62],
                sampled_one_in: 1
            }
        );
    }

    #[test]
    fn a_file_pasted_twice_is_estimated_within_a_few_percent() {
        let mut check = DuplicateCheck::with_limit(1_000);
        let rows = 20_000u64;
        for copy in 0..2 {
            for n in 0..rows {
                check.add(mix(n), copy * rows + n + 2);
            }
        }
        let result = check.result();
        assert!(result.sampled_one_in > 1);
        assert!(check.seen.len() <= 1_000);
        let error = result.count.abs_diff(rows) as f64 / rows as f64;
        assert!(error < 0.1, "{result:?}");
        assert_eq!(result.lines.len(), 20);
        assert!(result.lines.iter().all(|&l| l >= rows + 2));
    }

    #[test]
    fn no_duplicates_stay_none_when_sampled() {
        let mut check = DuplicateCheck::with_limit(10);
        for n in 0..10_000 {
            check.add(mix(n), n);
        }
        assert_eq!(check.result().count, 0);
    }
}
