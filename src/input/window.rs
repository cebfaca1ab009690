//! An archive file read at random positions with few system calls.
//!
//! The zip reader seeks for every central-directory record and asks the stream where it is
//! between them; through `BufReader<File>` each of those is an `lseek`, and each seek throws the
//! buffer away, so a small APK cost about fifty system calls and a batch of the corpus's 23 APKs
//! 3,600 (2 ms of a 4 ms run: README "Performance"). Here a seek only moves a number, and reads
//! are served from two windows of the file: one pinned at its end, where the end record and
//! (for all but the largest apps) the whole central directory lie, and one that follows the
//! reads elsewhere. A large APK still costs a few reads, not its size.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

/// Bytes read at a time away from the end of the file: a compressed manifest or Info.plist is
/// a few KiB, and every page a window touches is a page fault of its own.
const WINDOW: u64 = 32 * 1024;
/// Bytes pinned at the end: where the end record is looked for (the record and the longest
/// comment zip allows) and, for most apps, the whole central directory before it.
const TAIL: u64 = 22 + 65_535;

/// A file's bytes from `start`.
#[derive(Debug, Default)]
struct Window {
    start: u64,
    data: Vec<u8>,
}

impl Window {
    /// The window's bytes from `pos` on, when it holds any.
    fn from(&self, pos: u64) -> Option<&[u8]> {
        let offset = usize::try_from(pos.checked_sub(self.start)?).ok()?;
        self.data.get(offset..).filter(|rest| !rest.is_empty())
    }
}

/// A file as the zip reader sees it: the length it had when opened, a position of its own, and
/// reads served from memory where they can be.
#[derive(Debug)]
pub(super) struct WindowedFile {
    file: File,
    len: u64,
    pos: u64,
    /// Where the file's own cursor is, when known: a read from there needs no seek.
    cursor: Option<u64>,
    tail: Window,
    recent: Window,
}

impl WindowedFile {
    /// The file of `len` bytes (its length when the caller looked); a file that grows
    /// afterwards is read to this length, one that shrinks ends early (the zip reader then
    /// reports a truncated archive).
    pub(super) fn new(file: File, len: u64) -> Self {
        Self {
            file,
            len,
            pos: 0,
            cursor: None,
            tail: Window::default(),
            recent: Window::default(),
        }
    }

    /// Moves the file's own cursor to `to`, unless it is there already.
    fn place(&mut self, to: u64) -> io::Result<()> {
        if self.cursor != Some(to) {
            self.cursor = None;
            self.file.seek(SeekFrom::Start(to))?;
            self.cursor = Some(to);
        }
        Ok(())
    }

    /// Reads up to `size` bytes from `start` into a window's buffer (fewer at the end of the
    /// file).
    fn load(&mut self, pinned: bool, start: u64, size: u64) -> io::Result<()> {
        self.place(start)?;
        let window = if pinned {
            &mut self.tail
        } else {
            &mut self.recent
        };
        window.start = start;
        window.data.clear();
        window
            .data
            .reserve_exact(usize::try_from(size).unwrap_or(0));
        let read = (&mut self.file).take(size).read_to_end(&mut window.data);
        self.cursor = read.as_ref().ok().map(|&n| start + n as u64);
        read.map(drop)
    }

    /// The bytes held from the current position on, if a window holds any.
    fn held(&self) -> Option<&[u8]> {
        self.tail
            .from(self.pos)
            .or_else(|| self.recent.from(self.pos))
    }
}

impl Read for WindowedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.pos >= self.len {
            return Ok(0);
        }
        if self.held().is_none() {
            if buf.len() as u64 >= WINDOW {
                // A large read goes straight into the caller's buffer.
                self.place(self.pos)?;
                let end = usize::try_from(self.len - self.pos)
                    .map_or(buf.len(), |left| left.min(buf.len()));
                let n = self.file.read(&mut buf[..end]);
                self.cursor = n.as_ref().ok().map(|&n| self.pos + n as u64);
                let n = n?;
                self.pos += n as u64;
                return Ok(n);
            }
            if self.len - self.pos <= TAIL {
                let start = self.len.saturating_sub(TAIL);
                self.load(true, start, self.len - start)?;
            } else {
                self.load(false, self.pos, WINDOW)?;
            }
        }
        let Some(held) = self.held() else {
            // The file ended before the length it had when opened.
            return Ok(0);
        };
        let n = held.len().min(buf.len());
        buf[..n].copy_from_slice(&held[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for WindowedFile {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(by) => self.len.checked_add_signed(by),
            SeekFrom::Current(by) => self.pos.checked_add_signed(by),
        };
        self.pos = pos.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "a seek before the start of the file",
            )
        })?;
        Ok(self.pos)
    }

    fn stream_position(&mut self) -> io::Result<u64> {
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every read pattern the zip reader uses gives the file's own bytes: small and large
    /// reads, from the tail and elsewhere, across window edges, seeks from each origin and past
    /// the end.
    #[test]
    fn reads_what_the_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let len = 3 * WINDOW as usize + TAIL as usize / 2 + 17;
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let mut file = WindowedFile::new(File::open(&path).unwrap(), len as u64);
        let mut check = |from: SeekFrom, size: usize| {
            let at = file.seek(from).unwrap() as usize;
            assert_eq!(file.stream_position().unwrap() as usize, at);
            let mut got = vec![0; size];
            let mut filled = 0;
            while filled < size {
                match file.read(&mut got[filled..]).unwrap() {
                    0 => break,
                    n => filled += n,
                }
            }
            let end = (at + size).min(len);
            assert_eq!(&got[..filled], &bytes[at.min(len)..end], "{from:?} {size}");
        };
        check(SeekFrom::End(-22), 22);
        check(SeekFrom::End(-(TAIL as i64) - 5), 40);
        check(SeekFrom::Start(0), 30);
        check(SeekFrom::Current(100), 8192);
        check(SeekFrom::Start(WINDOW - 3), 10);
        check(SeekFrom::Start(5), 2 * WINDOW as usize + 9);
        check(SeekFrom::Start(len as u64 - 3), 10);
        check(SeekFrom::Start(len as u64 + 10), 10);
        check(SeekFrom::Start(1), len);
        assert!(file.seek(SeekFrom::Current(-(len as i64) * 2)).is_err());
    }
}
