//! A bounded look at a legacy `.xls` workbook before calamine reads it.
//!
//! Why this exists: calamine trusts what a file declares. A damaged OLE2 compound file (the
//! container of `.xls`) or BIFF stream inside it can make it follow a sector chain in a loop until
//! it has copied gigabytes, index its own tables out of range, or reserve a cell grid of the size
//! a corrupt record claims (the fuzz target found 519-byte files that ask for 16 GiB in one
//! allocation). Natively a panic is caught in `sheet.rs`, but the page's worker is built with
//! `panic = "abort"` and an allocation that size aborts it too, which ends the whole analysis. So
//! the workbook is walked here first, the way calamine will walk it, with every count, chain and
//! size bounded by the file's length, and a file calamine would choke on is refused with one line
//! that names what is wrong.
//!
//! What is followed (MS-CFB, MS-XLS; mirrors calamine 0.35 `cfb.rs` / `xls.rs`, the version in
//! use: 0.38 fixes the header allocations but pulls `getrandom`/`wasm-bindgen` into the engine
//! through zip 9, and still has the others):
//! - the header (signature, sector sizes, how many FAT and mini-FAT sectors it declares, and the
//!   word at bytes 62..66 that calamine 0.35 reserves a table for);
//! - the DIFAT chain, the FAT sectors it lists, the directory chain, the mini stream and mini FAT,
//!   and the `Workbook` (or `Book`, `WORKBOOK`, `BOOK`) stream: every sector inside the file,
//!   every chain free of loops, every table lookup inside its table;
//! - in the workbook stream, the records calamine parses without checking their length, the sheet
//!   offsets of `BoundSheet8`, and per sheet the grid calamine will allocate (`Dimensions` and the
//!   span of cell positions), which together may not exceed [`max_grid_cells`] of the file.
//!
//! Memory here is a small multiple of the file (the streams are copied once), and time is linear in
//! it: sheets that overlap in the stream (which calamine would each read to their end, time
//! squared) are refused too.

use super::limits::MAX_CELLS;

/// Sector chain end marker.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids at and above this are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
/// DIFAT marker in a DIFAT entry (entries at and above it list no FAT sector).
const DIF_SECT: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: u64 = 4096;
/// Mini sector size.
const MINI_SECTOR: usize = 64;
/// Grid cells any workbook may claim, whatever its size (calamine keeps about 40 bytes per cell
/// while collecting and 32 in the range, so this is about 20 MB).
const GRID_CELL_FLOOR: usize = 1 << 18;

/// Most grid cells (rows × columns, summed over sheets) a workbook of `file_len` bytes may make
/// calamine allocate: 256 Ki cells for any file (about 20 MB), or two per byte of the file, which
/// a real sheet cannot exceed (each filled cell costs at least 6 bytes of record), up to
/// [`MAX_CELLS`].
pub(crate) fn max_grid_cells(file_len: usize) -> usize {
    GRID_CELL_FLOOR.max(file_len.saturating_mul(2)).min(MAX_CELLS)
}

/// Checks a `.xls` file; `Err` is a short phrase naming the damage.
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    let file = Container::open(bytes)?;
    let Some(stream) = file.workbook_stream()? else {
        return Ok(()); // calamine reports the missing stream itself.
    };
    check_biff(&stream, bytes.len())
}

struct Container<'a> {
    bytes: &'a [u8],
    /// Sector size (512 or 4096); the header takes the first sector.
    size: usize,
    /// Highest sector id calamine accepts (file length / sector size).
    max_id: u32,
    fats: Vec<u32>,
    directories: Vec<Directory>,
    mini_stream: Vec<u8>,
    mini_fats: Vec<u32>,
}

struct Directory {
    name: String,
    start: u32,
    len: u64,
}

