//! A bounds check of a binary plist's object graph, run before the plist crate decodes it.
//!
//! A binary plist stores each object once and lets containers refer to it any number of times,
//! so a 2 KB file can describe an array tree with 2^60 leaves, and a reference chain can nest
//! deeper than any stack. Decoders that build a tree (the plist crate does) would spend
//! unbounded time, memory or stack on such a file. This walks the graph without decoding any
//! value, computing for every object how many values it expands to and how deep it nests,
//! and refuses the file when either exceeds a budget or an object refers back to itself.
//! Every read is bounds-checked and every allocation is bounded by the file's length.

/// Most values a plist may expand to; a real Info.plist has a few hundred.
pub(crate) const MAX_EXPANDED_OBJECTS: u64 = 200_000;
/// Deepest nesting accepted; a real Info.plist nests a handful of levels.
pub(crate) const MAX_DEPTH: u32 = 128;

/// Why a binary plist was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GuardError {
    /// The file's structure is inconsistent (offsets or sizes outside the file).
    Malformed(String),
    /// An object refers, directly or not, to itself.
    Cycle,
    /// The values it expands to exceed [`MAX_EXPANDED_OBJECTS`].
    TooManyObjects,
    /// Containers nest deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardError::Malformed(m) => write!(f, "malformed binary plist: {m}"),
            GuardError::Cycle => f.write_str(
                "malformed binary plist: a container refers to itself (cyclic object graph)",
            ),
            GuardError::TooManyObjects => write!(
                f,
                "the binary plist expands to more than {MAX_EXPANDED_OBJECTS} values (shared \
                 references); refused as a decompression bomb"
            ),
            GuardError::TooDeep => write!(
                f,
                "the binary plist nests containers deeper than {MAX_DEPTH} levels; refused"
            ),
        }
    }
}

struct Layout<'a> {
    bytes: &'a [u8],
    offset_size: usize,
    ref_size: usize,
    num_objects: usize,
    top: usize,
    table: usize,
}

fn read_uint(bytes: &[u8], at: usize, size: usize) -> Option<u64> {
    let slice = bytes.get(at..at.checked_add(size)?)?;
    if size > 8 {
        return None;
    }
    Some(slice.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

fn malformed(m: &str) -> GuardError {
    GuardError::Malformed(m.to_owned())
}

impl<'a> Layout<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Self, GuardError> {
        if bytes.len() < 8 + 32 {
            return Err(malformed("the file is shorter than a header and trailer"));
        }
        let t = bytes.len() - 32;
        let offset_size = usize::from(bytes[t + 6]);
        let ref_size = usize::from(bytes[t + 7]);
        let num = read_uint(bytes, t + 8, 8).unwrap_or(u64::MAX);
        let top = read_uint(bytes, t + 16, 8).unwrap_or(u64::MAX);
        let table = read_uint(bytes, t + 24, 8).unwrap_or(u64::MAX);
        if !(1..=8).contains(&offset_size) || !(1..=8).contains(&ref_size) {
            return Err(malformed("the trailer's integer sizes are out of range"));
        }
        let num_objects =
            usize::try_from(num).map_err(|_| malformed("object count out of range"))?;
        let table = usize::try_from(table).map_err(|_| malformed("offset table out of range"))?;
        // The offset table must fit between the header and the trailer; this also bounds
        // num_objects by the file's length before anything is sized from it.
        let table_len = num_objects
            .checked_mul(offset_size)
            .ok_or_else(|| malformed("object count out of range"))?;
        if table < 8 || table.checked_add(table_len).is_none_or(|end| end > t) {
            return Err(malformed("the offset table lies outside the file"));
        }
        let top = usize::try_from(top).map_err(|_| malformed("top object out of range"))?;
        if top >= num_objects {
            return Err(malformed("the top object is not in the offset table"));
        }
        Ok(Layout {
            bytes,
            offset_size,
            ref_size,
            num_objects,
            top,
            table,
        })
    }

    fn object_offset(&self, index: usize) -> Result<usize, GuardError> {
        let off = read_uint(
            self.bytes,
            self.table + index * self.offset_size,
            self.offset_size,
        )
        .ok_or_else(|| malformed("offset table truncated"))?;
        let off = usize::try_from(off).map_err(|_| malformed("object offset out of range"))?;
        if off < 8 || off >= self.table {
            return Err(malformed("an object offset points outside the object area"));
        }
        Ok(off)
    }

    /// The object references held by object `index` (empty for scalars).
    fn children(&self, index: usize) -> Result<Vec<usize>, GuardError> {
        let at = self.object_offset(index)?;
        let marker = self.bytes[at];
        let (kind, info) = (marker >> 4, marker & 0x0F);
        let per_entry = match kind {
            0xA..=0xC => 1,
            0xD => 2,
            _ => return Ok(Vec::new()),
        };
        let (count, start) = if info == 0x0F {
            let int_marker = *self
                .bytes
                .get(at + 1)
                .ok_or_else(|| malformed("container count truncated"))?;
            if int_marker >> 4 != 0x1 || int_marker & 0x0F > 3 {
                return Err(malformed("a container count is not an integer"));
            }
            let size = 1usize << (int_marker & 0x0F);
            let count = read_uint(self.bytes, at + 2, size)
                .ok_or_else(|| malformed("container count truncated"))?;
            (count, at + 2 + size)
        } else {
            (u64::from(info), at + 1)
        };
        let refs = usize::try_from(count)
            .ok()
            .and_then(|c| c.checked_mul(per_entry))
            .ok_or_else(|| malformed("container count out of range"))?;
        let end = refs
            .checked_mul(self.ref_size)
            .and_then(|len| start.checked_add(len))
            .ok_or_else(|| malformed("container count out of range"))?;
        if end > self.table {
            return Err(malformed(
                "a container's references run past the object area",
            ));
        }
        (0..refs)
            .map(|i| {
                let r = read_uint(self.bytes, start + i * self.ref_size, self.ref_size)
                    .ok_or_else(|| malformed("object reference truncated"))?;
                usize::try_from(r)
                    .ok()
                    .filter(|&r| r < self.num_objects)
                    .ok_or_else(|| malformed("an object reference points past the object table"))
            })
            .collect()
    }
}

