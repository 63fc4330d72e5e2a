//! A bound on one line's length: a file with a line of hundreds of megabytes (no line
//! break at all, or an endless stream on standard input) is refused at
//! [`MAX_LINE_BYTES`] with the line's number, instead of growing in memory until the
//! machine gives up. Real exports' lines are a few hundred bytes; a quoted cell with line
//! breaks inside counts each of its lines on its own.

use std::io::{self, Read};

/// The longest line read, in bytes.
pub const MAX_LINE_BYTES: u64 = 16 << 20;

/// Reads `inner`, failing once a line passes [`MAX_LINE_BYTES`].
pub struct LineLimit<R> {
    inner: R,
    /// Line breaks (LF) read so far.
    breaks: u64,
    /// Bytes since the last line break (LF or CR).
    run: u64,
}

impl<R> LineLimit<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            breaks: 0,
            run: 0,
        }
    }

    fn too_long(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "line {} is longer than {} MiB: no export has such a line (a quote left open, or not a CSV file)",
                self.breaks + 1,
                MAX_LINE_BYTES >> 20
            ),
        )
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = buf.get(..n).unwrap_or_default();
        match memchr::memchr2(b'\n', b'\r', chunk) {
            None => self.run += n as u64,
            Some(first) => {
                if self.run + first as u64 > MAX_LINE_BYTES {
                    return Err(self.too_long());
                }
                self.breaks += memchr::memchr_iter(b'\n', chunk).count() as u64;
                let last = memchr::memrchr2(b'\n', b'\r', chunk).unwrap_or(first);
                self.run = (n - last - 1) as u64;
            }
        }
        if self.run > MAX_LINE_BYTES {
            return Err(self.too_long());
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless stream of one byte, and its line breaks every `every` bytes.
    struct Endless {
        every: Option<u64>,
        at: u64,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            for byte in buf.iter_mut() {
                self.at += 1;
                *byte = match self.every {
                    Some(every) if self.at % every == 0 => b'\n',
                    _ => b'a',
                };
            }
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_line_stops_at_the_limit_with_its_number() {
        let mut reader = LineLimit::new(Endless { every: None, at: 0 });
        let mut buf = vec![0; 1 << 16];
        let mut read = 0u64;
        let error = loop {
            match reader.read(&mut buf) {
                Ok(n) => read += n as u64,
                Err(error) => break error,
            }
        };
        assert!(read <= MAX_LINE_BYTES);
        assert!(
            error
                .to_string()
                .starts_with("line 1 is longer than 16 MiB"),
            "{error}"
        );
    }

    #[test]
    fn ordinary_lines_pass_whatever_the_chunks() {
        let mut reader = LineLimit::new(Endless {
            every: Some(1000),
            at: 0,
        });
        let mut buf = vec![0; 7777];
        for _ in 0..10_000 {
            assert_eq!(reader.read(&mut buf).unwrap(), buf.len());
        }
        assert_eq!(reader.breaks, 7777 * 10_000 / 1000);
    }

    #[test]
    fn a_long_line_after_short_ones_is_named() {
        let mut text = b"a,b\n1,2\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', (MAX_LINE_BYTES + 10) as usize));
        let mut reader = LineLimit::new(io::Cursor::new(text));
        let error = io::copy(&mut reader, &mut io::sink()).unwrap_err();
        assert!(error.to_string().starts_with("line 3 is longer"), "{error}");
    }
}
