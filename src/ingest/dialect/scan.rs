//! Finds every delimiter, line end and quote of a run of plain lines, sixty-four bytes
//! at a time.
//!
//! `memchr3_iter` is built for rare hits: each of its calls sets up its vectors again,
//! and a CSV line has a hit every ten bytes. Here a block of 64 bytes is compared with
//! the three targets sixteen bytes at a time (SSE2 on x86-64, NEON on ARM, through
//! `wide`), which gives one bit per byte in a word; the hits are then taken out of the
//! word one by one.

use wide::u8x16;

const BLOCK: usize = 64;
const LANES: usize = 16;

/// The offsets, in increasing order, of the bytes of `bytes` that are one of three.
pub struct Hits<'a> {
    blocks: std::slice::ChunksExact<'a, u8>,
    rest: &'a [u8],
    targets: [u8; 3],
    splats: [u8x16; 3],
    /// Offset of the block whose hits are in `mask`.
    base: usize,
    /// Offset of the next block.
    next: usize,
    /// Hits of the current block not given yet, one bit per byte.
    mask: u64,
}

/// One bit per byte of `block` that is one of the targets, the first byte lowest.
fn block_hits(block: &[u8], [a, b, c]: [u8x16; 3]) -> u64 {
    let mut hits = 0;
    for (index, lanes) in block.chunks_exact(LANES).enumerate() {
        let mut sixteen = [0_u8; LANES];
        sixteen.copy_from_slice(lanes);
        let bytes = u8x16::new(sixteen);
        let found = bytes.cmp_eq(a) | bytes.cmp_eq(b) | bytes.cmp_eq(c);
        // `move_mask` sets the low sixteen bits only.
        let bits = u64::from(found.move_mask() as u16);
        hits |= bits << (index * LANES);
    }
    hits
}

impl<'a> Hits<'a> {
    pub fn new(bytes: &'a [u8], targets: [u8; 3]) -> Self {
        let blocks = bytes.chunks_exact(BLOCK);
        let rest = blocks.remainder();
        Self {
            blocks,
            rest,
            targets,
            splats: targets.map(u8x16::splat),
            base: 0,
            next: 0,
            mask: 0,
        }
    }

    /// Moves on to the next block: its hits, `None` past the last byte.
    fn load(&mut self) -> Option<u64> {
        let hits = match self.blocks.next() {
            Some(block) => block_hits(block, self.splats),
            None if self.rest.is_empty() => return None,
            None => {
                // The last bytes, fewer than a block, padded with a byte that is no target.
                let pad = (0..=u8::MAX).find(|b| !self.targets.contains(b))?;
                let mut block = [pad; BLOCK];
                block.get_mut(..self.rest.len())?.copy_from_slice(self.rest);
                self.rest = &[];
                block_hits(&block, self.splats)
            }
        };
        self.base = self.next;
        self.next += BLOCK;
        Some(hits)
    }
}

impl Iterator for Hits<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.mask = self.load()?;
        }
        let offset = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(bytes: &[u8], [a, b, c]: [u8; 3]) -> Vec<usize> {
        memchr::memchr3_iter(a, b, c, bytes).collect()
    }

    #[test]
    fn every_lane_and_every_length() {
        for len in 0..150 {
            for at in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[at] = b',';
                let hits: Vec<usize> = Hits::new(&bytes, [b',', b'\n', b'"']).collect();
                assert_eq!(hits, [at], "{len} bytes, hit at {at}");
            }
        }
        let line = b"INV-1,2024-01-02,C1,\"A, B\",12.50\r\n";
        let targets = [b',', b'\n', b'"'];
        assert_eq!(
            Hits::new(line, targets).collect::<Vec<_>>(),
            reference(line, targets)
        );
    }

    proptest! {
        #[test]
        fn hits_are_memchr3s(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b','), Just(b';'), Just(b'\n'), Just(b'"'), Just(0u8),
                    Just(0x80u8), Just(0xffu8), any::<u8>()],
                0..300,
            ),
            delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t'), Just(b'|'), Just(0u8)],
        ) {
            let targets = [delimiter, b'\n', b'"'];
            let hits: Vec<usize> = Hits::new(&bytes, targets).collect();
            prop_assert_eq!(hits, reference(&bytes, targets));
        }
    }
}
