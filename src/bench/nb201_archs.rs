//! NATS index (0..15624, the benchmark's order) ↔ NB201 cell code.
//!
//! The code is `Σ op_id(e)·5^e` over the six edges in arch-string order, op ids none=0,
//! skip_connect=1, nor_conv_1x1=2, nor_conv_3x3=3, avg_pool_3x3=4 — the same number as
//! `space::nb201::Cell::code()`; `bench` keeps raw `u16` codes so it need not import `space`.

use super::bundle::{AssetError, Bundle};

/// Number of cells in the NB201 space (5⁶).
pub const NB201_CELLS: usize = 15_625;

/// The arch table: which cell each NATS index is.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchTable {
    codes: Vec<u16>,
    index_by_code: Vec<u16>,
}

impl ArchTable {
    /// Build from a decoded `nb201_archs` bundle (array `code`: u16 × 15,625).
    pub fn from_bundle(b: &Bundle) -> Result<ArchTable, AssetError> {
        b.check_shape("code", &[NB201_CELLS])?;
        ArchTable::from_codes(b.u16("code")?.to_vec()).map_err(|d| b.invalid(d))
    }

    /// Decode and build from the bytes of `nb201_archs.zsa`.
    pub fn from_bytes(bytes: &[u8]) -> Result<ArchTable, AssetError> {
        ArchTable::from_bundle(&Bundle::decode(bytes)?)
    }

    /// Build from codes in NATS-index order; the codes must be a permutation of 0..15625.
    pub fn from_codes(codes: Vec<u16>) -> Result<ArchTable, String> {
        if codes.len() != NB201_CELLS {
            return Err(format!("{} codes, expected {NB201_CELLS}", codes.len()));
        }
        let mut index_by_code = vec![u16::MAX; NB201_CELLS];
        for (i, &c) in codes.iter().enumerate() {
            let slot =
                index_by_code.get_mut(usize::from(c)).ok_or_else(|| format!("index {i}: code {c} out of range"))?;
            if *slot != u16::MAX {
                return Err(format!("indices {} and {i} share code {c}", *slot));
            }
            *slot = i as u16;
        }
        Ok(ArchTable { codes, index_by_code })
    }

    /// Number of architectures (15,625).
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Always false for a valid table.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Cell code of NATS index `index`.
    pub fn code_of(&self, index: usize) -> Option<u16> {
        self.codes.get(index).copied()
    }

    /// NATS index of cell code `code`.
    pub fn index_of(&self, code: u16) -> Option<usize> {
        self.index_by_code.get(usize::from(code)).filter(|&&i| i != u16::MAX).map(|&i| usize::from(i))
    }

    /// All codes, in NATS-index order.
    pub fn codes(&self) -> &[u16] {
        &self.codes
    }
}
