#!/usr/bin/python3
"""Generates test/fixtures/modern-layers.json from PyTorch 1.13 / torchvision 0.14 (the oracle) for
test/modern-layers.test.ts: the layers that MobileNetV3, EfficientNet and ConvNeXt need beyond the
others (issue 12, section 3).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_modern_layer_fixtures.py
Deterministic. Inputs and upstream gradients are not stored: both sides compute them,
input[k] = float32(sin(0.7·k + 0.3)) and gradOutput[k] = float32(cos(1.3·k)), so the file holds
only torch's results (output, and the input's gradient from torch.autograd) and the errors
torchvision raises (first line of its message).

StochasticDepth draws from torch's generator, which shapecheck does not reproduce: the cases are
computed by torchvision's own `stochastic_depth` with its Bernoulli draw forced to keep every
sample ("kept") and to drop every sample ("dropped"); shapecheck's output must then be, sample by
sample (mode 'row') or as a whole ('batch'), one of the two, and its gradient the same one's.
"""
import json
import math
from pathlib import Path

import torch
import torchvision
from torchvision.ops import stochastic_depth
from torchvision.ops.misc import Permute
from torchvision.models.convnext import LayerNorm2d

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "modern-layers.json"
torch.manual_seed(0)
torch.set_num_threads(1)


# the standard inputs, gradients and torch's error text (shared with the other layer scripts);
# these fixtures print 9 significant digits
from fixture_inputs import error_of, grads, inputs, values  # noqa: E402,F401
from fixture_inputs import flat as flat_digits, run as run_digits  # noqa: E402


def flat(t):
    return flat_digits(t, 9)


def run(fn, shape):
    return run_digits(fn, shape, 9)


def forced(fill):
    """torch.Tensor.bernoulli_ replaced by a fill (1: every draw keeps, 0: every draw drops)."""
    original = torch.Tensor.bernoulli_

    class Forced:
        def __enter__(self):
            torch.Tensor.bernoulli_ = lambda self, p=0.5, generator=None: self.fill_(fill)

        def __exit__(self, *args):
            torch.Tensor.bernoulli_ = original

    return Forced()


def stochastic_depth_section():
    cases, errors = [], []
    shapes = [[4, 3, 2, 2], [2, 5], [3, 2, 3], [5]]
    for mode in ["row", "batch"]:
        for p in [0.0, 0.2, 0.5, 1.0]:
            for shape in shapes:
                for training in [True, False]:
                    kept, kept_grad = None, None
                    with forced(1.0):
                        kept, kept_grad = run(lambda x: stochastic_depth(x, p, mode, training), shape)
                    with forced(0.0):
                        dropped, dropped_grad = run(lambda x: stochastic_depth(x, p, mode, training), shape)
                    cases.append({"p": p, "mode": mode, "training": training, "shape": shape,
                                  "kept": kept["values"], "keptGrad": kept_grad,
                                  "dropped": dropped["values"], "droppedGrad": dropped_grad})
    x = inputs([2, 3])
    for p, mode in [(-0.1, "row"), (1.5, "batch"), (0.2, "rows"), (0.2, "Batch")]:
        errors.append({"p": p, "mode": mode, "error": error_of(lambda: stochastic_depth(x, p, mode, True))})
    return {"cases": cases, "errors": errors}


def permute_section():
    cases, errors = [], []
    for shape, dims in [([2, 3, 4, 5], [0, 2, 3, 1]), ([2, 4, 5, 3], [0, 3, 1, 2]), ([2, 3, 4], [2, 0, 1]),
                        ([3, 4], [1, 0]), ([2, 3, 4, 5], [-1, 0, -2, 1]), ([5], [0]), ([1, 2, 1, 3], [3, 2, 1, 0])]:
        out, gin = run(Permute(dims), shape)
        cases.append({"shape": shape, "dims": dims, "output": out, "gradInput": gin})
    for shape, dims in [([2, 3, 4], [0, 2, 3, 1]), ([2, 3, 4, 5], [0, 1, 1, 2]), ([2, 3], [0, 2])]:
        errors.append({"shape": shape, "dims": dims, "error": error_of(lambda: Permute(dims)(inputs(shape)))})
    return {"cases": cases, "errors": errors}


def layer_norm2d_section():
    cases, errors = [], []
    for shape, eps, affine in [([2, 4, 3, 5], 1e-6, True), ([1, 3, 2, 2], 1e-5, True), ([2, 5, 1, 3], 1e-6, False), ([3, 1, 2, 2], 1e-3, True)]:
        m = LayerNorm2d(shape[1], eps=eps, elementwise_affine=affine)
        if affine:
            with torch.no_grad():
                m.weight.copy_(values([shape[1]], lambda k: 1 + 0.5 * math.sin(k)))
                m.bias.copy_(values([shape[1]], lambda k: 0.3 * math.cos(k)))
        out, gin = run(m, shape)
        case = {"shape": shape, "eps": eps, "elementwiseAffine": affine, "output": out, "gradInput": gin}
        if affine:
            case["gradWeight"] = flat(m.weight.grad)
            case["gradBias"] = flat(m.bias.grad)
        cases.append(case)
    for shape, channels in [([1, 3, 5, 5], 4), ([1, 4, 5], 4), ([2, 4, 5, 5, 1], 4)]:
        errors.append({"shape": shape, "normalizedShape": channels, "error": error_of(lambda: LayerNorm2d(channels)(inputs(shape)))})
    return {"cases": cases, "errors": errors}


def layer_scale_section():
    """torchvision's CNBlock: `self.layer_scale * x`, layer_scale = nn.Parameter(torch.ones(dim, 1, 1) * value)."""
    cases, errors = [], []
    for shape, scale_shape, value in [([2, 4, 3, 3], [4, 1, 1], 1e-6), ([1, 3, 2, 5], [3, 1, 1], 0.5), ([2, 5, 4], [4], 2.0), ([2, 3, 4], [3, 1], -1.5)]:
        scale = (torch.ones(scale_shape) * value).requires_grad_()
        out, gin = run(lambda x: scale * x, shape)
        cases.append({"shape": shape, "scaleShape": scale_shape, "initValue": value, "output": out, "gradInput": gin, "gradScale": flat(scale.grad)})
    for shape, scale_shape in [([1, 3, 5, 5], [4, 1, 1]), ([2, 5, 4], [5])]:
        errors.append({"shape": shape, "scaleShape": scale_shape, "error": error_of(lambda: torch.ones(scale_shape) * inputs(shape))})
    return {"cases": cases, "errors": errors}


fixture = {
    "torch": torch.__version__,
    "torchvision": torchvision.__version__,
    "generator": "scripts/gen_modern_layer_fixtures.py",
    "stochasticDepth": stochastic_depth_section(),
    "permute": permute_section(),
    "layerNorm2d": layer_norm2d_section(),
    "layerScale": layer_scale_section(),
}
OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v['cases'])} cases, {len(v['errors'])} errors" for k, v in fixture.items() if isinstance(v, dict)))
