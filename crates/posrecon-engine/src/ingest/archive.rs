//! ZIP archives: portals hand out a month of statements as one `.zip` (one CSV per day, or the
//! CSV next to a PDF). Each member is read as if it had been uploaded on its own and reported as
//! `archive.zip/member.csv`.
//!
//! An archive is untrusted input that can claim anything, so reading stops at limits: at most
//! [`MAX_ARCHIVE_MEMBERS`] members and [`MAX_UNCOMPRESSED_BYTES`] unpacked over all of them,
//! counted on the bytes actually inflated (a member's declared size may lie). A ZIP bomb therefore
//! costs at most that much memory and ends with one clear line. Folders, macOS resource forks
//! (`__MACOSX/`), encrypted members and archives inside the archive are skipped with a note.
//!
//! Member names are UTF-8 when the archive says so; Chinese Windows tools write them in GBK
//! without saying so, which is decoded as GB18030 rather than shown as mojibake.

use std::io::{Cursor, Read};

use encoding_rs::GB18030;

use super::limits::{MAX_ARCHIVE_MEMBERS, MAX_UNCOMPRESSED_BYTES};
use crate::message::{FileError, MemberProblem};

/// One member: its name and its bytes, or why they could not be read.
pub(crate) struct Member {
    /// Path inside the archive.
    pub name: String,
    /// The unpacked bytes, or why not.
    pub bytes: Result<Vec<u8>, MemberProblem>,
}

/// Whether a ZIP container is an xlsx workbook (it has `xl/workbook.xml`).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name("xl/workbook.xml").is_some())
}

/// Every member of an archive, or why the archive cannot be read at all.
pub(crate) fn members(bytes: &[u8]) -> Result<Vec<Member>, FileError> {
    members_within(bytes, MAX_ARCHIVE_MEMBERS, MAX_UNCOMPRESSED_BYTES)
}

/// [`members`] with explicit limits (tests use small ones).
pub(crate) fn members_within(
    bytes: &[u8],
    max_members: usize,
    max_total: u64,
) -> Result<Vec<Member>, FileError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::ZipDamaged)?;
    let mut out = Vec::new();
    let mut total: u64 = 0;
    let mut files = 0usize;
    for idx in 0..archive.len() {
        let mut file = match archive.by_index(idx) {
            Ok(file) => file,
            Err(_) => {
                out.push(Member {
                    name: format!("member {}", idx + 1),
                    bytes: Err(MemberProblem::Unsupported),
                });
                continue;
            }
        };
        let raw_name = file.name_raw();
        let name = match std::str::from_utf8(raw_name) {
            Ok(name) => name.to_owned(),
            Err(_) => GB18030.decode_without_bom_handling(raw_name).0.into_owned(),
        };
        if file.is_dir() || name.starts_with("__MACOSX/") || name.ends_with(".DS_Store") {
            continue;
        }
        files += 1;
        if files > max_members {
            return Err(FileError::TooManyMembers { max: max_members });
        }
        if file.encrypted() {
            out.push(Member { name, bytes: Err(MemberProblem::Encrypted) });
            continue;
        }
        let budget = max_total - total;
        let mut buf = Vec::new();
        let read = (&mut file).take(budget + 1).read_to_end(&mut buf);
        total += buf.len() as u64;
        if total > max_total {
            return Err(FileError::ArchiveTooBig { limit: max_total });
        }
        let bytes = match read {
            Ok(_) => Ok(buf),
            Err(_) => Err(MemberProblem::Damaged),
        };
        out.push(Member { name, bytes });
    }
    Ok(out)
}
