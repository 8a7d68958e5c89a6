//! The FBNet space of HW-NAS-Bench and its 8 lookup-table metrics, checked against the bundled
//! assets: the benchmark's own test vectors (bit for bit) and HELP's 5,000 sampled
//! architectures (to the CSV's 6 significant digits). Reads only `assets/`, never the raw data.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use zsnas::bench::{AssetName, FBNET_LUT_METRICS, FbnetLut, FbnetSampled, HwTestVectors, LatencySource};
use zsnas::hw::fbnet::{
    FbnetCostError, FbnetMetric, fbnet_average_hw_metric, fbnet_breakdown, fbnet_metric, fbnet_metrics,
};
use zsnas::rng::Rng;
use zsnas::space::fbnet::{Block, FBNET_LAYERS, FbnetArch, FbnetInput, FbnetPart, ParseError};

fn asset(name: AssetName) -> Vec<u8> {
    common::read_asset(&name.file_name())
}

fn lut() -> FbnetLut {
    FbnetLut::from_bytes(&asset(AssetName::FbnetLut)).unwrap()
}

fn arch_of(ids: &[u8]) -> FbnetArch {
    let ids: [u8; FBNET_LAYERS] = ids.try_into().unwrap();
    FbnetArch::from_ids(&ids).unwrap()
}

#[test]
fn lut_asset_shape() {
    let l = lut();
    assert_eq!(l.metrics, FBNET_LUT_METRICS);
    assert_eq!(l.keys.len(), 225);
    assert_eq!(l.architecture_length, FBNET_LAYERS);
    assert_eq!(
        l.get("edgegpu_latency", "ConvBlock_H112_W112_Cin16_Cout16_exp1_kernel3_stride1_group1"),
        Some(0.7372536659240723)
    );
    assert_eq!(l.get("raspi4_latency", "Skip_H32_W32_Cin16_Cout16_stride1"), Some(0.01387150801019743));
    // Edge TPU is absent for FBNet: its layer fusion breaks additivity, so there is no table.
    assert_eq!(l.metric_index("edgetpu_latency"), None);
    assert_eq!(l.get("edgegpu_latency", "no_such_op"), None);
}

/// Every FBNet test vector of HW-NAS-Bench, every metric both sides have: bit-identical
/// (tolerance 0). The vectors' only other metric, `average_hw_metric`, is the product of the 8.
#[test]
fn test_vectors_reproduce_exactly() {
    let l = lut();
    let v = HwTestVectors::from_bytes(&asset(AssetName::HwnasbenchTestVectors)).unwrap();
    assert_eq!(v.fbnet.len(), 6);
    let mut checked = 0;
    for t in &v.fbnet {
        let input = FbnetInput::from_name(&t.dataset).unwrap();
        let arch = arch_of(&t.arch);
        for (name, want) in &t.metrics {
            let got = match FbnetMetric::from_name(name) {
                Some(m) => fbnet_metric(&l, &arch, input, m).unwrap(),
                None if name == "average_hw_metric" => fbnet_average_hw_metric(&l, &arch, input).unwrap(),
                None => panic!("unexpected metric {name}"),
            };
            assert_eq!(got.to_bits(), want.to_bits(), "{} {arch} {name}: {got} vs {want}", t.dataset);
            checked += 1;
        }
        assert!(!t.metrics.iter().any(|(m, _)| m.starts_with("edgetpu")));
    }
    assert_eq!(checked, 6 * 9);
}

/// All 5,000 sampled architectures × the 4 HW-NAS-Bench devices. The CSV keeps 6 significant
/// digits, so the exact LUT sum (CIFAR-100 input) is rounded to 6 significant digits and must
/// then equal the CSV's decimal exactly; the unrounded sums differ by at most half a unit in
/// the 6th digit (relative ≤ 5e-6).
#[test]
fn sampled_archs_reproduce_at_csv_precision() {
    let l = lut();
    let s = FbnetSampled::from_bytes(&asset(AssetName::FbnetSampledLatency)).unwrap();
    assert_eq!((s.len(), s.arch_len, s.columns.len()), (5000, FBNET_LAYERS, 27));
    let pairs = [
        ("raspi4", FbnetMetric::Raspi4Latency),
        ("pixel3", FbnetMetric::Pixel3Latency),
        ("eyeriss", FbnetMetric::EyerissLatency),
        ("fpga", FbnetMetric::FpgaLatency),
    ];
    let mut matched = 0;
    for (col, metric) in pairs {
        let c = s.column(col).unwrap();
        assert_eq!((c.source, c.batch_size), (LatencySource::HwNasBench, Some(1)));
        let mut max_rel: f64 = 0.0;
        for i in 0..s.len() {
            let arch = arch_of(s.arch(i).unwrap());
            let sum = fbnet_metric(&l, &arch, FbnetInput::Cifar100, metric).unwrap();
            let csv = s.latency_ms(col, i).unwrap();
            let rounded: f64 = format!("{sum:.5e}").parse().unwrap();
            assert_eq!(rounded, csv, "row {i} ({arch}) {col}: sum {sum}, CSV {csv}");
            max_rel = max_rel.max(((sum - csv) / csv).abs());
            matched += 1;
        }
        assert!(max_rel <= 5e-6, "{col}: max relative difference {max_rel}");
        eprintln!("{col}: 5000/5000 equal at 6 significant digits; max relative difference unrounded {max_rel:.3e}");
    }
    assert_eq!(matched, 20_000);
}

