//! The duplicate-row check (same invoice number, date, client and amount) in bounded
//! memory. Up to [`EXACT_ROWS`] fingerprints every row is remembered and the count is
//! exact. Past that, only the rows whose fingerprint falls in a sample are kept (one in
//! two, then one in four…, the same rows whichever copy comes first, so a duplicate is
//! seen whenever its original is), and the count is an estimate that says so.

/// Distinct fingerprints remembered before sampling starts (about 5 MiB).
pub const EXACT_ROWS: usize = 400_000;

/// With `--by`, the fewest fingerprints a group remembers, however many groups there are.
pub const GROUP_FLOOR: usize = 256;

/// The fingerprints each group remembers with `--by` once `groups` groups have appeared:
/// the groups share one file's [`EXACT_ROWS`], so a file of a thousand freelancers of
/// ten thousand rows each does not remember its ten million rows. The share only
/// changes when the count of groups passes a power of two: at most a few dozen times.
pub fn group_limit(groups: usize) -> usize {
    (EXACT_ROWS / groups.max(1).next_power_of_two()).max(GROUP_FLOOR)
}

/// Duplicate lines listed in the warning.
const LINES_LISTED: usize = 20;

#[derive(Debug)]
pub struct DuplicateCheck {
    /// Fingerprints seen.
    seen: foldhash::HashSet<u64>,
    /// Rows are kept when their fingerprint's low `level` bits are zero.
    level: u32,
    /// Duplicates seen, by the number of low zero bits of their fingerprint: a level
    /// keeps those from it on, so no count per fingerprint is needed. Made with the
    /// first duplicate: `--by` keeps a check per group, most of them finding none.
    found: Vec<u64>,
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
            found: Vec::new(),
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
            if self.found.is_empty() {
                self.found.resize(65, 0);
            }
            if let Some(found) = self.found.get_mut(fingerprint.trailing_zeros() as usize) {
                *found += 1;
            }
            if self.lines.len() < LINES_LISTED {
                self.lines.push(line);
            }
            return;
        }
        self.fit();
    }

    /// Lowers the number of fingerprints remembered, sampling more if it must (a higher
    /// limit than the current one changes nothing).
    pub fn lower_limit(&mut self, limit: usize) {
        self.limit = self.limit.min(limit.max(1));
        self.fit();
        self.seen.shrink_to(self.limit);
    }

    /// Samples more until the fingerprints kept are within the limit.
    fn fit(&mut self) {
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
    fn groups_share_one_files_memory_down_to_a_floor() {
        assert_eq!(group_limit(0), EXACT_ROWS);
        assert_eq!(group_limit(1), EXACT_ROWS);
        assert_eq!(group_limit(2), EXACT_ROWS / 2);
        // 3 and 4 groups share alike: the share changes at powers of two only.
        assert_eq!(group_limit(3), EXACT_ROWS / 4);
        assert_eq!(group_limit(4), EXACT_ROWS / 4);
        assert_eq!(group_limit(1_024), 390);
        assert_eq!(group_limit(1_025), GROUP_FLOOR);
        assert_eq!(group_limit(1_000_000), GROUP_FLOOR);
    }

    #[test]
    fn a_lower_limit_samples_what_is_remembered_and_a_higher_one_changes_nothing() {
        let mut check = DuplicateCheck::with_limit(1_000);
        for n in 0..800 {
            check.add(mix(n), n + 2);
        }
        check.lower_limit(2_000);
        assert_eq!((check.level(), check.seen.len()), (0, 800));
        check.lower_limit(300);
        assert!(check.level() >= 2, "800 rows in 300: one in four at least");
        assert!(check.seen.len() <= 300);
        assert!(check
            .seen
            .iter()
            .all(|f| DuplicateCheck::kept(check.level(), *f)));
        // Every remembered row still finds its copy, counted at the sampling rate.
        let level = check.level();
        let kept: Vec<u64> = (0..800)
            .filter(|n| DuplicateCheck::kept(level, mix(*n)))
            .collect();
        for &n in &kept {
            check.add(mix(n), 1_000 + n);
        }
        let result = check.result();
        assert_eq!(result.count, kept.len() as u64 * (1 << level));
        assert_eq!(result.sampled_one_in, 1 << level);
        check.lower_limit(1_000);
        assert!(check.seen.len() <= 300, "the limit only goes down");
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
