/**
 * The "What am I looking at?" texts beside each plot: what is drawn, how to read it, and the
 * papers the method comes from. Plain strings, so a test can hold them to the definitions.
 */

export type ExplainerTopic =
  | 'curves'
  | 'slice1d'
  | 'landscape2d'
  | 'interpolation'
  | 'sharpness'
  | 'sharpnessTracking'
  | 'trajectories'
  | 'sideBySide'
  | 'reproduce';

export interface ExplainerText {
  paragraphs: string[];
  /** Papers the plot's method follows, "Authors year, title". */
  references: string[];
}

const LI = 'Li, Xu, Taylor, Studer & Goldstein 2018, Visualizing the Loss Landscape of Neural Nets';
const GOODFELLOW =
  'Goodfellow, Vinyals & Saxe 2015, Qualitatively Characterizing Neural Network Optimization Problems';
const KADDOUR = 'Kaddour, Liu, Silva & Kusner 2022, When Do Flat Minima Optimizers Work?';
const FORET = 'Foret, Kleiner, Mobahi & Neyshabur 2021, Sharpness-Aware Minimization';
const KESKAR =
  'Keskar, Mudigere, Nocedal, Smelyanskiy & Tang 2017, On Large-Batch Training for Deep Learning: Generalization Gap and Sharp Minima';
const KWON =
  'Kwon, Kim, Park & Choi 2021, ASAM: Adaptive Sharpness-Aware Minimization for Scale-Invariant Learning of Deep Neural Networks';
const ANDRIUSHCHENKO =
  'Andriushchenko, Croce, Müller, Hein & Flammarion 2023, A Modern Look at the Relationship between Sharpness and Generalization';
const IZMAILOV =
  'Izmailov, Podoprikhin, Garipov, Vetrov & Wilson 2018, Averaging Weights Leads to Wider Optima and Better Generalization';

const COHEN =
  'Cohen, Kaur, Li, Kolter & Talwalkar 2021, Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability';
const LONG_BARTLETT =
  'Long & Bartlett 2023, Sharpness-Aware Minimization and the Edge of Stability';

const FILTER_NORM =
  'Why filter normalisation: a network with ReLUs computes the same function when a filter is scaled up and the next layer scaled down, so a raw random step of a fixed size means a lot for small filters and nothing for large ones. Li et al. rescale each filter of the direction d to the norm of the same filter in w, so t = 1 moves every filter by its own size and landscapes of different networks become comparable.';

