//! The Learn page's text: what a zero-shot proxy is, what the survey found, and one short lesson
//! per proxy (what it measures, its formula as MathML, the paper, what it needs, where it works
//! and where it fails). Plain static data, so it is checked natively; PROXIES.md is the source.
//! Lessons are keyed by proxy name, and include proxies not yet in the registry.

use crate::proxy::info::Needs;
use crate::proxy::kind::ProxyKind;
use crate::proxy::{
    epe_nas, fisher, flops, grad_norm, gradsign, grasp, jacob_cov, knas, l2_norm, linear_regions, logsynflow, meco,
    meco_all, nasi, nn_degree, nn_mass, ntk_cond, nwot, params, plain, snip, synflow, zen, zico,
};

/// One proxy's lesson.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// The proxy's registry name.
    pub name: &'static str,
    /// PROXIES.md kind letter (S, F, G, P, H); the registry's when the proxy is registered.
    pub kind: char,
    /// What it measures, in words (2–4 sentences).
    pub measures: &'static str,
    /// The formula: a complete `<math display="block">…</math>` element.
    pub formula_mathml: &'static str,
    /// The paper that introduced it; the registry's when the proxy is registered.
    pub paper: &'static str,
    /// What computing it needs; the registry's when the proxy is registered.
    pub needs: Needs,
    /// Where it works (published correlations, PROXIES.md §5).
    pub works: &'static str,
    /// Where it fails.
    pub fails: &'static str,
}

impl Lesson {
    /// What the proxy needs, from the registry when it is there (so the page never disagrees
    /// with the engine), else this lesson's own entry.
    pub fn needs(&self) -> Needs {
        ProxyKind::from_name(self.name).map_or(self.needs, |k| k.info().needs)
    }

    /// The paper, from the registry when the proxy is there.
    pub fn paper(&self) -> &'static str {
        ProxyKind::from_name(self.name).map_or(self.paper, |k| k.info().paper)
    }

    /// Short labels for the page's badges: the kind of computation, the input, labels, and
    /// whether the score is a rank within a population.
    pub fn badges(&self) -> Vec<&'static str> {
        let needs = self.needs();
        let kind = ProxyKind::from_name(self.name).map_or(self.kind, |k| k.info().kind);
        let mut out = vec![match kind {
            'S' => "static: no tensors",
            'F' => "forward pass only",
            'G' => "gradients",
            'P' => "per-sample gradients",
            'H' => "Hessian-vector product",
            _ => "computation",
        }];
        out.push(if needs.data { "an input batch" } else { "no data" });
        if needs.labels {
            out.push("labels");
        }
        if needs.population {
            out.push("population-relative");
        }
        out
    }

    /// True when this app computes the proxy (it is in [`ProxyKind::ALL`]).
    pub fn registered(&self) -> bool {
        ProxyKind::from_name(self.name).is_some()
    }
}

/// A general finding about zero-shot proxies.
#[derive(Clone, Copy, Debug)]
pub struct Finding {
    /// One-line heading.
    pub title: &'static str,
    /// A few sentences.
    pub text: &'static str,
}

/// What a zero-shot proxy is, in a few sentences (one paragraph each).
pub const INTRO: &[&str] = &[
    "Neural architecture search (NAS) looks for the network that trains to the best accuracy, but training every candidate costs hours. A zero-shot (training-free) proxy scores an untrained network instead: it looks at the network at initialisation, usually with one batch of images, and returns a number in milliseconds to seconds.",
    "A proxy is useful when it ranks networks the way their trained accuracy does. This app measures that on NAS-Bench-201, whose 15,625 cells were all trained, with Spearman's ρ and Kendall's τ between the proxy and the accuracy, each with the sign the proxy's orientation implies.",
    "Proxies differ in what they look at: the architecture alone (parameter count, FLOPs, the cell graph), one forward pass (how ReLUs switch for different images), gradients of the loss (how strongly training would start to move), or per-sample gradients and the neural tangent kernel (how trainable the network is).",
];

/// The survey's general findings, shown before the lessons.
pub const FINDINGS: &[Finding] = &[
    Finding {
        title: "The top 5 % collapse",
        text: "Over all of NAS-Bench-201 the best proxies reach ρ ≈ 0.8–0.9, but restricted to the top 5 % of networks by accuracy nearly every proxy's correlation collapses towards zero. Proxies separate bad networks from good ones; they rarely tell the best from the very good, which is exactly what a search needs at the end.",
    },
    Finding {
        title: "Size bias",
        text: "Many proxies correlate strongly with the parameter count: bigger networks get bigger gradients, more synaptic flow, more activation patterns. On NAS-Bench-201 the parameter count alone reaches ρ ≈ 0.75, so a proxy must beat #params, not zero, to show that it adds information.",
    },
    Finding {
        title: "It depends on the search space",
        text: "A ranking that holds on one space can fail on another: on NATS-SSS (channel widths), #params and zen work well while meco is strongly negative. Under a loose hardware constraint the search is pushed into the region of large, accurate networks, exactly where proxies fail.",
    },
    Finding {
        title: "Population-relative proxies",
        text: "te_nas and az_nas combine several measures by their ranks within the set of networks being compared. Their value for a network is population-relative: it changes when the population changes, so it is only computed over a population, never for one cell alone.",
    },
];