#[test]
fn sampled_asset_columns() {
    let s = FbnetSampled::from_bytes(&asset(AssetName::FbnetSampledLatency)).unwrap();
    assert_eq!(s.arch(0).unwrap(), [7, 8, 1, 8, 4, 8, 8, 8, 7, 4, 1, 4, 7, 3, 2, 7, 3, 2, 4, 2, 4, 5]);
    assert_eq!(s.arch(5000), None);
    assert_eq!(s.latency_ms("1080ti_1", 0), Some(10.6153));
    assert_eq!(s.latency_ms("titanxp_64", 1), Some(15.1716));
    let t = s.column("titan_rtx_32").unwrap();
    assert_eq!((t.device.as_str(), t.batch_size, t.source), ("titan_rtx", Some(32), LatencySource::Help));
    assert!(s.column("edgetpu").is_none());
}

/// Row 0 of the sampled CSV, Eyeriss latency on CIFAR-100: the 26 table entries written out
/// and added by hand, in network order. The CSV says 5.22998.
#[test]
fn one_sum_by_hand() {
    let l = lut();
    let arch = FbnetArch::parse("7 8 1 8 4 8 8 8 7 4 1 4 7 3 2 7 3 2 4 2 4 5").unwrap();
    let expected = [
        ("ConvNorm_H32_W32_Cin3_Cout16_kernel3_stride1_group1", 0.018432),
        ("ConvBlock_H32_W32_Cin16_Cout16_exp6_kernel5_stride1_group1", 0.37683200000000006),
        ("Skip_H32_W32_Cin16_Cout24_stride1", 0.016384000000000003),
        ("ConvBlock_H32_W32_Cin24_Cout24_exp1_kernel3_stride1_group2", 0.073728),
        ("Skip_H32_W32_Cin24_Cout24_stride1", 0.0),
        ("ConvBlock_H32_W32_Cin24_Cout24_exp1_kernel5_stride1_group1", 0.09830400000000002),
        ("Skip_H32_W32_Cin24_Cout32_stride2", 0.008192000000000001),
        ("Skip_H16_W16_Cin32_Cout32_stride1", 0.0),
        ("Skip_H16_W16_Cin32_Cout32_stride1", 0.0),
        ("ConvBlock_H16_W16_Cin32_Cout32_exp6_kernel5_stride1_group1", 0.25395200000000007),
        ("ConvBlock_H16_W16_Cin32_Cout64_exp1_kernel5_stride2_group1", 0.030720000000000004),
        ("ConvBlock_H8_W8_Cin64_Cout64_exp1_kernel3_stride1_group2", 0.022528000000000003),
        ("ConvBlock_H8_W8_Cin64_Cout64_exp1_kernel5_stride1_group1", 0.043008000000000005),
        ("ConvBlock_H8_W8_Cin64_Cout64_exp6_kernel5_stride1_group1", 0.19251200000000004),
        ("ConvBlock_H8_W8_Cin64_Cout112_exp6_kernel3_stride1_group1", 0.16793600000000003),
        ("ConvBlock_H8_W8_Cin112_Cout112_exp3_kernel3_stride1_group1", 0.146944),
        ("ConvBlock_H8_W8_Cin112_Cout112_exp6_kernel5_stride1_group1", 0.33689600000000003),
        ("ConvBlock_H8_W8_Cin112_Cout112_exp6_kernel3_stride1_group1", 0.293888),
        ("ConvBlock_H8_W8_Cin112_Cout184_exp3_kernel3_stride2_group1", 0.114688),
        ("ConvBlock_H4_W4_Cin184_Cout184_exp1_kernel5_stride1_group1", 0.082432),
        ("ConvBlock_H4_W4_Cin184_Cout184_exp3_kernel3_stride1_group1", 0.16192),
        ("ConvBlock_H4_W4_Cin184_Cout184_exp1_kernel5_stride1_group1", 0.082432),
        ("ConvBlock_H4_W4_Cin184_Cout352_exp1_kernel5_stride1_group2", 0.0552),
        ("ConvNorm_H4_W4_Cin352_Cout1504_kernel1_stride1_group1", 0.385024),
        ("AvgP_H4_W4_Cin1504_Cout1504_kernel4_stride1", 2.262016),
        ("FC_Cin1504_Cout100", 0.006016),
    ];
    let parts = fbnet_breakdown(&l, &arch, FbnetInput::Cifar100, FbnetMetric::EyerissLatency).unwrap();
    assert_eq!(parts.len(), expected.len());
    for (p, (key, value)) in parts.iter().zip(expected) {
        assert_eq!((p.op.key.as_str(), p.value), (key, value));
    }
    assert_eq!(parts[0].op.part, FbnetPart::Stem);
    assert_eq!(parts[1].op.part, FbnetPart::Layer { index: 0, block: Block::K5E6 });
    assert_eq!(parts[2].op.part, FbnetPart::Layer { index: 1, block: Block::Skip });
    assert_eq!(parts[25].op.part, FbnetPart::Classifier);
    let by_hand: f64 = expected.iter().fold(0.0, |acc, (_, v)| acc + v);
    let got = fbnet_metric(&l, &arch, FbnetInput::Cifar100, FbnetMetric::EyerissLatency).unwrap();
    assert_eq!(got, by_hand);
    assert!((got - 5.229984).abs() < 1e-12);
    assert_eq!(format!("{got:.5e}"), "5.22998e0");
}

