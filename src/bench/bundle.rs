//! The bundled-asset container: named, typed, shaped arrays plus text metadata, compressed.
//!
//! Format (version 1), all integers little-endian:
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"ZSNASSET"
//! 8       4     version u32 (= 1)
//! 12      8     payload length in bytes (uncompressed) u64
//! 20      4     CRC-32 (IEEE, as gzip) of the uncompressed payload u32
//! 24      ..    raw DEFLATE stream (level 9) of the payload
//!
//! payload = u32 header length H, H bytes of UTF-8 JSON header, then the data blob.
//! header  = {"meta": {string: string}, "arrays": [{"name", "dtype", "shape", "offset", "bytes"}]}
//! ```
//!
//! `dtype` is one of `u8 u16 i16 u32 f32 f64`; `offset` is relative to the data blob; arrays are
//! C order. Multi-byte arrays are stored *byte-planar* (all lowest bytes of the elements, then all
//! second bytes, …: the "shuffle" filter of Blosc/HDF5), which makes DEFLATE far more effective
//! on floats. Encoding is deterministic (no timestamps, sorted metadata), so rebuilding the assets
//! from the same raw data gives identical bytes. Decoding never panics: every length, offset and
//! shape product is checked, and the checksum catches corruption of the compressed stream.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

/// The 8 bytes every asset file starts with.
pub const MAGIC: [u8; 8] = *b"ZSNASSET";
/// The container version this build writes and reads.
pub const VERSION: u32 = 1;
/// Fixed DEFLATE level: part of what makes output byte-identical across builds.
const LEVEL: u32 = 9;
/// Size of the fixed prefix before the DEFLATE stream.
const PREFIX_LEN: usize = 24;
/// Refuse payloads claiming more than this (guards the decoder's allocation).
const MAX_PAYLOAD: u64 = 1 << 30;

/// Why an asset could not be decoded or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssetError {
    /// The file does not start with [`MAGIC`].
    #[error("corrupt: bad magic (not a zsnas asset file)")]
    BadMagic,
    /// Written by a different format version.
    #[error("unsupported version {found} (this build reads version {VERSION})")]
    UnsupportedVersion {
        /// The version in the file.
        found: u32,
    },
    /// The file or its compressed stream ends early.
    #[error("truncated: {0}")]
    Truncated(String),
    /// The decompressed payload does not match the stored CRC-32.
    #[error("checksum mismatch: the asset file is corrupt")]
    Checksum,
    /// Structurally invalid container (bad header, bad offsets, bad compressed stream).
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// A view asked for an array the bundle lacks.
    #[error("asset {asset}: missing array '{array}'")]
    MissingArray {
        /// Asset name (metadata key `asset`).
        asset: String,
        /// Array name asked for.
        array: String,
    },
    /// A view asked for a metadata key the bundle lacks.
    #[error("asset {asset}: missing metadata '{key}'")]
    MissingMeta {
        /// Asset name.
        asset: String,
        /// Metadata key asked for.
        key: String,
    },
    /// An array has another element type than the view expects.
    #[error("asset {asset}: array '{array}' has dtype {found}, expected {expected}")]
    WrongDtype {
        /// Asset name.
        asset: String,
        /// Array name.
        array: String,
        /// Dtype in the file.
        found: Dtype,
        /// Dtype the view wants.
        expected: Dtype,
    },
    /// Shape and element count disagree, or a shape is not what a view expects.
    #[error("asset {asset}: shape/length mismatch for '{array}': {detail}")]
    Shape {
        /// Asset name.
        asset: String,
        /// Array name.
        array: String,
        /// What was expected and found.
        detail: String,
    },
    /// Decoded fine but the content breaks an invariant of the view.
    #[error("asset {asset}: {detail}")]
    Invalid {
        /// Asset name.
        asset: String,
        /// What is wrong.
        detail: String,
    },
}

/// Element type of an [`Array`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dtype {
    /// Unsigned byte.
    U8,
    /// Unsigned 16-bit.
    U16,
    /// Signed 16-bit.
    I16,
    /// Unsigned 32-bit.
    U32,
    /// IEEE single.
    F32,
    /// IEEE double.
    F64,
}