macro_rules! math {
    ($($part:expr),* $(,)?) => { concat!("<math display=\"block\">", $($part,)* "</math>") };
}
macro_rules! row {
    ($($part:expr),* $(,)?) => { concat!("<mrow>", $($part,)* "</mrow>") };
}
macro_rules! sum {
    ($under:expr) => {
        concat!("<munder><mo>∑</mo><mrow>", $under, "</mrow></munder>")
    };
}
macro_rules! frac {
    ($num:expr, $den:expr) => {
        concat!("<mfrac><mrow>", $num, "</mrow><mrow>", $den, "</mrow></mfrac>")
    };
}
macro_rules! partial {
    ($f:expr, $x:expr) => {
        frac!(concat!("<mo>∂</mo>", $f), concat!("<mo>∂</mo>", $x))
    };
}
macro_rules! sub {
    ($base:expr, $index:expr) => {
        concat!("<msub><mi>", $base, "</mi>", $index, "</msub>")
    };
}
macro_rules! abs {
    ($($part:expr),* $(,)?) => { concat!("<mrow><mo>|</mo>", $($part,)* "<mo>|</mo></mrow>") };
}
macro_rules! gap {
    () => {
        "<mo separator=\"true\">,</mo><mspace width=\"1em\"></mspace>"
    };
}

macro_rules! dl_dtheta {
    () => {
        partial!("<mi>L</mi>", "<mi>θ</mi>")
    };
}