/// Where a chain's sectors come from.
#[derive(Clone, Copy)]
enum Source {
    File,
    Mini,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn words(b: &[u8]) -> Result<impl Iterator<Item = u32> + '_, String> {
    if !b.len().is_multiple_of(4) {
        return Err("a sector table is cut off by the end of the file".to_owned());
    }
    Ok(b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
}

impl<'a> Container<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < 512 {
            return Err("the file is shorter than its header".to_owned());
        }
        let header = &bytes[..512];
        let large = match u16_at(header, 30) {
            Some(9) => false,
            Some(12) => true,
            _ => return Err("the header names an unknown sector size".to_owned()),
        };
        if u16_at(header, 32) != Some(6) {
            return Err("the header names an unknown mini sector size".to_owned());
        }
        let size = if large { 4096 } else { 512 };
        if bytes.len() < size {
            return Err("the file is shorter than its header".to_owned());
        }
        let max_id = (bytes.len() / size) as u32;
        let sectors = u64::from(max_id) + 1;
        let declared = |at| u64::from(u32_at(header, at).unwrap_or(0));
        if declared(44) > sectors || declared(64) > sectors {
            return Err(format!(
                "the header declares {} table sectors in a file of {} sectors",
                declared(44).max(declared(64)),
                sectors
            ));
        }
        // calamine 0.35 reserves 4 bytes per unit of the word at 62..66 (the upper half of the
        // mini FAT start and the lower half of its length). In a real file that is at most 256 KiB
        // per mini FAT sector, and a mini FAT sector serves 8 KiB of the file: 32 bytes per byte.
        let quirk = declared(62) * 4;
        if quirk > 32 * bytes.len() as u64 + (512 << 10) {
            return Err("the header's mini sector table fields are out of range".to_owned());
        }
        let mut file = Container {
            bytes,
            size,
            max_id,
            fats: Vec::new(),
            directories: Vec::new(),
            mini_stream: Vec::new(),
            mini_fats: Vec::new(),
        };
        file.read_fat(header)?;
        let dir_start = u32_at(header, 48).unwrap_or(END_OF_CHAIN);
        let dirs = file.chain(dir_start, usize::MAX, Source::File)?;
        if !dirs.len().is_multiple_of(128) {
            return Err("the directory is cut off by the end of the file".to_owned());
        }
        for entry in dirs.chunks_exact(128) {
            file.directories.push(Directory::parse(entry, large)?);
        }
        let version = u16_at(header, 26).unwrap_or(0);
        let Some(root) = file.directories.first() else {
            return Err("the directory is empty".to_owned());
        };
        if version != 3 && root.start == END_OF_CHAIN {
            return Err("the directory is empty".to_owned());
        }
        let mini_fat_len = declared(64) as usize;
        if mini_fat_len > 0 {
            let (root_start, root_len) = (root.start, root.len as usize);
            file.mini_stream = file.chain(root_start, root_len, Source::File)?;
            let mini_fat_start = u32_at(header, 60).unwrap_or(END_OF_CHAIN);
            let mini_fat = file.chain(mini_fat_start, mini_fat_len * size, Source::File)?;
            file.mini_fats = words(&mini_fat)?.collect();
        }
        Ok(file)
    }

    /// The DIFAT (109 entries in the header, then a chain of sectors) and the FAT it lists.
    fn read_fat(&mut self, header: &[u8]) -> Result<(), String> {
        let mut difat: Vec<u32> = words(&header[76..512])?.collect();
        let mut id = u32_at(header, 68).unwrap_or(END_OF_CHAIN);
        let mut steps = 0u64;
        while id < RESERVED {
            steps += 1;
            if steps > u64::from(self.max_id) + 1 {
                return Err("the sector table chain loops".to_owned());
            }
            difat.extend(words(self.sector(id, Source::File)?)?);
            id = difat.pop().ok_or("the sector table chain is cut off by the end of the file")?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIF_SECT).collect();
        if fat_sectors.len() as u64 > u64::from(self.max_id) + 1 {
            return Err(format!(
                "the header lists {} sector table sectors in a file of {} sectors",
                fat_sectors.len(),
                u64::from(self.max_id) + 1
            ));
        }
        let mut fats = Vec::new();
        for id in fat_sectors {
            fats.extend(words(self.sector(id, Source::File)?)?);
        }
        self.fats = fats;
        Ok(())
    }

    /// The bytes of sector `id` as calamine reads them (cut short at the end of the file).
    fn sector(&self, id: u32, source: Source) -> Result<&[u8], String> {
        match source {
            Source::File => {
                if id > self.max_id {
                    return Err(format!("sector {id} is past the end of the file"));
                }
                let start = self.size + id as usize * self.size;
                if start > self.bytes.len() {
                    return Err(format!("sector {id} is past the end of the file"));
                }
                Ok(&self.bytes[start..(start + self.size).min(self.bytes.len())])
            }
            Source::Mini => {
                let start = id as usize * MINI_SECTOR;
                if u64::from(id) > u64::from(self.max_id) * 8 || start > self.mini_stream.len() {
                    return Err(format!("mini sector {id} is past the end of the mini stream"));
                }
                Ok(&self.mini_stream[start..(start + MINI_SECTOR).min(self.mini_stream.len())])
            }
        }
    }

    /// Follows a chain from `start` until its end or `len` bytes, as calamine does, refusing a
    /// loop (more steps than there are sectors) and a link outside the table.
    fn chain(&self, start: u32, len: usize, source: Source) -> Result<Vec<u8>, String> {
        let (table, count) = match source {
            Source::File => (&self.fats, u64::from(self.max_id) + 1),
            Source::Mini => (&self.mini_fats, u64::from(self.max_id) * 8 + 1),
        };
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0u64;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > count {
                return Err("a sector chain loops".to_owned());
            }
            let sector = self.sector(id, source)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            id = *table
                .get(id as usize)
                .ok_or_else(|| format!("sector {id} is missing from the sector table"))?;
        }
        Ok(out)
    }

    /// The stream calamine reads the workbook from, if the file has one.
    fn workbook_stream(&self) -> Result<Option<Vec<u8>>, String> {
        for name in ["Workbook", "Book", "WORKBOOK", "BOOK"] {
            let Some(entry) = self.directories.iter().find(|d| d.name == name) else {
                continue;
            };
            let len = entry.len as usize;
            let stream = if entry.len < MINI_CUTOFF {
                self.chain(entry.start, len, Source::Mini)?
            } else {
                self.chain(entry.start, len, Source::File)?
            };
            return Ok(Some(stream));
        }
        Ok(None)
    }
}