impl Dtype {
    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            Dtype::U8 => 1,
            Dtype::U16 | Dtype::I16 => 2,
            Dtype::U32 | Dtype::F32 => 4,
            Dtype::F64 => 8,
        }
    }

    /// Name used in the header.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::U8 => "u8",
            Dtype::U16 => "u16",
            Dtype::I16 => "i16",
            Dtype::U32 => "u32",
            Dtype::F32 => "f32",
            Dtype::F64 => "f64",
        }
    }
}

impl std::fmt::Display for Dtype {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The elements of an array, flat, C order.
#[derive(Debug, Clone, PartialEq)]
pub enum ArrayData {
    /// `u8` elements.
    U8(Vec<u8>),
    /// `u16` elements.
    U16(Vec<u16>),
    /// `i16` elements.
    I16(Vec<i16>),
    /// `u32` elements.
    U32(Vec<u32>),
    /// `f32` elements.
    F32(Vec<f32>),
    /// `f64` elements.
    F64(Vec<f64>),
}

impl ArrayData {
    /// Element type.
    pub fn dtype(&self) -> Dtype {
        match self {
            ArrayData::U8(_) => Dtype::U8,
            ArrayData::U16(_) => Dtype::U16,
            ArrayData::I16(_) => Dtype::I16,
            ArrayData::U32(_) => Dtype::U32,
            ArrayData::F32(_) => Dtype::F32,
            ArrayData::F64(_) => Dtype::F64,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            ArrayData::U8(v) => v.len(),
            ArrayData::U16(v) => v.len(),
            ArrayData::I16(v) => v.len(),
            ArrayData::U32(v) => v.len(),
            ArrayData::F32(v) => v.len(),
            ArrayData::F64(v) => v.len(),
        }
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Little-endian bytes, byte-planar for multi-byte types (see the module docs).
    fn to_planar_bytes(&self) -> Vec<u8> {
        fn planar<const N: usize>(elems: impl ExactSizeIterator<Item = [u8; N]>) -> Vec<u8> {
            let n = elems.len();
            let mut out = vec![0u8; n * N];
            for (i, bytes) in elems.enumerate() {
                for (b, byte) in bytes.into_iter().enumerate() {
                    out[b * n + i] = byte;
                }
            }
            out
        }
        match self {
            ArrayData::U8(v) => v.clone(),
            ArrayData::U16(v) => planar(v.iter().map(|x| x.to_le_bytes())),
            ArrayData::I16(v) => planar(v.iter().map(|x| x.to_le_bytes())),
            ArrayData::U32(v) => planar(v.iter().map(|x| x.to_le_bytes())),
            ArrayData::F32(v) => planar(v.iter().map(|x| x.to_le_bytes())),
            ArrayData::F64(v) => planar(v.iter().map(|x| x.to_le_bytes())),
        }
    }

    /// Inverse of [`ArrayData::to_planar_bytes`]; `bytes.len()` must be `n * dtype.size()`.
    fn from_planar_bytes(dtype: Dtype, bytes: &[u8], n: usize) -> ArrayData {
        fn unplanar<const N: usize, T>(bytes: &[u8], n: usize, f: fn([u8; N]) -> T) -> Vec<T> {
            (0..n)
                .map(|i| {
                    let mut e = [0u8; N];
                    for (b, byte) in e.iter_mut().enumerate() {
                        *byte = bytes.get(b * n + i).copied().unwrap_or(0);
                    }
                    f(e)
                })
                .collect()
        }
        match dtype {
            Dtype::U8 => ArrayData::U8(bytes.to_vec()),
            Dtype::U16 => ArrayData::U16(unplanar(bytes, n, u16::from_le_bytes)),
            Dtype::I16 => ArrayData::I16(unplanar(bytes, n, i16::from_le_bytes)),
            Dtype::U32 => ArrayData::U32(unplanar(bytes, n, u32::from_le_bytes)),
            Dtype::F32 => ArrayData::F32(unplanar(bytes, n, f32::from_le_bytes)),
            Dtype::F64 => ArrayData::F64(unplanar(bytes, n, f64::from_le_bytes)),
        }
    }
}

/// One named, shaped array.
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    /// Name, unique within its bundle.
    pub name: String,
    /// Dimensions, C order; the product equals the element count.
    pub shape: Vec<usize>,
    /// Elements.
    pub data: ArrayData,
}

impl Array {
    /// An array; `None` when the shape's product differs from the element count.
    pub fn new(name: impl Into<String>, shape: Vec<usize>, data: ArrayData) -> Option<Array> {
        let n = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d))?;
        (n == data.len()).then(|| Array { name: name.into(), shape, data })
    }

    /// A one-dimensional array.
    pub fn vector(name: impl Into<String>, data: ArrayData) -> Array {
        Array { name: name.into(), shape: vec![data.len()], data }
    }
}