#[test]
fn metrics_are_positive_and_consistent() {
    let l = lut();
    let mut rng = Rng::new(11);
    for _ in 0..50 {
        let a = FbnetArch::random(&mut rng);
        for input in FbnetInput::ALL {
            let all = fbnet_metrics(&l, &a, input).unwrap();
            for (m, v) in FbnetMetric::ALL.into_iter().zip(all) {
                assert!(v.is_finite() && v > 0.0, "{a} {m:?} {v}");
                assert_eq!(v, fbnet_metric(&l, &a, input, m).unwrap());
            }
        }
    }
}

#[test]
fn missing_table_entries_are_errors() {
    let full = lut();
    let mut b = zsnas::bench::Bundle::decode(&asset(AssetName::FbnetLut)).unwrap();
    // A table with only the first metric row and the first 10 keys.
    let keys: Vec<String> = full.keys.iter().take(10).cloned().collect();
    let first_row: Vec<f64> = keys.iter().map(|k| full.get("edgegpu_latency", k).unwrap()).collect();
    b.set_meta("metrics", "edgegpu_latency");
    b.set_meta("keys", keys.join(","));
    b.push(zsnas::bench::Array::new("values", vec![1, 10], zsnas::bench::ArrayData::F64(first_row)).unwrap());
    let small = FbnetLut::from_bundle(&b).unwrap();
    let a = FbnetArch::random(&mut Rng::new(1));
    assert_eq!(
        fbnet_metric(&small, &a, FbnetInput::ImageNet, FbnetMetric::FpgaEnergy),
        Err(FbnetCostError::MissingMetric { metric: "fpga_energy" })
    );
    assert!(matches!(
        fbnet_metric(&small, &a, FbnetInput::ImageNet, FbnetMetric::EdgeGpuLatency),
        Err(FbnetCostError::MissingOp { metric: "edgegpu_latency", .. })
    ));
}

#[test]
fn parse_errors() {
    assert_eq!(FbnetArch::parse("  "), Err(ParseError::Empty));
    assert_eq!(FbnetArch::parse("1 2 3"), Err(ParseError::Count { found: 3 }));
    assert_eq!(FbnetArch::parse("0 0 x"), Err(ParseError::UnknownBlock { layer: 3, at: 4, item: "x".to_string() }));
    assert_eq!(FbnetArch::parse("[0, 1"), Err(ParseError::Bracket { at: 0 }));
    assert_eq!(FbnetArch::parse("0,,1"), Err(ParseError::EmptyItem { at: 2 }));
    let e = FbnetArch::parse("9").unwrap_err().to_string();
    assert!(e.contains("layer 1") && e.contains("0..8"), "{e}");
}

#[test]
fn random_sampling_in_range_and_seeded() {
    let draw = |seed| {
        let mut rng = Rng::new(seed);
        (0..500).map(|_| FbnetArch::random(&mut rng)).collect::<Vec<_>>()
    };
    let a = draw(42);
    assert_eq!(a, draw(42));
    assert_ne!(a, draw(43));
    let mut counts = [0usize; 9];
    for x in &a {
        assert!(x.ids().iter().all(|&i| i < 9));
        assert_eq!(FbnetArch::parse(&x.to_string()), Ok(*x));
        for b in x.blocks {
            counts[usize::from(b.id())] += 1;
        }
    }
    // 11,000 draws, 1,222 expected per block: every block within ±15 %.
    assert!(counts.iter().all(|&c| (1039..=1406).contains(&c)), "{counts:?}");
}
