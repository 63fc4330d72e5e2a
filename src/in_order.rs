//! Work done on several threads, its results handed on in the order of the work: the
//! reports of `analyze --by` are built side by side and written one line per group, in
//! the order the groups first appear; a long list of a JSON report is written in
//! batches side by side.

use std::collections::BTreeMap;
use std::io;
use std::sync::{mpsc, Condvar, Mutex};

/// The items and how far the work has gone.
struct Queue<I> {
    items: I,
    /// Items handed to a thread so far.
    handed: usize,
    /// Results given to `each` so far.
    written: usize,
    /// Set when `each` failed: nothing more is handed out.
    stopped: bool,
}

/// Runs `build` on each item on `threads` threads and gives the results to `each` in
/// the items' order. Stops at the first error of `each`.
///
/// A thread takes an item only while it is fewer than `2 × threads` items ahead of the
/// next result to give: a slow item cannot let the others pile up their results (a
/// report of a million clients is written in batches of megabytes).
pub fn map_in_order<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    build: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let threads = threads.max(1);
    let ahead = threads * 2;
    let queue = Mutex::new(Queue {
        items: items.into_iter(),
        handed: 0,
        written: 0,
        stopped: false,
    });
    let turn = Condvar::new();
    // Takes the next item once it is within reach; `None` when there is none or the
    // work stopped.
    let take = || -> Option<(usize, T)> {
        let mut queue = queue.lock().ok()?;
        while !queue.stopped && queue.handed >= queue.written + ahead {
            queue = turn.wait(queue).ok()?;
        }
        if queue.stopped {
            return None;
        }
        let item = queue.items.next()?;
        let index = queue.handed;
        queue.handed += 1;
        Some((index, item))
    };
    let progress = |written: usize, stopped: bool| {
        if let Ok(mut queue) = queue.lock() {
            queue.written = written;
            queue.stopped |= stopped;
        }
        turn.notify_all();
    };
    std::thread::scope(|scope| {
        let (results, finished) = mpsc::sync_channel::<(usize, R)>(ahead);
        for _ in 0..threads {
            let results = results.clone();
            let (take, build) = (&take, &build);
            scope.spawn(move || {
                while let Some((index, item)) = take() {
                    // The receiving side is gone only after an error of `each`.
                    if results.send((index, build(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(results);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (index, result) in finished {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&next) {
                let written = each(result);
                next += 1;
                progress(next, written.is_err());
                written?;
            }
        }
        Ok(())
    })
}

/// An item pushed to [`feed_in_order`]: to build on a thread, or built already (on the
/// calling thread, with every thread for itself), which takes its turn all the same.
pub enum Pushed<T, R> {
    Build(T),
    Ready(R),
}

/// Builds the items `feed` pushes, on `threads` threads, and gives the results to `each`
/// in the order they were pushed: for items made one by one on the calling thread (the
/// groups of `analyze --by`, read as the file streams), which need not be `Send`.
///
/// A push waits while `2 × threads` items are built or being built ahead of the next
/// result to give, giving results as they come; a result pushed ready is given at once
/// when its turn has come. The first error of `each` is what the push returns, and
/// nothing more is built.
pub fn feed_in_order<T: Send, R: Send, E: From<io::Error>>(
    threads: usize,
    build: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R) -> io::Result<()>,
    feed: impl FnOnce(&mut dyn FnMut(Pushed<T, R>) -> io::Result<()>) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.max(1);
    if threads == 1 {
        return feed(&mut |item| match item {
            Pushed::Build(item) => each(build(item)),
            Pushed::Ready(result) => each(result),
        });
    }
    let (jobs, inbox) = mpsc::sync_channel::<(usize, T)>(2 * threads);
    let inbox = Mutex::new(inbox);
    std::thread::scope(|scope| {
        let (results, finished) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let results = results.clone();
            let (inbox, build) = (&inbox, &build);
            scope.spawn(move || loop {
                // The lock is held only while the next job is awaited.
                let job = match inbox.lock() {
                    Ok(inbox) => inbox.recv(),
                    Err(_) => break,
                };
                let Ok((index, item)) = job else { break };
                if results.send((index, build(item))).is_err() {
                    break;
                }
            });
        }
        drop(results);
        let mut order = Ordered {
            finished,
            waiting: BTreeMap::new(),
            handed: 0,
            written: 0,
            ahead: 2 * threads,
        };
        let mut push = |item: Pushed<T, R>| -> io::Result<()> {
            while order.handed >= order.written + order.ahead {
                order.give_next(&mut each)?;
            }
            match item {
                Pushed::Build(item) => jobs
                    .send((order.handed, item))
                    .map_err(|_| io::Error::other("a building thread stopped"))?,
                Pushed::Ready(result) => {
                    order.waiting.insert(order.handed, result);
                }
            }
            order.handed += 1;
            // Results already built are given now, not held until the next wait.
            order.give_ready(&mut each)
        };
        let fed = feed(&mut push);
        drop(jobs);
        fed?;
        while order.written < order.handed {
            order.give_next(&mut each)?;
        }
        Ok(())
    })
}

/// The results of [`feed_in_order`] waiting for their turn.
struct Ordered<R> {
    finished: mpsc::Receiver<(usize, R)>,
    waiting: BTreeMap<usize, R>,
    handed: usize,
    written: usize,
    ahead: usize,
}

impl<R> Ordered<R> {
    /// Gives every result built so far whose turn has come, without waiting.
    fn give_ready(&mut self, each: &mut impl FnMut(R) -> io::Result<()>) -> io::Result<()> {
        while let Ok((index, result)) = self.finished.try_recv() {
            self.waiting.insert(index, result);
        }
        self.give_waiting(each)
    }

    /// Waits for one more result, and gives every result whose turn has come.
    fn give_next(&mut self, each: &mut impl FnMut(R) -> io::Result<()>) -> io::Result<()> {
        let (index, result) = self
            .finished
            .recv()
            .map_err(|_| io::Error::other("a building thread stopped"))?;
        self.waiting.insert(index, result);
        self.give_waiting(each)
    }

    fn give_waiting(&mut self, each: &mut impl FnMut(R) -> io::Result<()>) -> io::Result<()> {
        while let Some(result) = self.waiting.remove(&self.written) {
            self.written += 1;
            each(result)?;
        }
        Ok(())
    }
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
    fn a_slow_item_does_not_let_the_others_run_far_ahead() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        for threads in [2, 3] {
            let built = AtomicUsize::new(0);
            let mut given = 0;
            let build = |n: u64| {
                if n == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                built.fetch_add(1, Ordering::SeqCst);
                n
            };
            map_in_order((0..200).collect(), threads, build, |n| {
                let ahead = built.load(Ordering::SeqCst) - given;
                assert!(ahead <= 2 * threads, "{ahead} results built ahead of {n}");
                given += 1;
                Ok(())
            })
            .unwrap();
            assert_eq!(given, 200);
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

    #[test]
    fn pushed_items_come_out_in_order_with_few_ahead() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        for threads in [1, 2, 3] {
            let built = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let build = |n: u64| {
                std::thread::sleep(std::time::Duration::from_micros(100 - n));
                built.fetch_add(1, Ordering::SeqCst);
                n * 3
            };
            let fed: Result<(), io::Error> = feed_in_order(
                threads,
                build,
                |r| {
                    let ahead = built.load(Ordering::SeqCst) - seen.len();
                    assert!(ahead <= 2 * threads, "{ahead} built ahead");
                    seen.push(r);
                    Ok(())
                },
                |push| (0..100).try_for_each(|n| push(Pushed::Build(n))),
            );
            fed.unwrap();
            assert_eq!(seen, (0..100).map(|n| n * 3).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_failed_push_stops_the_feeding() {
        let mut pushed = 0;
        let fed: Result<(), io::Error> = feed_in_order(
            2,
            |n: u32| n,
            |n| {
                if n == 5 {
                    return Err(io::Error::other("closed pipe"));
                }
                Ok(())
            },
            |push| {
                for n in 0..1000 {
                    pushed += 1;
                    push(Pushed::Build(n))?;
                }
                Ok(())
            },
        );
        assert_eq!(fed.unwrap_err().to_string(), "closed pipe");
        assert!(pushed < 20, "{pushed} pushed after the failure");
    }

    #[test]
    fn results_pushed_ready_take_their_turn_among_those_built() {
        for threads in [1, 2, 3] {
            let mut seen = Vec::new();
            let fed: Result<(), io::Error> = feed_in_order(
                threads,
                |n: u64| n * 10,
                |r| {
                    seen.push(r);
                    Ok(())
                },
                |push| {
                    (0..60).try_for_each(|n| match n % 3 {
                        0 => push(Pushed::Ready(n * 10)),
                        _ => push(Pushed::Build(n)),
                    })
                },
            );
            fed.unwrap();
            assert_eq!(seen, (0..60).map(|n| n * 10).collect::<Vec<_>>());
        }
    }
}