impl Directory {
    fn parse(entry: &[u8], large: bool) -> Result<Self, String> {
        let units: Vec<u16> =
            entry[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let mut name = String::from_utf16_lossy(&units);
        if let Some(end) = name.find('\0') {
            name.truncate(end);
        }
        let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
        let len = if large {
            u64::from_le_bytes(entry[120..128].try_into().unwrap_or([0; 8]))
        } else {
            u64::from(u32_at(entry, 120).unwrap_or(0))
        };
        // calamine keeps the size as a usize: in the page (wasm32) a larger one aborts.
        if len > u64::from(u32::MAX) {
            return Err(format!("stream '{name}' declares {len} bytes"));
        }
        Ok(Directory { name, start, len })
    }
}

/// A BIFF record: type and data (continuations are not needed here).
struct Record<'s> {
    typ: u16,
    data: &'s [u8],
}

/// Records as calamine's `RecordIter` cuts them; stops where calamine would report an error.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = u16_at(stream, 2)? as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some(Record { typ, data })
    })
}

/// Least data length of the records calamine reads without checking it (type, bytes).
const MIN_LEN: &[(u16, usize)] = &[
    (0x002F, 2),  // FilePass
    (0x0042, 2),  // CodePage
    (0x0022, 2),  // DateMode
    (0x0809, 2),  // BOF
    (0x0085, 6),  // BoundSheet8: offset, state, type
    (0x0018, 14), // Lbl: header before the name
];