/// Every lesson: the registry's proxies in display order, then those still being added.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        name: "params",
        kind: params::INFO.kind,
        measures: "The number of trainable parameters: every conv and linear weight, the classifier bias, and BatchNorm's γ and β. It is a baseline, not a proxy from a paper; with this app's network it equals NAS-Bench-201's own count exactly.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>p</mi><mo>∈</mo><mi>θ</mi>"),
            "<mi>dim</mi><mo>(</mo><mi>p</mi><mo>)</mo>"
        ),
        paper: params::INFO.paper,
        needs: params::INFO.needs,
        works: "Strong on NAS-Bench-201 (ρ ≈ 0.75 on CIFAR-10, 0.73 on CIFAR-100, 0.69 on ImageNet16-120) and among the best on NATS-SSS, where width is the only variable. Every other proxy should be compared with it.",
        fails: "It cannot tell apart networks of equal size with different wiring, and it prefers the largest network whatever the budget. Inside the top 5 % it says almost nothing.",
    },
    Lesson {
        name: "flops",
        kind: flops::INFO.kind,
        measures: "The arithmetic of one forward pass of one image, as the benchmark counts it: multiply-accumulates of convolutions and the classifier, plus small per-element terms for BatchNorm and pooling (n counts output elements, r is the input side, and 32r + 64 is a constant of the benchmark found empirically). Like params, a size measure.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mtext>conv, linear</mtext>"),
            "<mtext>MACs</mtext><mo>+</mo>",
            sub!("n", "<mtext>bias</mtext>"),
            "<mo>+</mo><mn>3</mn>",
            sub!("n", "<mtext>BN</mtext>"),
            "<mo>+</mo><mn>9</mn>",
            sub!("n", "<mtext>pool 3×3</mtext>"),
            "<mo>+</mo><mn>4</mn>",
            sub!("n", "<mtext>pool 2×2</mtext>"),
            "<mo>+</mo><mn>32</mn><mi>r</mi><mo>+</mo><mn>64</mn>",
        ),
        paper: flops::INFO.paper,
        needs: flops::INFO.needs,
        works: "About as good as params on NAS-Bench-201 (ρ ≈ 0.73 / 0.71 / 0.67), and the natural cost axis of hardware-aware search.",
        fails: "Blind to everything but size, so it shares params' failures: no signal among equally large networks and none in the top 5 %.",
    },
    Lesson {
        name: "l2_norm",
        kind: l2_norm::INFO.kind,
        measures: "The sum over conv and linear layers of the Frobenius norm of the initial weights. At a fixed initialisation scheme it grows with the number of weights, so it is a size measure in disguise.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>l</mi>"),
            "<msub>",
            row!("<mo>‖</mo>", sub!("W", "<mi>l</mi>"), "<mo>‖</mo>"),
            "<mn>2</mn></msub>"
        ),
        paper: l2_norm::INFO.paper,
        needs: l2_norm::INFO.needs,
        works: "Cheapest of all after params: no data, no pass. It ranks by size and inherits params' correlation where size predicts accuracy.",
        fails: "It depends on the initialisation scheme more than on the architecture, and adds nothing over the parameter count.",
    },
    Lesson {
        name: "grad_norm",
        kind: grad_norm::INFO.kind,
        measures: "How strongly the cross-entropy loss of one labelled batch pulls on each layer's weights at initialisation: the Euclidean norm of each layer's gradient, summed over layers.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>l</mi>"),
            "<msub>",
            row!("<mo>‖</mo>", partial!("<mi>L</mi>", sub!("W", "<mi>l</mi>")), "<mo>‖</mo>"),
            "<mn>2</mn></msub>"
        ),
        paper: grad_norm::INFO.paper,
        needs: grad_norm::INFO.needs,
        works: "Moderate on NAS-Bench-201 (ρ ≈ 0.63 on CIFAR-10 and CIFAR-100, 0.58 on ImageNet16-120) for the price of one backward pass.",
        fails: "Below the parameter count, and partly a size measure itself (more layers, more summed norms). Like most proxies it collapses in the top 5 %.",
    },
    Lesson {
        name: "plain",
        kind: plain::INFO.kind,
        measures: "Weight times gradient summed with signs: the first-order change of the loss if every weight were set to zero. Positive and negative saliencies cancel.",
        formula_mathml: math!("<mi>S</mi><mo>=</mo>", sum!("<mi>θ</mi>"), "<mi>θ</mi><mo>⋅</mo>", dl_dtheta!()),
        paper: plain::INFO.paper,
        needs: plain::INFO.needs,
        works: "A baseline for the saliency family (snip, grasp, synflow): it shows what the absolute value and the other refinements add.",
        fails: "The cancellation of signs makes it weak and noisy across seeds; it is among the poorest proxies on NAS-Bench-201.",
    },
    Lesson {
        name: "snip",
        kind: snip::INFO.kind,
        measures: "Connection sensitivity: how much the loss would change if each weight were cut, |θ · ∂L/∂θ|, summed over conv and linear weights. Introduced for pruning at initialisation and reused as a network score.",
        formula_mathml: math!("<mi>S</mi><mo>=</mo>", sum!("<mi>θ</mi>"), abs!("<mi>θ</mi><mo>⋅</mo>", dl_dtheta!())),
        paper: snip::INFO.paper,
        needs: snip::INFO.needs,
        works: "ρ ≈ 0.63 / 0.63 / 0.58 on NAS-Bench-201, like grad_norm, from one backward pass.",
        fails: "A sum over weights, so it grows with the network: much of its signal is size. It does not beat params and collapses in the top 5 %.",
    },
    Lesson {
        name: "nasi",
        kind: nasi::INFO.kind,
        measures: "The squared norm of the loss gradient on one batch, which estimates the trace of the neural tangent kernel: how fast gradient descent would start to reduce the loss.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo><msubsup>",
            row!("<mo>‖</mo>", dl_dtheta!(), "<mo>‖</mo>"),
            "<mn>2</mn><mn>2</mn></msubsup>"
        ),
        paper: nasi::INFO.paper,
        needs: nasi::INFO.needs,
        works: "One backward pass; in NASI it guides a differentiable search rather than ranking alone.",
        fails: "A trace says nothing about conditioning, and a large gradient is not a good network: as a ranking it behaves like grad_norm, size bias included.",
    },
    Lesson {
        name: "synflow",
        kind: synflow::INFO.kind,
        measures: "Synaptic flow: make every parameter positive (|θ|), remove BatchNorm, feed one all-ones input, and sum the outputs to R; the score is Σ |θ · ∂R/∂θ|. It needs no data and no labels, and it counts, in effect, the weighted paths from input to output.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>θ</mi>"),
            abs!("<mi>θ</mi><mo>⋅</mo>", partial!("<mi>R</mi>", "<mi>θ</mi>")),
            gap!(),
            "<mi>R</mi><mo>=</mo><msup><mn>𝟙</mn><mi>T</mi></msup><msub><mi>f</mi>",
            abs!("<mi>θ</mi>"),
            "</msub><mo>(</mo><mn>𝟙</mn><mo>)</mo>",
        ),
        paper: synflow::INFO.paper,
        needs: synflow::INFO.needs,
        works: "Good on NAS-Bench-201 (ρ ≈ 0.77 / 0.76 / 0.75 with FreeREA's scores) from one data-free backward pass; values reach 10⁶⁰, so this app reports log10.",
        fails: "Strong size bias: paths multiply through depth and width, so the largest networks win almost regardless of wiring. It collapses in the top 5 %, and the per-layer view below shows a few layers dominating the sum.",
    },
    Lesson {
        name: "logsynflow",
        kind: logsynflow::INFO.kind,
        measures: "Synflow with the logarithm of each gradient, θ · log(∂R/∂θ + 1), so a few layers with enormous path counts no longer dominate the sum.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>θ</mi>"),
            abs!(
                "<mi>θ</mi><mo>⋅</mo><mi>log</mi><mo>(</mo>",
                partial!("<mi>R</mi>", "<mi>θ</mi>"),
                "<mo>+</mo><mn>1</mn><mo>)</mo>"
            ),
        ),
        paper: logsynflow::INFO.paper,
        needs: logsynflow::INFO.needs,
        works: "Better than synflow on NAS-Bench-201 (ρ ≈ 0.83 / 0.79 / 0.78 with FreeREA's scores); FreeREA combines it with nwot to guide an evolutionary search.",
        fails: "Still a sum over all weights, so still biased towards large networks, and still weak within the top 5 %.",
    },
    Lesson {
        name: "nwot",
        kind: nwot::INFO.kind,
        measures: "How differently the ReLUs switch for different images. Each image gets a binary code (which ReLU inputs are positive); K counts, for every pair of images, the units on which their codes agree. If images are easy to tell apart, K is close to diagonal and its log-determinant is large.",
        formula_mathml: math!(
            "<mi>K</mi><mo>=</mo>",
            sum!("<mi>r</mi>"),
            "<mo>[</mo>",
            sub!("c", "<mi>r</mi>"),
            "<msubsup><mi>c</mi><mi>r</mi><mi>T</mi></msubsup><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo>",
            sub!("c", "<mi>r</mi>"),
            "<mo>)</mo><msup>",
            row!("<mo>(</mo><mn>1</mn><mo>−</mo>", sub!("c", "<mi>r</mi>"), "<mo>)</mo>"),
            "<mi>T</mi></msup><mo>]</mo>",
            gap!(),
            "<mi>S</mi><mo>=</mo><mi>log</mi>",
            abs!("<mi>det</mi><mi>K</mi>"),
        ),
        paper: nwot::INFO.paper,
        needs: nwot::INFO.needs,
        works: "One forward pass and among the best single proxies on NAS-Bench-201 (ρ ≈ 0.79 / 0.81 / 0.78). Labels are not needed, and the kernel below makes it easy to see why a cell scores low: rows of near-identical codes.",
        fails: "K's diagonal is the number of ReLU units, so larger networks score higher: part of its signal is size. Like the others it collapses in the top 5 %.",
    },
    Lesson {
        name: "grasp",
        kind: grasp::INFO.kind,
        measures: "How removing each weight would change the gradient flow: the Hessian of the loss times its gradient, Hg, weighted by the weights and summed with a minus sign. It needs a Hessian-vector product (here a finite difference of two gradients in f64, with every ReLU's on/off pattern held as it is at the weights, which is what PyTorch's exact double backward computes).",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo><mo>−</mo>",
            sum!("<mi>θ</mi>"),
            "<mi>θ</mi><mo>⋅</mo><msub>",
            row!("<mo>(</mo><mi>H</mi><mi>g</mi><mo>)</mo>"),
            "<mi>θ</mi></msub>",
            gap!(),
            "<mi>g</mi><mo>=</mo>",
            dl_dtheta!()
        ),
        paper: grasp::INFO.paper,
        needs: grasp::INFO.needs,
        works: "A pruning criterion at heart; as a network score it reaches ρ ≈ 0.54 / 0.51 / 0.56 on NAS-Bench-201.",
        fails: "The most expensive gradient proxy (a Hessian-vector product) and one of the weakest; its value swings with the seed and the batch.",
    },
    Lesson {
        name: "fisher",
        kind: fisher::INFO.kind,
        measures: "How much the loss depends on each channel's activations: for every conv and linear output z, the product of the activation and its gradient, summed over space, squared and averaged over the batch (an estimate of the Fisher information of removing that channel), each channel counted once per weight feeding it (its fan-in F_z), as zero-cost-nas's sum does.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>z</mi>"),
            sum!("<mi>k</mi>"),
            "<msub><mi>F</mi><mi>z</mi></msub>",
            frac!("<mn>1</mn>", "<mn>2</mn>"),
            "<munder><mtext>mean</mtext><mi>n</mi></munder><msup>",
            row!(
                "<mo>(</mo>",
                sum!("<mi>s</mi>"),
                "<msub><mi>z</mi><mrow><mi>n</mi><mi>k</mi><mi>s</mi></mrow></msub>",
                partial!("<mi>L</mi>", "<msub><mi>z</mi><mrow><mi>n</mi><mi>k</mi><mi>s</mi></mrow></msub>"),
                "<mo>)</mo>",
            ),
            "<mn>2</mn></msup>",
        ),
        paper: fisher::INFO.paper,
        needs: fisher::INFO.needs,
        works: "Cheap (one backward pass) but weak on NAS-Bench-201: ρ ≈ 0.55 / 0.55 / 0.50.",
        fails: "Designed to rank channels inside one network, not whole networks; summed over channels it grows with width and says little in the top 5 %.",
    },
    Lesson {
        name: "jacob_cov",
        kind: jacob_cov::INFO.kind,
        measures: "How decorrelated the input gradients of different images are. J's row n is the gradient of the summed logits with respect to image n; C is the correlation matrix of these rows. Networks that treat inputs differently have C close to the identity, and the score penalises small eigenvalues of C.",
        formula_mathml: math!(
            "<mi>C</mi><mo>=</mo><mi>corr</mi><mo>(</mo><mi>J</mi><mo>)</mo>",
            gap!(),
            "<mi>S</mi><mo>=</mo><mo>−</mo>",
            sum!("<mi>i</mi>"),
            "<mo>[</mo><mi>ln</mi><mo>(</mo>",
            sub!("λ", "<mi>i</mi>"),
            "<mo>+</mo><mi>k</mi><mo>)</mo><mo>+</mo>",
            frac!("<mn>1</mn>", concat!(sub!("λ", "<mi>i</mi>"), "<mo>+</mo><mi>k</mi>")),
            "<mo>]</mo>",
            gap!(),
            "<mi>k</mi><mo>=</mo><msup><mn>10</mn><mrow><mo>−</mo><mn>5</mn></mrow></msup>",
        ),
        paper: jacob_cov::INFO.paper,
        needs: jacob_cov::INFO.needs,
        works: "ρ between 0.70 and 0.82 on NAS-Bench-201 depending on dataset and implementation, from one backward pass with the input as leaf.",
        fails: "It fails outright (NaN) on cells whose output ignores the input, and its value depends on the batch more than most. It was dropped from the final NASWOT paper in favour of nwot.",
    },
    Lesson {
        name: "epe_nas",
        kind: epe_nas::INFO.kind,
        measures: "jacob_cov's idea per class: the correlation of input gradients among images of the same class, as log magnitudes summed over each class's matrix. A network whose gradients separate the classes scores higher.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>c</mi>"),
            abs!(
                sum!("<mi>i</mi><mo>,</mo><mi>j</mi>"),
                "<mi>ln</mi><mo>(</mo>",
                abs!(
                    "<mi>corr</mi><msub>",
                    row!("<mo>(</mo>", sub!("J", "<mi>c</mi>"), "<mo>)</mo>"),
                    "<mrow><mi>i</mi><mi>j</mi></mrow></msub>"
                ),
                "<mo>+</mo><mi>k</mi><mo>)</mo>",
            ),
        ),
        paper: epe_nas::INFO.paper,
        needs: epe_nas::INFO.needs,
        works: "Uses the labels to look inside classes, from the same single Jacobian as jacob_cov.",
        fails: "With 64 images and 100 or 120 classes most classes have fewer than two samples, so the score rests on a handful of classes; it fails like jacob_cov on cells that ignore their input.",
    },
    Lesson {
        name: "zico",
        kind: zico::INFO.kind,
        measures: "The inverse coefficient of variation of the gradients: for every weight, the mean absolute gradient over two batches divided by its standard deviation, summed per layer and logged. Large, consistent gradients predict fast and stable training.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>l</mi>"),
            "<mi>ln</mi>",
            row!(
                "<mo>(</mo>",
                sum!("<mi>θ</mi><mo>∈</mo><mi>l</mi>"),
                frac!(
                    "<mi>𝔼</mi><mo>[</mo><mo>|</mo><msub><mi>g</mi><mi>θ</mi></msub><mo>|</mo><mo>]</mo>",
                    "<mi>σ</mi><mo>(</mo><msub><mi>g</mi><mi>θ</mi></msub><mo>)</mo>"
                ),
                "<mo>)</mo>",
            ),
        ),
        paper: zico::INFO.paper,
        needs: zico::INFO.needs,
        works: "Among the best single proxies on NAS-Bench-201 (ρ ≈ 0.80 / 0.81 / 0.79) and it ranks above params there.",
        fails: "Needs two batches and their labels; the log of a per-layer sum still rewards more layers, and its correlation too collapses in the top 5 %.",
    },
    Lesson {
        name: "zen",
        kind: zen::INFO.kind,
        measures: "How strongly the network, re-initialised with Gaussian weights, amplifies a small random perturbation of a random input, measured on the last feature map and corrected by the BatchNorm scales. It needs no real data.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo><mi>ln</mi><munder><mi>𝔼</mi><mi>x</mi></munder><msub>",
            row!(
                "<mo>‖</mo><mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo><mo>−</mo><mi>f</mi><mo>(</mo><mi>x</mi><mo>+</mo><mn>0.01</mn><mi>ε</mi><mo>)</mo><mo>‖</mo>"
            ),
            "<mn>1</mn></msub><mo>+</mo>",
            sum!("<mtext>BN</mtext>"),
            "<mi>ln</mi><msqrt><mtext>mean</mtext><msup><mi>σ</mi><mn>2</mn></msup></msqrt>",
        ),
        paper: zen::INFO.paper,
        needs: zen::INFO.needs,
        works: "Designed for residual networks with BatchNorm (Zen-NAS's ResNet-like space), where it works; on NATS-SSS, where only widths change, it is among the best.",
        fails: "Weak on NAS-Bench-201 cells (ρ ≈ 0.38 / 0.36 / 0.40): the cells' parallel paths, pooling and zero ops are not the residual networks it assumes.",
    },
    Lesson {
        name: "gradsign",
        kind: gradsign::INFO.kind,
        measures: "How consistently different samples' gradients agree in sign, weight by weight: for each weight, the absolute sum over samples of the sign of that sample's gradient. Agreement suggests the samples share a basin of the loss.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>k</mi>"),
            abs!(
                sum!("<mi>i</mi>"),
                "<mi>sign</mi>",
                row!(
                    "<mo>(</mo>",
                    partial!(
                        "<mi>L</mi><mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>,</mo><msub><mi>y</mi><mi>i</mi></msub><mo>)</mo>",
                        "<msub><mi>θ</mi><mi>k</mi></msub>"
                    ),
                    "<mo>)</mo>"
                )
            ),
        ),
        paper: gradsign::INFO.paper,
        needs: gradsign::INFO.needs,
        works: "Good on NAS-Bench-201 (ρ ≈ 0.77 / 0.79 / 0.78), with a theoretical argument behind it.",
        fails: "One backward pass per sample (B passes), and the sum over weights again favours larger networks.",
    },
    Lesson {
        name: "ntk_cond",
        kind: ntk_cond::INFO.kind,
        measures: "The condition number of the empirical neural tangent kernel Θ = J Jᵀ, J's rows being per-sample gradients of the summed logits over all weights. A well-conditioned kernel means gradient descent makes progress in every direction. Lower is better.",
        formula_mathml: math!(
            "<mi>Θ</mi><mo>=</mo><mi>J</mi><msup><mi>J</mi><mi>T</mi></msup>",
            gap!(),
            "<mi>κ</mi><mo>=</mo>",
            frac!(sub!("λ", "<mtext>max</mtext>"), sub!("λ", "<mtext>min</mtext>")),
        ),
        paper: ntk_cond::INFO.paper,
        needs: ntk_cond::INFO.needs,
        works: "The trainability half of TE-NAS; on ImageNet16-120 it reaches ρ ≈ 0.63 (as −κ).",
        fails: "Weak on CIFAR (ρ ≈ 0.44 / 0.43), expensive (per-sample gradients of the whole network), and numerically fragile: λ_min near 0 makes κ explode or undefined.",
    },
    Lesson {
        name: "linear_regions",
        kind: linear_regions::INFO.kind,
        measures: "Expressivity: a ReLU network is piecewise linear, and every distinct on/off pattern of its ReLUs is a different linear piece. The score counts the distinct patterns among a batch of random inputs.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            abs!(
                "<mo>{</mo><mi>c</mi><mo>(</mo>",
                sub!("x", "<mi>n</mi>"),
                "<mo>)</mo><mo>:</mo><mi>n</mi><mo>=</mo><mn>1</mn><mo>…</mo><mi>B</mi><mo>}</mo>"
            ),
        ),
        paper: linear_regions::INFO.paper,
        needs: linear_regions::INFO.needs,
        works: "Separates degenerate cells (few patterns) from working ones, and is the expressivity half of TE-NAS.",
        fails: "With the full network almost every input gets its own pattern, so the count saturates at the batch size and hardly ranks the good cells.",
    },
    Lesson {
        name: "te_nas",
        kind: 'P',
        measures: "TE-NAS combines trainability (the NTK condition number κ, lower is better) and expressivity (the number of linear regions R) by adding their ranks within the networks being compared. Its value is population-relative.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sub!("rank", "<mi>N</mi>"),
            "<mo>(</mo><mo>−</mo><mi>κ</mi><mo>)</mo><mo>+</mo>",
            sub!("rank", "<mi>N</mi>"),
            "<mo>(</mo><mi>R</mi><mo>)</mo>",
        ),
        paper: "Chen et al., Neural Architecture Search on ImageNet in Four GPU Hours: A Theoretically Inspired Perspective (TE-NAS), ICLR 2021",
        needs: Needs { population: true, ..Needs::PER_SAMPLE },
        works: "Combining two weak, complementary measures beats each alone; TE-NAS used it to prune a supernet on ImageNet in four GPU hours.",
        fails: "Population-relative: a cell's value changes with the population, so it cannot be stored per cell. It inherits the cost of ntk_cond and the saturation of linear_regions.",
    },
    Lesson {
        name: "knas",
        kind: knas::INFO.kind,
        measures: "The mean of the Gram matrix of per-sample gradients, (1/n²) Σ g_iᵀ g_j: large when the samples' gradients are large and point the same way.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            frac!("<mn>1</mn>", "<msup><mi>n</mi><mn>2</mn></msup>"),
            sum!("<mi>i</mi><mo>,</mo><mi>j</mi>"),
            "<msubsup><mi>g</mi><mi>i</mi><mi>T</mi></msubsup>",
            sub!("g", "<mi>j</mi>"),
        ),
        paper: knas::INFO.paper,
        needs: knas::INFO.needs,
        works: "Simple to compute once per-sample gradients exist (it equals ‖Σ g_i‖² / n²); KNAS uses it to pick a few candidates that are then trained.",
        fails: "One backward pass per sample, and a gradient magnitude measure that grows with the network's size.",
    },
    Lesson {
        name: "nn_mass",
        kind: nn_mass::INFO.kind,
        measures: "Topology only: for every cell, its density (live edges over the 6 possible), its width (channels) and its depth (longest path), multiplied and summed over the network's cells.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mtext>cells </mtext><mi>c</mi>"),
            sub!("ρ", "<mi>c</mi>"),
            sub!("w", "<mi>c</mi>"),
            sub!("d", "<mi>c</mi>"),
            gap!(),
            sub!("ρ", "<mi>c</mi>"),
            "<mo>=</mo>",
            frac!("<mo>|</mo><mi>E</mi><mo>|</mo>", "<mn>6</mn>"),
        ),
        paper: nn_mass::INFO.paper,
        needs: nn_mass::INFO.needs,
        works: "Free to compute, and meaningful for DenseNet-like spaces where skip connections are the main design choice.",
        fails: "It counts skip connections and pooling like convolutions, so it cannot tell a cell full of skips from one full of 3×3 convs.",
    },
    Lesson {
        name: "nn_degree",
        kind: nn_degree::INFO.kind,
        measures: "The average node degree of the cell graph: twice the number of live edges over the number of nodes. A measure of how densely the cell is connected.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            frac!("<mn>2</mn><mo>|</mo><mi>E</mi><mo>|</mo>", "<mo>|</mo><mi>V</mi><mo>|</mo>")
        ),
        paper: nn_degree::INFO.paper,
        needs: nn_degree::INFO.needs,
        works: "Free, and used in FLASH as one input of a cheap accuracy predictor rather than alone.",
        fails: "Only 4 nodes and 6 edges: it takes a handful of values, so most cells tie, and it ignores which operation sits on each edge.",
    },
    Lesson {
        name: "meco",
        kind: meco::INFO.kind,
        measures: "For one image, at every conv and linear output, the smallest eigenvalue of the correlation matrix of its channels (each channel's spatial map flattened), summed over layers. Decorrelated channels mean the layer's features are not redundant.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>l</mi>"),
            sub!("λ", "<mtext>min</mtext>"),
            row!("<mo>(</mo><mi>corr</mi><mo>(</mo>", sub!("Z", "<mi>l</mi>"), "<mo>)</mo><mo>)</mo>"),
            gap!(),
            sub!("Z", "<mi>l</mi>"),
            "<mo>∈</mo><msup><mi>ℝ</mi><mrow>",
            sub!("C", "<mi>l</mi>"),
            "<mo>×</mo>",
            sub!("H", "<mi>l</mi>"),
            sub!("W", "<mi>l</mi>"),
            "</mrow></msup>",
        ),
        paper: meco::INFO.paper,
        needs: meco::INFO.needs,
        works: "The best single proxy published on NAS-Bench-201 (ρ ≈ 0.89 / 0.88 / 0.85), from one image and one forward pass.",
        fails: "Strongly negative on NATS-SSS: when only widths change, wider layers have more channels and a smaller minimum eigenvalue. The sum over layers also rewards depth.",
    },
    Lesson {
        name: "meco_all",
        kind: meco_all::INFO.kind,
        measures: "MeCo as its official code computes it: the same smallest eigenvalue of the channel correlation, for the same single image, but summed over the output of every module the code hooks — BN, ReLU, pooling, skip connections, cell and block outputs too — and counting a tensor once per module that returns it (a ReLU→conv→BN's output three times: the BN, its nn.Sequential and the block).",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!("<mi>m</mi><mo>∈</mo><mtext>modules</mtext>"),
            sub!("λ", "<mtext>min</mtext>"),
            row!("<mo>(</mo><mi>corr</mi><mo>(</mo>", sub!("Z", "<mi>m</mi>"), "<mo>)</mo><mo>)</mo>"),
        ),
        paper: meco_all::INFO.paper,
        needs: meco_all::INFO.needs,
        works: "It is what the published numbers measure: on our bundled cells it lands on MeCo's ρ on all three datasets, where the conv-only sum falls 0.05–0.08 short on CIFAR-100 and ImageNet16-120.",
        fails: "The weighting is an accident of how the PyTorch model nests its modules, so it is tied to that code: another implementation of the same network sums different terms. Same failure modes as meco otherwise.",
    },
    Lesson {
        name: "swap",
        kind: 'F',
        measures: "Sample-wise activation patterns: for every ReLU unit, the vector of its on/off states over a small batch; the score counts how many distinct such vectors the network has, averaged over re-initialisations. More distinct patterns, more expressive.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            abs!(
                "<mo>{</mo><mo>(</mo>",
                sub!("c", "<mi>u</mi>"),
                "<mo>(</mo>",
                sub!("x", "<mn>1</mn>"),
                "<mo>)</mo><mo>,</mo><mo>…</mo><mo>,</mo>",
                sub!("c", "<mi>u</mi>"),
                "<mo>(</mo>",
                sub!("x", "<mi>B</mi>"),
                "<mo>)</mo><mo>)</mo><mo>:</mo><mi>u</mi><mo>∈</mo><mtext>units</mtext><mo>}</mo>",
            ),
        ),
        paper: "Peng et al., SWAP-NAS: Sample-Wise Activation Patterns for Ultra-fast NAS, ICLR 2024",
        needs: Needs::DATA,
        works: "One forward pass of 16 images; reproduced at ρ ≈ 0.81 / 0.82 / 0.77 on NAS-Bench-201.",
        fails: "The count of units bounds the score, so it correlates with size; its authors add a size regulariser for that reason.",
    },
    Lesson {
        name: "az_nas",
        kind: 'G',
        measures: "AZ-NAS assembles four measures — expressivity (how isotropic the features are), progressivity (how expressivity grows with depth), trainability (how stable the gradients are across blocks) and complexity (FLOPs) — by their ranks within the networks being compared. Its value is population-relative.",
        formula_mathml: math!(
            "<mi>S</mi><mo>=</mo>",
            sum!(
                "<mi>m</mi><mo>∈</mo><mo>{</mo><mi>E</mi><mo>,</mo><mi>P</mi><mo>,</mo><mi>T</mi><mo>,</mo><mi>C</mi><mo>}</mo>"
            ),
            "<mi>ln</mi>",
            frac!(sub!("rank", "<mi>m</mi>"), "<mi>N</mi>"),
        ),
        paper: "Lee & Ham, AZ-NAS: Assembling Zero-Cost Proxies for Network Architecture Search, CVPR 2024",
        needs: Needs { data: true, gradients: true, population: true, ..Needs::NONE },
        works: "Among the best published aggregates on NAS-Bench-201 (ρ ≈ 0.91 / 0.90 / 0.89); the log of ranks punishes a network that is poor on any one measure.",
        fails: "Population-relative: it is defined only for a set of networks and changes with it. Complexity (FLOPs) is one of its four terms, so part of its strength is size.",
    },
];

