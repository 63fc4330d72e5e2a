//! Where a report goes: standard output, or `--output FILE` written whole through a
//! temporary file renamed into place. Never over an input, never a half-written file,
//! not even when the run is interrupted.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::Result;

use crate::failure::{Failure, UsageError};

/// Refuses an `--output` that is one of the inputs (by path, through a link, or as the
/// same file under another name): writing the report would destroy the export.
pub fn refuse_overwriting_inputs(output: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
        if same_file(output, input) {
            return Err(UsageError::OutputIsInput {
                output: output.display().to_string(),
                input: input.display().to_string(),
            }
            .into());
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        // An output that does not exist yet is no input.
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (meta_a.dev(), meta_a.ino()) == (meta_b.dev(), meta_b.ino()) {
            return true;
        }
    }
    #[cfg(not(unix))]
    let _ = (meta_a, meta_b);
    matches!(
        (a.canonicalize(), b.canonicalize()),
        (Ok(x), Ok(y)) if x == y
    )
}

/// Writes to `--output` whole (see [`write_atomically`]), else to standard output.
pub fn write_output(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match output {
        Some(path) => write_atomically(path, write),
        None => {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|source| Failure::CannotWriteOutput { source }.into())
        }
    }
}

/// The temporary file being written, removed if the run is interrupted (SIGINT, SIGTERM).
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);
static ON_INTERRUPT: Once = Once::new();

/// Removes the pending temporary file on SIGINT or SIGTERM, then exits as interrupted.
fn clean_up_on_interrupt() {
    ON_INTERRUPT.call_once(|| {
        // Without a handler (one already set), an interrupt just leaves the file.
        let _ = ctrlc::set_handler(|| {
            remove_pending();
            // 128 + SIGINT, as shells report an interrupted command.
            std::process::exit(130);
        });
    });
}

/// Removes the temporary file being written, if any.
fn remove_pending() {
    if let Ok(mut pending) = PENDING.lock() {
        if let Some(path) = pending.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut pending) = PENDING.lock() {
        *pending = path;
    }
}

/// Writes through a temporary file renamed into place, so a failure never leaves a
/// half-written report. Special files (`/dev/stdout`, pipes) are written directly.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    if path.exists() && !path.is_file() {
        // A device or a pipe (`--output /dev/stdout`): no rename possible.
        let cannot_write = |source| Failure::CannotWrite {
            file: name.clone(),
            source,
        };
        let file = File::create(path).map_err(cannot_write)?;
        let mut out = io::BufWriter::new(file);
        write(&mut out)
            .and_then(|()| out.flush())
            .map_err(cannot_write)?;
        return Ok(());
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    clean_up_on_interrupt();
    let mut temp = new_temp_file(&dir).map_err(|source| Failure::CannotWriteIn {
        file: name.clone(),
        dir: dir.display().to_string(),
        source,
    })?;
    set_pending(Some(temp.path().to_path_buf()));
    let written = (|| {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out).and_then(|()| out.flush())?;
        drop(out);
        keep_mode_of_replaced(temp.as_file(), path)
    })();
    let result = written
        .and_then(|()| temp.persist(path).map(drop).map_err(|e| e.error))
        .map_err(|source| Failure::CannotWrite { file: name, source });
    set_pending(None);
    Ok(result?)
}

/// A temporary file beside the report. On Unix it is created with mode 0666 less the
/// umask, as any new file would be: a report holds client revenue, and a user whose
/// umask keeps files private gets a private report.
#[cfg(unix)]
fn new_temp_file(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

#[cfg(not(unix))]
fn new_temp_file(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::NamedTempFile::new_in(dir)
}

/// A report that replaces a file keeps that file's permissions.
fn keep_mode_of_replaced(temp: &File, path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) => temp.set_permissions(meta.permissions()),
        Err(_) => Ok(()),
    }
}

/// Writes text made in memory (completions, the manual page) to standard output: a
/// closed pipe is the caller's success, a full disk an error (never a panic).
pub fn print(bytes: &[u8]) -> Result<()> {
    write_output(None, |out| out.write_all(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("review.txt");
        let result = write_atomically(&target, |out| {
            out.write_all(b"half")?;
            // What the SIGINT/SIGTERM handler does, mid-write.
            remove_pending();
            Ok(())
        });
        // The rename fails: the temporary file is gone, nothing is left beside.
        assert!(result.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A write that completes leaves only the report.
        write_atomically(&target, |out| out.write_all(b"whole")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_input_under_another_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("inv.csv");
        std::fs::write(&input, "x").unwrap();
        let linked = dir.path().join("link.csv");
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&input, &hard).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&input, &linked).unwrap();
        let dotted = dir.path().join(".").join("inv.csv");
        for output in [&input, &hard, &dotted] {
            assert!(refuse_overwriting_inputs(Some(output), &[&input]).is_err());
        }
        #[cfg(unix)]
        assert!(refuse_overwriting_inputs(Some(&linked), &[&input]).is_err());
        let other = dir.path().join("review.txt");
        assert!(refuse_overwriting_inputs(Some(&other), &[&input]).is_ok());
        std::fs::write(&other, "old").unwrap();
        assert!(refuse_overwriting_inputs(Some(&other), &[&input, Path::new("-")]).is_ok());
        assert!(refuse_overwriting_inputs(None, &[&input]).is_ok());
    }
}