export const EXPLAINERS: Record<ExplainerTopic, ExplainerText> = {
  sharpnessTracking: {
    paragraphs: [
      'λ_max is the largest eigenvalue of the Hessian of the training loss: the curvature along the steepest direction of the basin. It is measured every k steps by power iteration (warm-started from the previous eigenvector, at most 6 Hessian-vector products) on a fixed, seeded sample of 64 training images with the labels the run trains on — the noisy ones under label noise — in eval mode, with the BatchNorm moving statistics, so successive points differ only through the weights. With weight decay the curvature of the objective is λ_max plus the decay.',
      'The dashed line is the stability threshold: gradient descent with step η diverges along a direction whose curvature exceeds 2/η, and heavy-ball momentum β moves that edge to 2(1+β)/η. With a changing learning rate it is drawn step by step from the rate actually used. Cohen et al. found that full-batch gradient descent sharpens until λ_max reaches this edge and then hovers there; mini-batch SGD usually levels off below it.',
      "SAM's own edge is lower: Long & Bartlett show that it depends on ρ and on the norm of the gradient and lies below 2/η. It is not drawn here; the line for SAM runs is that of their base SGD. Adam has no such threshold, so Adam runs get no line. Here is where SGD sharpens and SAM stays flatter.",
    ],
    references: [COHEN, LONG_BARTLETT],
  },
  curves: {
    paragraphs: [
      'The mini-batch loss at every step (faint) and the loss and accuracy after each epoch on fixed samples of the training and test sets. The gap between train and test accuracy is the generalisation gap; flat-minima methods aim to shrink it.',
      'For SWA and WASAM the averaged weights are evaluated as well, with BatchNorm statistics recomputed: they often beat the iterates they average.',
    ],
    references: [IZMAILOV, KADDOUR],
  },
  slice1d: {
    paragraphs: [
      'Each point is the loss at w + t·d: w are the trained weights, d is one direction in weight space and t how far to move along it (t = 0 is w itself, negative t goes the other way).',
      FILTER_NORM,
      'How to read it: a wide, shallow bowl means the loss barely changes when the weights are perturbed (a flat minimum); a narrow, steep one means a sharp minimum. Flat minima are associated with better generalisation, although the link is not a law.',
    ],
    references: [LI, KESKAR],
  },
  landscape2d: {
    paragraphs: [
      'The loss at w + a·d₁ + b·d₂ over a grid of (a, b): a plane through the trained weights (the × at the centre) spanned by two filter-normalised directions.',
      FILTER_NORM,
      'Flat vs sharp: widely spaced contours around the centre mean a flat basin, tightly packed rings a sharp one. Compare runs only on the same directions and the same colour scale.',
    ],
    references: [LI],
  },
  interpolation: {
    paragraphs: [
      'θ(α) = (1 − α)·A + α·B walks the straight line between two weight vectors: A at α = 0, B at α = 1, beyond them it extrapolates. From the initial to the final weights it shows whether training met any obstacle on the way (Goodfellow et al.: usually not).',
      'Between two solutions, a bump above the straight line joining their losses is a barrier: they lie in different basins. No barrier means one connected basin. Kaddour et al. observe that SGD and SWA solutions share a basin while SAM moves to a different one.',
    ],
    references: [GOODFELLOW, KADDOUR],
  },
  sharpness: {
    paragraphs: [
      'λ_max is the largest eigenvalue of the Hessian of the loss: the curvature along the sharpest direction. The trace is the sum of all eigenvalues, the average curvature (estimated with random probes).',
      'ρ-sharpness is Foret et al.’s worst case: max over ‖ε‖₂ ≤ ρ of L(w + ε) − L(w) on the fixed training sample (their m-sharpness with m = the whole sample), the quantity SAM minimises. It is found by projected gradient ascent from SAM’s own step, so the number is an attained value, a lower bound on the maximum.',
      'Adaptive ρ-sharpness is Kwon et al.’s: the same maximum over ‖ε/|w|‖₂ ≤ ρ, a ball stretched by |w| on every weight and bias exactly as the ASAM that trains here (davda54/sam’s adaptive=True, ρ = 2 by default), so rescaling a layer cannot fake flatness.',
      'Average-case sharpness is Andriushchenko et al.’s: the mean of L(w + δ) − L(w) over random δ with every weight perturbed by N(0, ρ²) noise (the noise is not scaled to norm ρ: ‖δ‖ ≈ ρ·√n), and in the adaptive version by N(0, ρ²·wᵢ²). At a minimum it is about ½ρ²·tr(H).',
      'Not computed: Keskar et al.’s ε-sharpness, which maximises over a box |εᵢ| ≤ ε(|wᵢ| + 1) and reports 100·(max L − L)/(1 + L); they found large-batch minima sharper by it and worse at generalising.',
      'Smaller numbers mean a flatter solution. The non-adaptive ones depend on the parametrisation (a rescaled network can look sharper without changing), which is why the adaptive variants and filter-normalised plots exist.',
    ],
    references: [FORET, KWON, ANDRIUSHCHENKO, KESKAR],
  },
  trajectories: {
    paragraphs: [
      'Each line is one run of the comparison: its weights at the start and after every epoch, projected on a plane through the common initial weights w₀. While the runs train the plane is fixed and random (two filter-normalised directions, coordinates ⟨w − w₀, d⟩/‖d‖²); when they end it becomes the plane of the two principal components of all checkpoints together (rows w − w₀, with w₀ itself kept as a zero row as Li et al.’s plot_trajectory.py keeps its final point), which shows as much of their motion as any plane can.',
      'Random directions in millions of dimensions are almost orthogonal to where training goes, so on the random plane the paths look short and tangled; the PCA plane reveals how the optimizers part ways. Diamonds mark the SWA/WASAM averages.',
    ],
    references: [LI],
  },
  sideBySide: {
    paragraphs: [
      'The same plots for several runs at once: every landscape is cut along the same random draw of directions, each rescaled to that run’s own filters (Li et al.), and drawn with one colour scale, so a wider blue region really is a wider basin.',
      'The table adds the generalisation gap (train accuracy − test accuracy, and test loss − train loss) and, once computed, λ_max and ρ-sharpness of each solution.',
    ],
    references: [LI, FORET],
  },
  reproduce: {
    paragraphs: [
      'Each preset trains the runs a paper’s observation needs in a regime where the paper predicts the effect (an over-parameterised model trained to near-zero loss, plain SGD at a learning rate where sharpness reaches 2/η, a long constant-LR phase for averaging, ρ within 0.05–0.2), on five paired seeds: every optimizer of a seed starts from the same weights and sees the same data order.',
      'A verdict is a statistic of the per-seed paired effects: “supported” only when their 95% Student-t confidence interval excludes 0 on the claimed side, “contradicted” when it excludes 0 on the other, otherwise “inconclusive”. The exact sign-test p-value is shown too; with five seeds it cannot go below 0.0625, so agreement of every seed alone is not significant at 0.05.',
    ],
    references: [IZMAILOV, FORET, KADDOUR],
  },
};