/// A decoded asset file: metadata and arrays.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bundle {
    /// Text metadata (labels, units, source); key `asset` holds the asset's name.
    pub meta: BTreeMap<String, String>,
    /// Arrays in file order.
    pub arrays: Vec<Array>,
}

#[derive(Serialize, Deserialize)]
struct Header {
    meta: BTreeMap<String, String>,
    arrays: Vec<ArrayHeader>,
}

#[derive(Serialize, Deserialize)]
struct ArrayHeader {
    name: String,
    dtype: Dtype,
    shape: Vec<usize>,
    offset: u64,
    bytes: u64,
}

impl Bundle {
    /// An empty bundle named `asset` (stored as metadata key `asset`, used in error messages).
    pub fn new(asset: &str) -> Bundle {
        let mut meta = BTreeMap::new();
        meta.insert("asset".to_string(), asset.to_string());
        Bundle { meta, arrays: Vec::new() }
    }

    /// The asset's name, or `"?"` when the metadata lacks it.
    pub fn name(&self) -> &str {
        self.meta.get("asset").map_or("?", String::as_str)
    }

    /// Set a metadata entry.
    pub fn set_meta(&mut self, key: &str, value: impl Into<String>) {
        self.meta.insert(key.to_string(), value.into());
    }

    /// Append an array (replacing one of the same name).
    pub fn push(&mut self, array: Array) {
        self.arrays.retain(|a| a.name != array.name);
        self.arrays.push(array);
    }

    /// Serialise and compress. Deterministic: same bundle, same bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut blob = Vec::new();
        let mut headers = Vec::with_capacity(self.arrays.len());
        for a in &self.arrays {
            // Align each array to 8 bytes within the blob (zero padding).
            while blob.len() % 8 != 0 {
                blob.push(0);
            }
            let bytes = a.data.to_planar_bytes();
            headers.push(ArrayHeader {
                name: a.name.clone(),
                dtype: a.data.dtype(),
                shape: a.shape.clone(),
                offset: blob.len() as u64,
                bytes: bytes.len() as u64,
            });
            blob.extend_from_slice(&bytes);
        }
        let header = Header { meta: self.meta.clone(), arrays: headers };
        // Serialising plain strings/ints to JSON cannot fail.
        let header_json = serde_json::to_vec(&header).unwrap_or_default();
        let mut payload = Vec::with_capacity(4 + header_json.len() + blob.len());
        payload.extend_from_slice(&(header_json.len() as u32).to_le_bytes());
        payload.extend_from_slice(&header_json);
        payload.extend_from_slice(&blob);

