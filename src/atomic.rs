//! Writes that never lose data: a report, a baseline or any other file jixiao-lint writes goes
//! to a temporary file in the target's folder, is flushed to disk, and replaces the target by a
//! rename. A kill, a full disk or a failed write leaves the old file as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically (temporary file in the same folder, fsync, rename).
///
/// A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a pipe) cannot
/// be replaced by a rename: it is written to directly, and a failed write is still an error.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(std::io::Error::other("is a directory"));
        }
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        f.write_all(bytes)?;
        return f.flush();
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    match test_pause() {
        // (failure injection for the tests: half the bytes, then a pause to be killed in)
        Some(pause) => {
            let half = bytes.len() / 2;
            tmp.write_all(&bytes[..half])?;
            tmp.as_file().sync_all()?;
            std::thread::sleep(pause);
            tmp.write_all(&bytes[half..])?;
        }
        None => tmp.write_all(bytes)?,
    }
    tmp.as_file().sync_all()?;
    // keep the permissions of the file being replaced
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    } else {
        set_default_permissions(tmp.as_file());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    // the rename itself reaches the disk with the folder
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `JIXIAO_TEST_WRITE_PAUSE_MS`: the tests kill the process in the middle of a write.
fn test_pause() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var("JIXIAO_TEST_WRITE_PAUSE_MS")
        .ok()?
        .parse()
        .ok()?;
    Some(std::time::Duration::from_millis(ms.min(60_000)))
}

/// A new file is readable by others as a report usually is (temporary files are created 0600).
#[cfg(unix)]
fn set_default_permissions(f: &std::fs::File) {
    use std::os::unix::fs::PermissionsExt;
    let _ = f.set_permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_default_permissions(_f: &std::fs::File) {}

/// True when `a` and `b` name the same file (both must exist), or the same path once made
/// absolute (when one does not exist yet).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => absolute(a) == absolute(b),
    }
}

fn absolute(p: &Path) -> Option<PathBuf> {
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => std::fs::canonicalize(d).ok()?,
        _ => std::env::current_dir().ok()?,
    };
    Some(parent.join(p.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary folder")
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let d = dir();
        let p = d.path().join("out.json");
        std::fs::write(&p, "old").unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let d = dir();
        // the target's folder does not exist: nothing is written, the error is reported
        let p = d.path().join("missing").join("bl.json");
        assert!(write(&p, b"x").is_err());
        // a directory is not replaced
        let sub = d.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(write(&sub, b"x").is_err());
        assert!(sub.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_directly() {
        write(Path::new("/dev/null"), b"anything").unwrap();
        if Path::new("/dev/full").exists() {
            assert!(write(Path::new("/dev/full"), b"anything").is_err());
        }
    }

    #[test]
    fn same_file_sees_through_relative_paths() {
        let d = dir();
        let p = d.path().join("a.txt");
        std::fs::write(&p, "x").unwrap();
        let q = d.path().join(".").join("a.txt");
        assert!(same_file(&p, &q));
        assert!(!same_file(&p, &d.path().join("b.txt")));
        assert!(same_file(
            &d.path().join("new.txt"),
            &d.path().join("./new.txt")
        ));
    }
}