#[derive(Clone, Copy)]
enum Visit {
    New,
    InProgress,
    Done { expanded: u64, depth: u32 },
}

/// Checks the object graph of a `bplist00` file. Iterative, so a deep chain cannot exhaust
/// the stack here either.
pub(crate) fn check(bytes: &[u8]) -> Result<(), GuardError> {
    let layout = Layout::parse(bytes)?;
    let mut state = vec![Visit::New; layout.num_objects];
    // Each frame: object, its children, index of the next child to visit.
    let mut stack: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    state[layout.top] = Visit::InProgress;
    stack.push((layout.top, layout.children(layout.top)?, 0));
    while let Some(frame) = stack.last_mut() {
        if let Some(&child) = frame.1.get(frame.2) {
            frame.2 += 1;
            match state[child] {
                Visit::InProgress => return Err(GuardError::Cycle),
                Visit::Done { .. } => {}
                Visit::New => {
                    if stack.len() >= MAX_DEPTH as usize {
                        return Err(GuardError::TooDeep);
                    }
                    state[child] = Visit::InProgress;
                    let children = layout.children(child)?;
                    stack.push((child, children, 0));
                }
            }
            continue;
        }
        let (index, children, _) = stack.pop().unwrap_or_default();
        let mut expanded = 1u64;
        let mut depth = 0u32;
        for c in &children {
            if let Visit::Done {
                expanded: e,
                depth: d,
            } = state[*c]
            {
                expanded = expanded.saturating_add(e);
                depth = depth.max(d);
            }
        }
        if expanded > MAX_EXPANDED_OBJECTS {
            return Err(GuardError::TooManyObjects);
        }
        let depth = depth + 1;
        if depth > MAX_DEPTH {
            return Err(GuardError::TooDeep);
        }
        state[index] = Visit::Done { expanded, depth };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bplist00 file from pre-encoded objects (1-byte refs, 4-byte offsets).
    pub(crate) fn bplist(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for o in objects {
            offsets.push(u32::try_from(out.len()).unwrap());
            out.extend_from_slice(o);
        }
        let table = out.len() as u64;
        for off in offsets {
            out.extend_from_slice(&off.to_be_bytes());
        }
        out.extend_from_slice(&[0; 6]);
        out.extend_from_slice(&[4, 1]);
        out.extend_from_slice(&(objects.len() as u64).to_be_bytes());
        out.extend_from_slice(&0u64.to_be_bytes());
        out.extend_from_slice(&table.to_be_bytes());
        out
    }

    fn shared_tree(levels: u8) -> Vec<u8> {
        let mut objects = vec![vec![0xD1, 1, 2], b"\x51k".to_vec()];
        for i in 0..levels {
            objects.push(vec![0xA2, 3 + i, 3 + i]);
        }
        objects.push(b"\x51x".to_vec());
        bplist(&objects)
    }

    #[test]
    fn real_plists_pass() {
        let mut dict = plist::Dictionary::new();
        dict.insert("NSCameraUsageDescription".into(), "x".into());
        dict.insert("A".into(), plist::Value::Array(vec![1.into(), 2.into()]));
        let mut bytes = Vec::new();
        plist::Value::Dictionary(dict)
            .to_writer_binary(&mut bytes)
            .unwrap();
        assert_eq!(check(&bytes), Ok(()));
        assert_eq!(check(&shared_tree(10)), Ok(()));
    }

    #[test]
    fn shared_reference_bombs_cycles_and_depth_are_refused() {
        assert_eq!(check(&shared_tree(60)), Err(GuardError::TooManyObjects));
        let cyclic = bplist(&[vec![0xD1, 1, 2], b"\x51k".to_vec(), vec![0xA1, 2]]);
        assert_eq!(check(&cyclic), Err(GuardError::Cycle));
        let mut chain = vec![vec![0xA1, 1]];
        for i in 1..200u8 {
            chain.push(vec![0xA1, i.saturating_add(1)]);
        }
        chain.push(b"\x51x".to_vec());
        assert_eq!(check(&bplist(&chain)), Err(GuardError::TooDeep));
    }

    #[test]
    fn truncation_never_panics() {
        let full = shared_tree(5);
        for len in 0..full.len() {
            let _ = check(&full[..len]);
        }
        let mut corrupt = full.clone();
        for i in 0..corrupt.len() {
            corrupt[i] ^= 0xFF;
            let _ = check(&corrupt);
            corrupt[i] ^= 0xFF;
        }
    }
}
