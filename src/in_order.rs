//! Work done on several threads, its results handed on in the order of the work: the
//! reports of `analyze --by` are built side by side and written one line per group, in
//! the order the groups first appear; a long list of a JSON report is written in
//! batches side by side.

use std::collections::BTreeMap;
use std::io;
use std::sync::{mpsc, Mutex};

/// Runs `build` on each item on `threads` threads and gives the results to `each` in
/// the items' order. Stops at the first error of `each`.
pub fn map_in_order<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    build: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let queue = Mutex::new(items.into_iter().enumerate());
    std::thread::scope(|scope| {
        let (results, finished) = mpsc::sync_channel::<(usize, R)>(threads.max(1) * 2);
        for _ in 0..threads.max(1) {
            let results = results.clone();
            let (queue, build) = (&queue, &build);
            scope.spawn(move || loop {
                let next = queue.lock().ok().and_then(|mut items| items.next());
                let Some((index, item)) = next else {
                    break;
                };
                // The receiving side is gone only after an error of `each`.
                if results.send((index, build(item))).is_err() {
                    break;
                }
            });
        }
        drop(results);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, result) in finished {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                each(result)?;
                next += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items_whatever_the_threads() {
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            let items: Vec<u64> = (0..200).collect();
            // Early items take longest, so later ones finish first.
            let build = |n: u64| {
                std::thread::sleep(std::time::Duration::from_micros(200 - n));
                n * 2
            };
            map_in_order(items, threads, build, |r| {
                seen.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(seen, (0..200).map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_first_error_stops_the_work() {
        let mut seen = 0;
        let result = map_in_order(
            (0..1000).collect(),
            3,
            |n: u32| n,
            |n| {
                seen += 1;
                if n == 10 {
                    return Err(io::Error::other("full disk"));
                }
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "full disk");
        assert_eq!(seen, 11);
    }
}