        let mut crc = flate2::Crc::new();
        crc.update(&payload);
        let mut out = Vec::new();
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc.sum().to_le_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::new(LEVEL));
        // Writing into a Vec cannot fail.
        let _ = enc.write_all(&payload);
        enc.finish().unwrap_or_default()
    }

    /// Decompress, verify and parse an asset file. Never panics, whatever the bytes.
    pub fn decode(bytes: &[u8]) -> Result<Bundle, AssetError> {
        if bytes.len() < MAGIC.len() {
            return if MAGIC.starts_with(bytes) {
                Err(AssetError::Truncated("file shorter than its magic".into()))
            } else {
                Err(AssetError::BadMagic)
            };
        }
        if bytes[..8] != MAGIC {
            return Err(AssetError::BadMagic);
        }
        let prefix = bytes
            .get(..PREFIX_LEN)
            .ok_or_else(|| AssetError::Truncated("file shorter than its fixed prefix".into()))?;
        let version = u32::from_le_bytes([prefix[8], prefix[9], prefix[10], prefix[11]]);
        if version != VERSION {
            return Err(AssetError::UnsupportedVersion { found: version });
        }
        let mut len8 = [0u8; 8];
        len8.copy_from_slice(&prefix[12..20]);
        let payload_len = u64::from_le_bytes(len8);
        let crc_stored = u32::from_le_bytes([prefix[20], prefix[21], prefix[22], prefix[23]]);
        if payload_len > MAX_PAYLOAD {
            return Err(AssetError::Corrupt(format!("payload length {payload_len} is implausible")));
        }

        let mut payload = Vec::new();
        let dec = flate2::read::DeflateDecoder::new(&bytes[PREFIX_LEN..]);
        match dec.take(payload_len + 1).read_to_end(&mut payload) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(AssetError::Truncated(format!("compressed stream: {e}")));
            }
            Err(e) => return Err(AssetError::Corrupt(format!("compressed stream: {e}"))),
        }
        if (payload.len() as u64) < payload_len {
            return Err(AssetError::Truncated(format!("payload has {} of {payload_len} bytes", payload.len())));
        }
        if payload.len() as u64 > payload_len {
            return Err(AssetError::Corrupt("payload longer than recorded".into()));
        }
        let mut crc = flate2::Crc::new();
        crc.update(&payload);
        if crc.sum() != crc_stored {
            return Err(AssetError::Checksum);
        }
        Self::parse_payload(&payload)
    }

    fn parse_payload(payload: &[u8]) -> Result<Bundle, AssetError> {
        let corrupt = |s: String| AssetError::Corrupt(s);
        let hlen = payload
            .get(..4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(|| corrupt("payload shorter than header length".into()))?;
        let header_bytes = payload
            .get(4..4usize.saturating_add(hlen))
            .ok_or_else(|| corrupt("header runs past the payload".into()))?;
        let blob = payload.get(4 + hlen..).unwrap_or(&[]);
        let header: Header =
            serde_json::from_slice(header_bytes).map_err(|e| corrupt(format!("header is not valid: {e}")))?;
        let asset = header.meta.get("asset").cloned().unwrap_or_else(|| "?".into());
        let mut arrays = Vec::with_capacity(header.arrays.len().min(1024));
        for h in header.arrays {
            let shape_err = |detail: String| AssetError::Shape { asset: asset.clone(), array: h.name.clone(), detail };
            let n = h
                .shape
                .iter()
                .try_fold(1usize, |a, &d| a.checked_mul(d))
                .ok_or_else(|| shape_err(format!("shape {:?} overflows", h.shape)))?;
            let want =
                n.checked_mul(h.dtype.size()).ok_or_else(|| shape_err(format!("shape {:?} overflows", h.shape)))?;
            if h.bytes != want as u64 {
                return Err(shape_err(format!(
                    "shape {:?} of {} needs {want} bytes, header says {}",
                    h.shape, h.dtype, h.bytes
                )));
            }
            let start =
                usize::try_from(h.offset).map_err(|_| corrupt(format!("array '{}' offset overflows", h.name)))?;
            let data = start
                .checked_add(want)
                .and_then(|end| blob.get(start..end))
                .ok_or_else(|| corrupt(format!("array '{}' runs past the payload", h.name)))?;
            if arrays.iter().any(|a: &Array| a.name == h.name) {
                return Err(corrupt(format!("array '{}' appears twice", h.name)));
            }
            arrays.push(Array { data: ArrayData::from_planar_bytes(h.dtype, data, n), name: h.name, shape: h.shape });
        }
        Ok(Bundle { meta: header.meta, arrays })
    }

    /// The array called `name`.
    pub fn array(&self, name: &str) -> Result<&Array, AssetError> {
        self.arrays
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| AssetError::MissingArray { asset: self.name().to_string(), array: name.to_string() })
    }

    /// Metadata value for `key`.
    pub fn meta_str(&self, key: &str) -> Result<&str, AssetError> {
        self.meta
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| AssetError::MissingMeta { asset: self.name().to_string(), key: key.to_string() })
    }

    /// Metadata value for `key` read as a comma-separated list (empty string = empty list).
    pub fn meta_list(&self, key: &str) -> Result<Vec<&str>, AssetError> {
        let s = self.meta_str(key)?;
        Ok(if s.is_empty() { Vec::new() } else { s.split(',').collect() })
    }

    fn wrong_dtype(&self, a: &Array, expected: Dtype) -> AssetError {
        AssetError::WrongDtype {
            asset: self.name().to_string(),
            array: a.name.clone(),
            found: a.data.dtype(),
            expected,
        }
    }

    /// Check that array `name` has exactly `shape`.
    pub fn check_shape(&self, name: &str, shape: &[usize]) -> Result<&Array, AssetError> {
        let a = self.array(name)?;
        if a.shape != shape {
            return Err(AssetError::Shape {
                asset: self.name().to_string(),
                array: name.to_string(),
                detail: format!("expected shape {shape:?}, found {:?}", a.shape),
            });
        }
        Ok(a)
    }

    /// A view error about this bundle.
    pub fn invalid(&self, detail: impl Into<String>) -> AssetError {
        AssetError::Invalid { asset: self.name().to_string(), detail: detail.into() }
    }

    /// Float array `name` as `f64` (accepts `f32` or `f64`). An `f32` is widened through its
    /// shortest decimal form, so a value the builder stored as f32 because it had few digits
    /// comes back as exactly the source's decimal (0.379496, not 0.3794960081577301).
    pub fn floats_f64(&self, name: &str) -> Result<Vec<f64>, AssetError> {
        let a = self.array(name)?;
        match &a.data {
            ArrayData::F32(v) => Ok(v.iter().map(|&x| f32_to_f64_decimal(x)).collect()),
            ArrayData::F64(v) => Ok(v.clone()),
            _ => Err(self.wrong_dtype(a, Dtype::F64)),
        }
    }
}