/// Row and column span of the cells one sheet gives calamine.
#[derive(Default)]
struct Span(Option<(u32, u32, u32, u32)>);

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        let s = self.0.get_or_insert((row, row, col, col));
        *s = (s.0.min(row), s.1.max(row), s.2.min(col), s.3.max(col));
    }

    fn cells(&self) -> usize {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            ((r1 - r0) as usize + 1).saturating_mul((c1 - c0) as usize + 1)
        })
    }
}

fn check_biff(stream: &[u8], file_len: usize) -> Result<(), String> {
    let mut sheets = Vec::new();
    let mut biff8 = true; // calamine's default until a BOF says otherwise
    for record in records(stream) {
        short_record(&record)?;
        let d = record.data;
        match record.typ {
            0x0809 => {
                let version = u16_at(d, 0).unwrap_or(0);
                biff8 = ![0x0002, 0x0007, 0x0200, 0x0300, 0x0400, 0x0500].contains(&version);
            }
            0x0085 => sheets.push(u32_at(d, 0).unwrap_or(0) as usize),
            // Lbl: the formula is the last `cce` bytes.
            0x0018 if u16_at(d, 4).unwrap_or(0) as usize > d.len() => {
                return Err("a defined name is longer than its record".to_owned());
            }
            // ExternSheet (BIFF8): a count first.
            0x0017 if biff8 && d.len() < 2 => {
                return Err(format!("record 0x0017 is {} bytes, too short", d.len()));
            }
            0x000A => break,
            _ => {}
        }
    }
    let limit = max_grid_cells(file_len);
    let (mut cells, mut end) = (0usize, 0usize);
    sheets.sort_unstable();
    for pos in sheets {
        // Sheets are separate parts of the stream; calamine reads each from its offset to its
        // end, so overlapping ones (one offset named many times) would cost it time squared.
        if pos < end {
            return Err("its sheets overlap".to_owned());
        }
        let Some(sheet) = stream.get(pos..) else {
            return Err(format!("a sheet starts at byte {pos}, past the end of the workbook"));
        };
        let cost = sheet_grid(sheet)?;
        cells = cells.saturating_add(cost.reserved.max(cost.span));
        if cells > limit {
            return Err(format!(
                "its sheets claim a grid of {} cells, more than a file of {} bytes can hold",
                cost.reserved.max(cost.span),
                file_len
            ));
        }
        end = pos + cost.bytes;
    }
    Ok(())
}

fn short_record(record: &Record) -> Result<(), String> {
    match MIN_LEN.iter().find(|(typ, _)| *typ == record.typ) {
        Some((typ, min)) if record.data.len() < *min => {
            Err(format!("record 0x{typ:04X} is {} bytes, too short", record.data.len()))
        }
        _ => Ok(()),
    }
}

/// What reading one sheet costs calamine.
struct SheetCost {
    /// Cells reserved for its `Dimensions`.
    reserved: usize,
    /// Cells of the grid spanned by its cells.
    span: usize,
    /// Bytes of the stream read for it.
    bytes: usize,
}

fn sheet_grid(sheet: &[u8]) -> Result<SheetCost, String> {
    let mut reserved = 0usize;
    let mut span = Span::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut bytes = 0usize;
    for record in records(sheet) {
        short_record(&record)?;
        let d = record.data;
        bytes += 4 + d.len();
        if depth > 0 {
            match record.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |i| u16_at(d, i).map(u32::from);
        match record.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => reserved = reserved.max(dimensions(d)?),
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row and column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(col)) = (at(0), at(2)) {
                    span.add(row, col);
                }
            }
            0x00BD if d.len() >= 6 => {
                let (row, first, last) = (at(0).unwrap_or(0), at(2).unwrap_or(0), at(d.len() - 2));
                let last = last.unwrap_or(first);
                if last < first {
                    return Err("a MulRk record ends before it starts".to_owned());
                }
                span.add(row, first);
                span.add(row, last);
            }
            _ => {}
        }
    }
    Ok(SheetCost { reserved, span: span.cells(), bytes })
}

