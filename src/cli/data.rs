//! Native loading of the bundled assets from a folder.

use std::path::{Path, PathBuf};

use crate::bench::{ArchTable, AssetName, Nb201Accuracy};

/// Where the assets are and the ones every command needs.
pub struct Assets {
    /// The folder.
    pub dir: PathBuf,
    /// NATS index ↔ cell code.
    pub archs: ArchTable,
    /// Benchmark accuracies.
    pub accuracy: Nb201Accuracy,
}

impl Assets {
    /// Opens `dir`, else `./assets`, else the source tree's `assets/`.
    pub fn open(dir: Option<&Path>) -> Result<Assets, String> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => [PathBuf::from("assets"), PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets"))]
                .into_iter()
                .find(|d| d.join(AssetName::Nb201Archs.file_name()).is_file())
                .ok_or("no assets folder found: pass --assets DIR")?,
        };
        let archs = ArchTable::from_bytes(&read(&dir, AssetName::Nb201Archs)?).map_err(|e| e.to_string())?;
        let accuracy = Nb201Accuracy::from_bytes(&read(&dir, AssetName::Nb201Accuracy)?).map_err(|e| e.to_string())?;
        Ok(Assets { dir, archs, accuracy })
    }

    /// The raw bytes of another asset.
    pub fn bytes(&self, name: AssetName) -> Result<Vec<u8>, String> {
        read(&self.dir, name)
    }
}

fn read(dir: &Path, name: AssetName) -> Result<Vec<u8>, String> {
    let path = dir.join(name.file_name());
    std::fs::read(&path).map_err(|e| format!("cannot read asset {}: {e}", path.display()))
}