/// `x` as the f64 nearest to its shortest decimal representation (non-finite values as they are).
pub fn f32_to_f64_decimal(x: f32) -> f64 {
    if !x.is_finite() {
        return f64::from(x);
    }
    format!("{x}").parse::<f64>().unwrap_or(f64::from(x))
}

macro_rules! typed_getter {
    ($fn:ident, $variant:ident, $t:ty) => {
        impl Bundle {
            #[doc = concat!("Elements of array `name`, which must have dtype `", stringify!($t), "`.")]
            pub fn $fn(&self, name: &str) -> Result<&[$t], AssetError> {
                let a = self.array(name)?;
                match &a.data {
                    ArrayData::$variant(v) => Ok(v),
                    _ => Err(self.wrong_dtype(a, Dtype::$variant)),
                }
            }
        }
    };
}
typed_getter!(u8, U8, u8);
typed_getter!(u16, U16, u16);
typed_getter!(i16, I16, i16);
typed_getter!(u32, U32, u32);
typed_getter!(f32, F32, f32);
typed_getter!(f64, F64, f64);

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        let mut b = Bundle::new("test_asset");
        b.set_meta("units", "ms");
        b.push(Array::vector("a", ArrayData::U8(vec![1, 2, 3])));
        b.push(Array::vector("b", ArrayData::U16(vec![0, 65535, 7])));
        b.push(Array::vector("c", ArrayData::I16(vec![-3, 0, 32767])));
        b.push(Array::vector("d", ArrayData::U32(vec![u32::MAX, 1])));
        b.push(Array::new("e", vec![2, 2], ArrayData::F32(vec![1.5, f32::NAN, f32::NEG_INFINITY, -0.0])).unwrap());
        b.push(Array::vector("f", ArrayData::F64(vec![1e300, 0.1, 4e47])));
        b.push(Array::new("empty", vec![0, 3], ArrayData::F64(vec![])).unwrap());
        b
    }

    #[test]
    fn round_trip() {
        let b = sample();
        let bytes = b.encode();
        let d = Bundle::decode(&bytes).unwrap();
        assert_eq!(d.meta, b.meta);
        assert_eq!(d.u8("a").unwrap(), &[1, 2, 3]);
        assert_eq!(d.u16("b").unwrap(), &[0, 65535, 7]);
        assert_eq!(d.i16("c").unwrap(), &[-3, 0, 32767]);
        assert_eq!(d.u32("d").unwrap(), &[u32::MAX, 1]);
        let e = d.f32("e").unwrap();
        assert_eq!(e[0], 1.5);
        assert!(e[1].is_nan());
        assert_eq!(e[2], f32::NEG_INFINITY);
        assert!(e[3] == 0.0 && e[3].is_sign_negative());
        assert_eq!(d.f64("f").unwrap(), &[1e300, 0.1, 4e47]);
        assert_eq!(d.array("e").unwrap().shape, vec![2, 2]);
        assert_eq!(d.array("empty").unwrap().shape, vec![0, 3]);
        assert_eq!(d.encode(), bytes, "re-encoding is byte-identical");
    }

    #[test]
    fn typed_errors() {
        let d = Bundle::decode(&sample().encode()).unwrap();
        let e = d.f32("cifar10").unwrap_err();
        assert_eq!(e.to_string(), "asset test_asset: missing array 'cifar10'");
        assert!(matches!(d.f64("e"), Err(AssetError::WrongDtype { .. })));
        assert!(matches!(d.check_shape("e", &[4]), Err(AssetError::Shape { .. })));
        assert_eq!(d.floats_f64("e").unwrap()[0], 1.5);
        assert!(matches!(d.meta_str("nope"), Err(AssetError::MissingMeta { .. })));
        assert!(Array::new("x", vec![2, 2], ArrayData::U8(vec![1])).is_none());
    }

    #[test]
    fn corrupt_inputs_are_errors_not_panics() {
        let bytes = sample().encode();
        assert_eq!(Bundle::decode(b"").unwrap_err(), AssetError::Truncated("file shorter than its magic".into()));
        assert_eq!(Bundle::decode(b"PK\x03\x04garbage").unwrap_err(), AssetError::BadMagic);
        let mut v = bytes.clone();
        v[8] = 2;
        assert_eq!(Bundle::decode(&v).unwrap_err(), AssetError::UnsupportedVersion { found: 2 });
        // Every truncation is an error.
        for n in 0..bytes.len() {
            let r = Bundle::decode(&bytes[..n]);
            assert!(r.is_err(), "prefix of {n} bytes decoded");
        }
        assert!(matches!(
            Bundle::decode(&bytes[..bytes.len() - 3]),
            Err(AssetError::Truncated(_) | AssetError::Corrupt(_))
        ));
        // Flip each bit of the stored CRC: checksum error.
        let mut v = bytes.clone();
        v[20] ^= 1;
        assert_eq!(Bundle::decode(&v).unwrap_err(), AssetError::Checksum);
        // Garble every byte position in turn, and some pseudo-random bytes: never a panic.
        for i in 0..bytes.len() {
            for x in [0x01u8, 0x80, 0xff] {
                let mut v = bytes.clone();
                v[i] ^= x;
                let _ = Bundle::decode(&v);
            }
        }
        let mut s = 0x2545_f491_u32;
        for len in 0..200 {
            let mut v = MAGIC.to_vec();
            v.extend_from_slice(&VERSION.to_le_bytes());
            for _ in 0..len {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                v.push(s as u8);
            }
            let _ = Bundle::decode(&v);
        }
    }

    #[test]
    fn valid_checksum_bad_header_is_corrupt() {
        // A well-formed container around a payload whose header lies about offsets.
        let header = br#"{"meta":{"asset":"x"},"arrays":[{"name":"a","dtype":"f64","shape":[1000000],"offset":0,"bytes":8000000}]}"#;
        let mut payload = (header.len() as u32).to_le_bytes().to_vec();
        payload.extend_from_slice(header);
        let mut crc = flate2::Crc::new();
        crc.update(&payload);
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc.sum().to_le_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::new(9));
        enc.write_all(&payload).unwrap();
        let bytes = enc.finish().unwrap();
        assert!(matches!(Bundle::decode(&bytes), Err(AssetError::Corrupt(_))));
    }
}