/// Cells calamine reserves for a `Dimensions` record (mirrors its `parse_dimensions`).
fn dimensions(d: &[u8]) -> Result<usize, String> {
    let (first_row, end_row, mut first_col, end_col) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).unwrap_or(0)),
            u32::from(u16_at(d, 2).unwrap_or(0)),
            u32::from(u16_at(d, 4).unwrap_or(0)),
            u32::from(u16_at(d, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0),
            u32_at(d, 4).unwrap_or(0),
            u32::from(u16_at(d, 8).unwrap_or(0)),
            u32::from(u16_at(d, 10).unwrap_or(0)),
        ),
        _ => return Ok(0), // calamine reports the bad length itself.
    };
    if first_col > 0xFF || end_col < first_col {
        first_col = 0;
    }
    if end_row == 0 || end_col == 0 {
        return Ok(1);
    }
    if end_row - 1 < first_row {
        return Err(format!(
            "its sheet size record runs from row {first_row} back to row {end_row}"
        ));
    }
    let rows = (end_row - 1 - first_row) as usize + 1;
    let cols = (end_col - 1 - first_col) as usize + 1;
    Ok(rows.saturating_mul(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_limit_grows_with_the_file_up_to_max_cells() {
        assert_eq!(max_grid_cells(519), GRID_CELL_FLOOR);
        assert_eq!(max_grid_cells(1 << 20), 2 << 20);
        assert_eq!(max_grid_cells(usize::MAX), MAX_CELLS);
    }

    /// The project's legacy-workbook fixture: 512-byte sectors, FAT in sector 0, mini FAT in 2,
    /// mini stream in 3..=10, directory in 11..=12, and a 3048-byte `Workbook` stream in the mini
    /// stream (so its bytes sit contiguously at file offset 2048).
    const FIXTURE: &[u8] = include_bytes!("../../../../tests/fixtures/icbc_history_legacy.xls");
    const WORKBOOK_AT: usize = 2048;

    fn put_u32(bytes: &mut [u8], at: usize, value: u32) {
        bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
    }

    /// File offset of the data of the first record of type `typ` in the workbook stream.
    fn record_at(bytes: &[u8], typ: u16) -> usize {
        let mut at = WORKBOOK_AT;
        loop {
            let t = u16_at(bytes, at).unwrap();
            let len = u16_at(bytes, at + 2).unwrap() as usize;
            if t == typ {
                return at + 4;
            }
            at += 4 + len;
        }
    }

    #[test]
    fn damage_is_named_before_calamine_reads() {
        const FAT: usize = 512; // FAT sector 0; entry n at FAT + 4 n.
        const DIR: usize = 512 + 11 * 512; // directory entry n at DIR + 128 n.
        type Damage = fn(&mut Vec<u8>);
        let cases: &[(&str, Damage, &str)] = &[
            ("the fixture as written", |_| {}, "ok"),
            ("directory chain loops", |b| put_u32(b, FAT + 4 * 12, 11), "a sector chain loops"),
            (
                "mini stream links past the file",
                |b| put_u32(b, FAT + 4 * 3, 200),
                "sector 200 is past",
            ),
            (
                "header declares 4 G FAT sectors",
                |b| put_u32(b, 44, u32::MAX),
                "the header declares 4294967295 table sectors in a file of 15 sectors",
            ),
            (
                "DIFAT lists one sector 109 times",
                |b| (0..109).for_each(|i| put_u32(b, 76 + 4 * i, 0)),
                "the header lists 109",
            ),
            (
                "workbook starts past the mini stream",
                |b| put_u32(b, DIR + 128 + 116, 1000),
                "mini sector 1000 is past",
            ),
            (
                "mini FAT links past the mini stream",
                |b| put_u32(b, 512 + 2 * 512 + 4 * 5, 5000),
                "mini sector 5000 is past",
            ),
            (
                "mini FAT length calamine 0.35 turns into a 4 MB table",
                |b| put_u32(b, 64, 15),
                "the header's mini sector table fields are out of range",
            ),
            ("file cut inside the directory", |b| b.truncate(6756), "the directory is cut off"),
            ("file cut inside its header", |b| b.truncate(300), "the file is shorter"),
            (
                "sheet offset past the stream",
                |b| {
                    let at = record_at(b, 0x0085);
                    put_u32(b, at, 0x00FF_FFFF)
                },
                "a sheet starts at byte 16777215",
            ),
            (
                "a 2-byte defined name",
                |b| {
                    let at = record_at(b, 0x0042) - 4;
                    b[at..at + 2].copy_from_slice(&0x0018u16.to_le_bytes());
                },
                "record 0x0018 is 2 bytes, too short",
            ),
            (
                "a defined name whose formula is longer than it",
                |b| {
                    let at = record_at(b, 0x005C);
                    b[at - 4..at - 2].copy_from_slice(&0x0018u16.to_le_bytes());
                    b[at + 4..at + 6].copy_from_slice(&0xFFFFu16.to_le_bytes());
                },
                "a defined name is longer than its record",
            ),
            (
                "one sheet named twice",
                |b| {
                    // The 20-byte BoundSheet8 is followed by Country and 0x01C1 records of
                    // 8 and 12 bytes: a copy of it takes their place exactly.
                    let at = record_at(b, 0x0085) - 4;
                    let copy = b[at..at + 20].to_vec();
                    b[at + 20..at + 40].copy_from_slice(&copy);
                },
                "its sheets overlap",
            ),
            (
                "Dimensions of 4 G rows",
                |b| {
                    let pos = u32_at(b, record_at(b, 0x0085)).unwrap() as usize;
                    let mut at = WORKBOOK_AT + pos;
                    while u16_at(b, at) != Some(0x0200) {
                        at += 4 + u16_at(b, at + 2).unwrap() as usize;
                    }
                    put_u32(b, at + 8, u32::MAX);
                },
                "its sheets claim a grid of",
            ),
        ];
        for (what, damage, want) in cases {
            let mut bytes = FIXTURE.to_vec();
            damage(&mut bytes);
            let got = match check(&bytes) {
                Ok(()) => "ok".to_owned(),
                Err(e) => e,
            };
            assert!(got.starts_with(want), "{what}: {got}");
        }
    }

    #[test]
    fn dimensions_as_calamine_reads_them() {
        let biff8 = |r0: u32, r1: u32, c0: u16, c1: u16| {
            let mut d = Vec::new();
            d.extend(r0.to_le_bytes());
            d.extend(r1.to_le_bytes());
            d.extend(c0.to_le_bytes());
            d.extend(c1.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        let cases: &[(Vec<u8>, Result<usize, ()>)] = &[
            (biff8(0, 10, 0, 5), Ok(50)),
            (biff8(0, 0, 0, 0), Ok(1)),
            (biff8(0, 65536, 0, 256), Ok(65536 * 256)),
            // A first column over 0xFF counts from column 0, as in calamine.
            (biff8(0, 1, 300, 400), Ok(400)),
            (biff8(0, u32::MAX, 0, 0xFFFF), Ok((u32::MAX as usize) * 0xFFFF)),
            (biff8(5, 3, 0, 1), Err(())),
            (vec![0; 7], Ok(0)),
        ];
        for (data, want) in cases {
            assert_eq!(dimensions(data).map_err(|_| ()), *want, "{data:?}");
        }
    }
}