/// The lesson of proxy `name`.
pub fn lesson(name: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.name == name)
}

/// Proxies with a live view of their internals for the current cell.
pub const WITH_INTERNALS: &[&str] = &["nwot", "jacob_cov", "synflow"];

/// Checks that `markup` is well-formed for our purposes: tags balanced and properly nested,
/// attributes quoted, text free of `<` and `>`, and the MathML elements with fixed child
/// counts (msub, mfrac, …) given exactly that many children.
pub fn check_markup(markup: &str) -> Result<(), String> {
    // (element name, children so far)
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut rest = markup;
    let mut roots = 0;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            return check_text(rest, &mut open);
        };
        check_text(&rest[..start], &mut open)?;
        let end = rest[start..].find('>').ok_or("unclosed '<'")? + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let (open_name, children) = open.pop().ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open_name != name {
                return Err(format!("</{name}> closes <{open_name}>"));
            }
            if let Some(want) = arity(name).filter(|&w| w != children) {
                return Err(format!("<{name}> has {children} children, needs {want}"));
            }
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().ok_or("empty tag")?;
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("bad element name in <{tag}>"));
            }
            if !tag[name.len()..].matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in <{tag}>"));
            }
            match open.last_mut() {
                Some((_, children)) => *children += 1,
                None => roots += 1,
            }
            if !self_closing {
                open.push((name.to_string(), 0));
            }
        }
    }
    match open.last() {
        Some((name, _)) => Err(format!("<{name}> is never closed")),
        None if roots != 1 => Err(format!("{roots} root elements")),
        None => Ok(()),
    }
}

