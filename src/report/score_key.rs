//! The key a score is stored under in the browser: cell + protocol + device + proxy. Pure, so
//! it is tested natively; `app::store` reads and writes localStorage with it.

use crate::compute::DeviceKind;
use crate::proxy::Protocol;

/// Version prefix: bump it when the meaning of a stored score changes.
pub const SCORE_KEY_PREFIX: &str = "zsnas.score.v1";

/// The parts of a score key.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreKey {
    /// NB201 arch string.
    pub arch: String,
    /// The protocol the score was computed under.
    pub protocol: Protocol,
    /// WebGPU or CPU.
    pub device: DeviceKind,
    /// Proxy name.
    pub proxy: String,
}

impl ScoreKey {
    /// The storage key: `PREFIX|arch|protocol JSON|device|proxy`.
    pub fn key(&self) -> String {
        format!("{SCORE_KEY_PREFIX}|{}|{}|{}|{}", self.arch, self.protocol.key(), self.device.name(), self.proxy)
    }

    /// Reads a storage key back; `None` for anything else. The arch string itself contains
    /// `|`, so the key is split from the right, and the protocol is the flat JSON object before
    /// the device.
    pub fn parse(key: &str) -> Option<ScoreKey> {
        let rest = key.strip_prefix(SCORE_KEY_PREFIX)?.strip_prefix('|')?;
        let (rest, proxy) = rest.rsplit_once('|')?;
        let (rest, device) = rest.rsplit_once('|')?;
        let (arch, protocol) = rest.rsplit_once("|{")?;
        let protocol: Protocol = serde_json::from_str(&format!("{{{protocol}")).ok()?;
        let device = match device {
            "gpu" => DeviceKind::Gpu,
            "cpu" => DeviceKind::Cpu,
            _ => return None,
        };
        Some(ScoreKey { arch: arch.to_string(), protocol, device, proxy: proxy.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_although_arch_strings_contain_bars() {
        let k = ScoreKey {
            arch: "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|".into(),
            protocol: Protocol { batch_size: 8, seed: 4, ..Protocol::default() },
            device: DeviceKind::Gpu,
            proxy: "nwot".into(),
        };
        assert_eq!(ScoreKey::parse(&k.key()), Some(k));
    }

    #[test]
    fn other_keys_are_not_scores() {
        for key in
            ["", "zsnas.score.v1", "zsnas.score.v1|x|{}|tpu|nwot", "other|a|{}|cpu|nwot", "zsnas.score.v1|a|{bad|cpu|p"]
        {
            assert_eq!(ScoreKey::parse(key), None, "{key}");
        }
    }
}
