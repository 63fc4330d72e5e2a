//! Cuts a byte stream into chunks that end at a line end, for parsing in parallel. A
//! line end inside a quoted cell also ends a chunk; the reader notices it (the chunk
//! ends inside a record) and reads that record across the two chunks.

use std::io::{self, Read};

/// Bytes per chunk: large enough that merging a chunk's aggregates costs little next
/// to parsing it, small enough that the chunks in flight and their aggregates stay a
/// few MiB. On the 10-million-row file, 512 KiB chunks peak 4 MiB lower than 1 MiB
/// ones in the same time; 256 KiB ones 2 MiB lower again, but about 5 % slower on two
/// threads (the threads wait on the merge more often).
pub const CHUNK_BYTES: usize = 1 << 19;

/// Bytes read at a time past a chunk's size, to find the end of its last line, and the
/// fewest read at once. What is read past the line end is copied into the next chunk,
/// so this is kept small: 64 KiB here copied 6 % of the file twice.
const READ_AHEAD: usize = 4 * 1024;

/// Reads a stream chunk by chunk.
pub struct Chunker {
    stream: Box<dyn Read>,
    /// Bytes read after the last cut, which start the next chunk.
    carry: Vec<u8>,
    size: usize,
    done: bool,
}

impl Chunker {
    /// A chunker over `prefix` followed by `stream`.
    pub fn new(prefix: Vec<u8>, stream: Box<dyn Read>, size: usize) -> Self {
        Self {
            stream,
            carry: prefix,
            size: size.max(1),
            done: false,
        }
    }

    /// The next chunk, filled into `buffer` (reused), or `None` at the end.
    pub fn next_chunk(&mut self, mut buffer: Vec<u8>) -> io::Result<Option<Vec<u8>>> {
        // A reused buffer is written over rather than cleared: filling a cleared one
        // would first set a mebibyte of zeros that the stream then overwrites.
        let mut filled = self.carry.len();
        if buffer.len() < filled {
            buffer.resize(filled, 0);
        }
        if let Some(start) = buffer.get_mut(..filled) {
            start.copy_from_slice(&self.carry);
        }
        self.carry.clear();
        let mut searched = 0;
        loop {
            if self.done {
                buffer.truncate(filled);
                return Ok((!buffer.is_empty()).then_some(buffer));
            }
            if filled >= self.size {
                // The first line end from the chunk's size on: a chunk is `size` bytes
                // give or take a line, however much was read ahead.
                let from = searched.max(self.size - 1);
                if let Some(cut) = cut_point(buffer.get(from..filled).unwrap_or_default()) {
                    let cut = from + cut;
                    self.carry
                        .extend_from_slice(buffer.get(cut..filled).unwrap_or_default());
                    buffer.truncate(cut);
                    return Ok(Some(buffer));
                }
                // One line longer than a chunk: keep reading until it ends.
                searched = filled;
            }
            // Up to the chunk's size, then a little at a time to the end of its line.
            // Room for both from the start, and exactly: the buffer is never moved
            // while it fills, and a reused one never holds two chunks' room.
            let want = match self.size.checked_sub(filled) {
                Some(short) if short > 0 => short.max(READ_AHEAD),
                _ => READ_AHEAD,
            };
            if buffer.len() < filled + want {
                let room = (self.size + READ_AHEAD).saturating_sub(buffer.len());
                buffer.reserve_exact(room.max(filled + want - buffer.len()));
                buffer.resize(filled + want, 0);
            }
            let read = loop {
                match self
                    .stream
                    .read(buffer.get_mut(filled..filled + want).unwrap_or_default())
                {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            filled += read;
            self.done = read == 0;
        }
    }
}

/// Where to cut `bytes`: after its first LF, else after its first CR that is not its
/// final byte (an old Mac file; a final CR may be the first half of a CRLF).
fn cut_point(bytes: &[u8]) -> Option<usize> {
    if let Some(lf) = memchr::memchr(b'\n', bytes) {
        return Some(lf + 1);
    }
    let cr = memchr::memchr(b'\r', bytes)?;
    (cr + 1 < bytes.len()).then_some(cr + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(text: &[u8], size: usize) -> Vec<Vec<u8>> {
        let mut chunker = Chunker::new(
            text.get(..3).unwrap_or(text).to_vec(),
            Box::new(io::Cursor::new(text.get(3..).unwrap_or_default().to_vec())),
            size,
        );
        std::iter::from_fn(|| chunker.next_chunk(Vec::new()).unwrap()).collect()
    }

    #[test]
    fn chunks_end_at_line_ends_and_lose_nothing() {
        let text = b"a,b\nccc,ddd\neeeeeeeeeeeeeeeeeeeee\nf\r\ng\rh";
        for size in 1..text.len() + 2 {
            let parts = chunks(text, size);
            assert_eq!(parts.concat(), text, "size {size}");
            for part in &parts[..parts.len() - 1] {
                let last = *part.last().unwrap();
                assert!(last == b'\n' || last == b'\r', "size {size}: {part:?}");
                // Read ahead by 64 KiB, the chunk still ends at the first line end
                // from its size on (the longest line is 22 bytes).
                assert!(part.len() < size + 22, "size {size}: {part:?}");
            }
        }
        assert_eq!(chunks(text, 1000).len(), 1);
    }

    #[test]
    fn a_reused_buffer_gives_the_same_chunks_and_none_of_its_old_bytes() {
        let text = b"a,b\nccc,ddd\neeeeeeeeeeeeeeeeeeeee\nf\r\ng\rh\nx\n";
        for size in 1..text.len() + 2 {
            let mut chunker = Chunker::new(
                text[..3].to_vec(),
                Box::new(io::Cursor::new(text[3..].to_vec())),
                size,
            );
            // The buffer handed back is a longer one full of other bytes.
            let mut buffer = vec![b'#'; 2 * text.len()];
            let mut parts = Vec::new();
            while let Some(part) = chunker.next_chunk(buffer).unwrap() {
                parts.push(part.clone());
                buffer = part;
                buffer.resize(2 * text.len(), b'#');
            }
            assert_eq!(parts, chunks(text, size), "size {size}");
        }
    }

    #[test]
    fn a_final_cr_is_not_a_cut() {
        assert_eq!(cut_point(b"ab\r"), None);
        assert_eq!(cut_point(b"ab\rc"), Some(3));
        assert_eq!(cut_point(b"a\nb\r"), Some(2));
    }
}