/// Text between tags: no stray `>`; a non-blank run inside an element counts as one child only
/// for token elements, which hold text rather than children.
fn check_text(text: &str, open: &mut [(String, usize)]) -> Result<(), String> {
    if text.contains('>') {
        return Err(format!("stray '>' in {text:?}"));
    }
    if !text.trim().is_empty() {
        match open.last() {
            Some((name, _)) if ["mi", "mo", "mn", "mtext", "ms"].contains(&name.as_str()) => {}
            Some((name, _)) => return Err(format!("text {text:?} directly inside <{name}>")),
            None => return Err(format!("text {text:?} outside any element")),
        }
    }
    Ok(())
}

/// Children a MathML element must have, for those with a fixed count.
fn arity(name: &str) -> Option<usize> {
    match name {
        "msub" | "msup" | "mfrac" | "munder" | "mover" | "mroot" => Some(2),
        "msubsup" | "munderover" => Some(3),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_proxy_has_a_lesson_and_names_are_unique() {
        for kind in ProxyKind::ALL {
            assert!(lesson(kind.name()).is_some(), "{} has no lesson", kind.name());
        }
        for (i, l) in LESSONS.iter().enumerate() {
            assert!(LESSONS[..i].iter().all(|m| m.name != l.name), "{} twice", l.name);
        }
        // Lessons written ahead of their proxy: allowed only for these names.
        for l in LESSONS.iter().filter(|l| !l.registered()) {
            assert!(["swap", "te_nas", "az_nas"].contains(&l.name), "{} is not a proxy", l.name);
        }
        for name in WITH_INTERNALS {
            assert!(ProxyKind::from_name(name).is_some());
        }
    }

    #[test]
    fn every_formula_is_one_well_formed_math_element() {
        for l in LESSONS {
            assert!(l.formula_mathml.starts_with("<math display=\"block\">"), "{}", l.name);
            assert!(l.formula_mathml.ends_with("</math>"), "{}", l.name);
            check_markup(l.formula_mathml).unwrap_or_else(|e| panic!("{}: {e}", l.name));
        }
    }

    #[test]
    fn the_markup_checker_rejects_what_it_should() {
        assert!(check_markup("<math><mi>x</mi></math>").is_ok());
        assert!(check_markup("<math><mspace width=\"1em\"/></math>").is_ok());
        for bad in [
            "<math><mi>x</mi>",
            "<math><mi>x</math></mi>",
            "<math></math><math></math>",
            "<math><msub><mi>x</mi></msub></math>",
            "<math><mfrac><mi>a</mi><mi>b</mi><mi>c</mi></mfrac></math>",
            "<math>x</math>",
            "<math><mi>a > b</mi></math>",
            "<math><mi x=\"1>",
        ] {
            assert!(check_markup(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_field_is_empty_and_population_relative_proxies_say_so() {
        for l in LESSONS {
            for (field, text) in
                [("measures", l.measures), ("paper", l.paper()), ("works", l.works), ("fails", l.fails)]
            {
                assert!(text.trim().len() > 10, "{}: {field} is empty", l.name);
            }
            assert!(!l.badges().is_empty());
            if l.needs().population {
                assert!(l.measures.contains("population-relative"), "{}", l.name);
                assert!(l.badges().contains(&"population-relative"));
            }
        }
        assert!(lesson("te_nas").is_some_and(|l| l.needs.population));
        assert!(lesson("az_nas").is_some_and(|l| l.needs.population));
        assert!(INTRO.iter().all(|p| !p.trim().is_empty()));
        assert!(FINDINGS.iter().any(|f| f.text.contains("top 5 %")));
        assert!(FINDINGS.iter().any(|f| f.text.contains("parameter count")));
    }
}
