//! Who the devices behind the bundled latency tables are: a human name and a class for each
//! device key used by HW-NAS-Bench, BRP-NAS / Eagle (via HELP) and the per-op model.

/// Broad class of a device, for grouping in menus and tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceClass {
    /// Desktop or server GPU.
    Gpu,
    /// Embedded GPU (Jetson).
    EdgeGpu,
    /// Server or desktop CPU.
    Cpu,
    /// Mobile phone or single-board computer CPU.
    Mobile,
    /// Simulated accelerator (ASIC or FPGA) from HW-NAS-Bench's estimators.
    Accelerator,
}

impl DeviceClass {
    /// Label for people.
    pub fn label(self) -> &'static str {
        match self {
            DeviceClass::Gpu => "desktop/server GPU",
            DeviceClass::EdgeGpu => "edge GPU",
            DeviceClass::Cpu => "server CPU",
            DeviceClass::Mobile => "mobile / embedded CPU",
            DeviceClass::Accelerator => "accelerator (simulated)",
        }
    }
}

/// A device key (`1080ti`, `raspi4`, …) with its name and class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DeviceInfo {
    /// Key as the sources spell it, without any batch suffix.
    pub key: &'static str,
    /// Name for people.
    pub name: &'static str,
    /// Class.
    pub class: DeviceClass,
}

/// Every device any bundled table or model names.
pub const DEVICES: [DeviceInfo; 19] = [
    DeviceInfo { key: "edgegpu", name: "NVIDIA Jetson TX2", class: DeviceClass::EdgeGpu },
    DeviceInfo { key: "raspi4", name: "Raspberry Pi 4", class: DeviceClass::Mobile },
    DeviceInfo { key: "pixel3", name: "Google Pixel 3", class: DeviceClass::Mobile },
    DeviceInfo { key: "eyeriss", name: "Eyeriss ASIC", class: DeviceClass::Accelerator },
    DeviceInfo { key: "fpga", name: "FPGA (Xilinx ZC706)", class: DeviceClass::Accelerator },
    DeviceInfo { key: "1080ti", name: "NVIDIA GTX 1080 Ti", class: DeviceClass::Gpu },
    DeviceInfo { key: "2080ti", name: "NVIDIA RTX 2080 Ti", class: DeviceClass::Gpu },
    DeviceInfo { key: "titan_rtx", name: "NVIDIA Titan RTX", class: DeviceClass::Gpu },
    DeviceInfo { key: "titanx", name: "NVIDIA Titan X", class: DeviceClass::Gpu },
    DeviceInfo { key: "titanxp", name: "NVIDIA Titan Xp", class: DeviceClass::Gpu },
    DeviceInfo { key: "gold_6226", name: "Intel Xeon Gold 6226", class: DeviceClass::Cpu },
    DeviceInfo { key: "gold_6240", name: "Intel Xeon Gold 6240", class: DeviceClass::Cpu },
    DeviceInfo { key: "silver_4114", name: "Intel Xeon Silver 4114", class: DeviceClass::Cpu },
    DeviceInfo { key: "silver_4210r", name: "Intel Xeon Silver 4210R", class: DeviceClass::Cpu },
    DeviceInfo { key: "pixel2", name: "Google Pixel 2", class: DeviceClass::Mobile },
    DeviceInfo { key: "samsung_a50", name: "Samsung Galaxy A50", class: DeviceClass::Mobile },
    DeviceInfo { key: "samsung_s7", name: "Samsung Galaxy S7", class: DeviceClass::Mobile },
    DeviceInfo { key: "essential_ph", name: "Essential Phone PH-1", class: DeviceClass::Mobile },
    DeviceInfo { key: "edgetpu", name: "Google Edge TPU", class: DeviceClass::Accelerator },
];

/// The device called `key`; a batch suffix (`1080ti_32`, `essential_ph_1`) is ignored.
pub fn device_info(key: &str) -> Option<&'static DeviceInfo> {
    DEVICES.iter().find(|d| d.key == key).or_else(|| {
        let (base, batch) = key.rsplit_once('_')?;
        batch.parse::<u32>().ok()?;
        DEVICES.iter().find(|d| d.key == base)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixed_keys_resolve_to_their_device() {
        assert_eq!(device_info("1080ti_256").map(|d| d.name), Some("NVIDIA GTX 1080 Ti"));
        assert_eq!(device_info("essential_ph_1").map(|d| d.key), Some("essential_ph"));
        assert_eq!(device_info("silver_4114").map(|d| d.key), Some("silver_4114"));
        assert_eq!(device_info("gold_6240").map(|d| d.class), Some(DeviceClass::Cpu));
        assert!(device_info("unknown_1").is_none());
        assert!(device_info("").is_none());
    }
}
