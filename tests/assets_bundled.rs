//! The committed assets in `assets/` decode with the `zsnas::bench` views and hold known values.
//! (Reads only `assets/`, never the raw data.)

mod common;

use zsnas::bench::{
    ArchTable, AssetName, BenchDataset, Bundle, FreeReaReference, GroundTruth, HwTestVectors, ImageBatch,
    LatencySource, NB201_CELLS, NaslibReference, Nb201Accuracy, Nb201Latency, OpLatencyModel,
};

fn asset(name: AssetName) -> Vec<u8> {
    common::read_asset(&name.file_name())
}

#[test]
fn every_asset_decodes_and_is_named() {
    for name in AssetName::ALL {
        let b = Bundle::decode(&asset(name)).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        assert_eq!(b.name(), name.name());
    }
}

#[test]
fn arch_table() {
    let t = ArchTable::from_bytes(&asset(AssetName::Nb201Archs)).unwrap();
    assert_eq!(t.len(), NB201_CELLS);
    // Index 0 is |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|:
    // ops 4, 2, 1, 2, 1, 1 on edges 0..5.
    let code0 = 4 + 2 * 5 + 25 + 2 * 125 + 625 + 3125;
    assert_eq!(t.code_of(0), Some(code0));
    assert_eq!(t.index_of(code0), Some(0));
    // Index 15624 is |nor_conv_1x1~0|+|none~0|nor_conv_1x1~1|+|none~0|nor_conv_1x1~1|nor_conv_1x1~2|.
    assert_eq!(t.code_of(15624), Some(2 + 2 * 25 + 2 * 625 + 2 * 3125));
    assert_eq!(t.code_of(NB201_CELLS), None);
    for i in [0, 1, 777, 15624] {
        assert_eq!(t.index_of(t.code_of(i).unwrap()), Some(i));
    }
}

#[test]
fn accuracy() {
    let a = Nb201Accuracy::from_bytes(&asset(AssetName::Nb201Accuracy)).unwrap();
    let get = |g, i| a.accuracy_pct(g, i).unwrap();
    assert_eq!(get(GroundTruth::Test200(BenchDataset::Cifar10), 0), 85.8633);
    assert_eq!(get(GroundTruth::Test200(BenchDataset::Cifar100), 0), 52.9133);
    assert_eq!(get(GroundTruth::Test200(BenchDataset::ImageNet16_120), 15624), 21.4111);
    assert_eq!(get(GroundTruth::Cifar10ValidValid200, 0), 81.9827);
    assert_eq!(get(GroundTruth::Cifar10ValidTest200, 15624), 84.0133);
    assert_eq!(get(GroundTruth::Test12(BenchDataset::ImageNet16_120), 0), 17.0);
    for g in GroundTruth::ALL {
        assert_eq!(a.column_pct(g).len(), NB201_CELLS);
        assert_eq!(GroundTruth::from_key(g.key()), Some(g));
    }
}

#[test]
fn latency() {
    let l = Nb201Latency::from_bytes(&asset(AssetName::Nb201Latency)).unwrap();
    assert_eq!(l.columns.len(), 27);
    let raspi = l.column("raspi4").unwrap();
    assert_eq!(raspi.source, LatencySource::HwNasBench);
    assert_eq!(raspi.batch_size, Some(1));
    assert_eq!(raspi.latency_ms[0], 10.482);
    let t = l.column("titanxp_32").unwrap();
    assert_eq!((t.device.as_str(), t.batch_size, t.source), ("titanxp", Some(32), LatencySource::BrpNas));
    assert_eq!(t.latency_ms[15624], 11.0207);
    let g = l.column("gold_6226").unwrap();
    assert_eq!((g.device.as_str(), g.batch_size), ("gold_6226", None));

    let m = OpLatencyModel::from_bytes(&asset(AssetName::Nb201OpLatency)).unwrap();
    assert_eq!(m.devices.len(), 18);
    let e = m.device("edgegpu").unwrap();
    assert_eq!(e.op_latency_ms[3], 1.5416733423868814); // nor_conv_3x3
    assert_eq!(m.device("eyeriss").unwrap().min_ms, None);
    let est = m.estimate_ms("fpga", 0).unwrap(); // all six edges `none`
    assert!((est - 6.0 * 0.170016).abs() < 1e-12);
}

