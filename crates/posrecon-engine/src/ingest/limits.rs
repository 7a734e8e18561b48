//! The limits that keep a browser tab alive: the engine runs in a Web Worker, so memory and time
//! must stay bounded, and the answer to a file over a limit is one clear line, never a crash.
//! [`MAX_FILE_BYTES`] per file, [`MAX_ARCHIVE_MEMBERS`] and [`MAX_UNCOMPRESSED_BYTES`] per ZIP (a
//! ZIP bomb stops there), and [`MAX_CELLS`] per sheet. A leaf of ingest: every reader imports it.

use crate::message::FileError;

/// Largest file the engine reads: 512 MiB. The browser has already read the bytes, but parsing a
/// larger export would need several times that much memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Most members read from one ZIP archive.
pub const MAX_ARCHIVE_MEMBERS: usize = 200;

/// Most bytes a ZIP archive (or an xlsx workbook) may unpack to, over all members: 512 MiB.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 512 * 1024 * 1024;

/// Most non-empty cells read from one sheet (about 250 000 rows of 20 columns).
pub const MAX_CELLS: usize = 5_000_000;

/// Consecutive skipped rows with the same reason that are noted once as a range.
pub(crate) const RANGE_MIN_ROWS: usize = 50;

/// Why a file of `len` bytes is not read, if it is over [`MAX_FILE_BYTES`].
pub(crate) fn too_large(len: u64) -> Option<FileError> {
    (len > MAX_FILE_BYTES).then_some(FileError::TooLarge { bytes: len, limit: MAX_FILE_BYTES })
}