#[test]
fn reference_scores() {
    let f = FreeReaReference::from_bytes(&asset(AssetName::Nb201ReferenceFreerea)).unwrap();
    assert_eq!(f.scores(BenchDataset::Cifar100, "naswot").unwrap()[0], 735.5391845703125);
    assert_eq!(f.scores(BenchDataset::Cifar100, "synflow").unwrap()[15624], 6.7453286781592e46);
    assert!(f.scores(BenchDataset::ImageNet16_120, "nregions").unwrap()[5].is_nan());
    assert_eq!(f.scores(BenchDataset::ImageNet16_120, "params_m").unwrap()[5], 0.379496);
    assert_eq!(f.scores(BenchDataset::Cifar10, "naswot").unwrap()[12], f64::NEG_INFINITY);

    let n = NaslibReference::from_bytes(&asset(AssetName::Nb201ReferenceNaslib)).unwrap();
    let c10 = n.set(BenchDataset::Cifar10).unwrap();
    assert_eq!(c10.index.len(), 725);
    assert_eq!(n.set(BenchDataset::ImageNet16_120).unwrap().index.len(), 724);
    assert_eq!(c10.index[0], 4811);
    assert_eq!(c10.val_accuracy[0], 86.06);
    assert_eq!(c10.proxy("synflow").unwrap()[0], 41.94876860937543);
}

#[test]
fn images() {
    let c10 = ImageBatch::from_bytes(&asset(AssetName::ImagesCifar10)).unwrap();
    assert_eq!(c10.len(), 256);
    // Round robin over classes: image 0 is the first class-0 image (raw row 15).
    assert_eq!((c10.labels[0], c10.source_row[0]), (0, 15));
    assert_eq!(c10.image(0).unwrap()[528], 29);
    for c in 0..10u16 {
        let n = c10.labels.iter().filter(|&&l| l == c).count();
        assert_eq!(n, if c < 6 { 26 } else { 25 });
    }
    let x = c10.normalized(&[0, 5]).unwrap();
    assert_eq!(x.len(), 2 * 3 * 32 * 32);
    assert!((x[528] - (29.0 / 255.0 - 0.4914) / 0.2470).abs() < 1e-6);
    assert!(c10.normalized(&[256]).is_none());

    let c100 = ImageBatch::from_bytes(&asset(AssetName::ImagesCifar100)).unwrap();
    assert_eq!((c100.len(), c100.labels[0], c100.source_row[0]), (256, 0, 44));
    let inet = ImageBatch::from_bytes(&asset(AssetName::ImagesImagenet16_120)).unwrap();
    assert_eq!(inet.len(), 106);
    assert_eq!(inet.labels[..3], [78, 81, 62]);
    assert_eq!(inet.source_row[..3], [0, 1, 2]);
    assert_eq!(inet.image(0).unwrap().len(), 3 * 16 * 16);
}

#[test]
fn hw_test_vectors() {
    let v = HwTestVectors::from_bytes(&asset(AssetName::HwnasbenchTestVectors)).unwrap();
    assert_eq!(v.nb201.len(), 9);
    assert_eq!(v.fbnet.len(), 6);
    assert_eq!(v.nb201_metric("cifar10", 0, "raspi4_latency"), Some(10.481976820010459));
    assert_eq!(v.nb201_metric("ImageNet16-120", 2, "fpga_energy"), Some(9.9456));
    assert_eq!(v.nb201_metric("cifar100", 1, "average_hw_metric"), Some(812222704.4957968));
    let f = &v.fbnet[0];
    assert_eq!((f.dataset.as_str(), f.arch.len()), ("cifar100", 22));
    assert!(f.metrics.iter().any(|(m, x)| m == "edgegpu_latency" && *x == 15.804523468017578));
    assert!(!f.metrics.iter().any(|(m, _)| m == "edgetpu_latency"));
}
