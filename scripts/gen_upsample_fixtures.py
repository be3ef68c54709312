#!/usr/bin/python3
"""Generates test/fixtures/upsample.json from PyTorch (the oracle) for test/upsample.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_upsample_fixtures.py
Deterministic. Inputs and upstream gradients are not stored: both sides compute them,
input[k] = float32(sin(0.7·k + 0.3)) and gradOutput[k] = float32(cos(1.3·k)), so the file holds
only torch's results: for F.interpolate every mode × alignCorners × size / scaleFactor case
(integer and non-integer scales, up and down, rectangular, recomputeScaleFactor) the output and
the input's gradient from torch.autograd; the same for F.pixel_shuffle / F.pixel_unshuffle; and
the errors torch raises (the first line of its message), which shapecheck must raise too.
"""
import json
import math
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "upsample.json"


# the standard inputs, gradients and printing (shared with the other layer scripts)
from fixture_inputs import error_of, flat, grads, inputs, values  # noqa: E402,F401


def kwargs_of(opts):
    kw = {}
    if "size" in opts:
        kw["size"] = tuple(opts["size"]) if isinstance(opts["size"], list) else opts["size"]
    if "scaleFactor" in opts:
        kw["scale_factor"] = tuple(opts["scaleFactor"]) if isinstance(opts["scaleFactor"], list) else opts["scaleFactor"]
    kw["mode"] = opts.get("mode", "nearest")
    if "alignCorners" in opts:
        kw["align_corners"] = opts["alignCorners"]
    if "recomputeScaleFactor" in opts:
        kw["recompute_scale_factor"] = opts["recomputeScaleFactor"]
    return kw


# (input [H, W], options without the mode)
RESIZES = [
    ([3, 4], {"size": [5, 7]}),
    ([5, 7], {"size": [2, 3]}),
    ([3, 3], {"size": 6}),
    ([4, 6], {"size": [4, 9]}),
    ([3, 4], {"scaleFactor": 2}),
    ([2, 3], {"scaleFactor": [3, 1]}),
    ([4, 5], {"scaleFactor": [1.5, 2.5]}),
    ([4, 5], {"scaleFactor": [1.5, 2.5], "recomputeScaleFactor": True}),
    ([6, 7], {"scaleFactor": 0.5}),
    ([10, 9], {"scaleFactor": [0.3, 0.7]}),
    ([10, 9], {"scaleFactor": [0.3, 0.7], "recomputeScaleFactor": True}),
    ([5, 5], {"scaleFactor": 2.1}),
    ([5, 5], {"scaleFactor": 2.1, "recomputeScaleFactor": False}),
    ([7, 6], {"scaleFactor": 1.1}),
    ([7, 6], {"scaleFactor": 1.1, "recomputeScaleFactor": True}),
    ([9, 11], {"scaleFactor": [0.29, 1.7]}),
    ([1, 4], {"size": [3, 1]}),
]
MODES = [
    {"mode": "nearest"},
    {"mode": "nearest-exact"},
    {"mode": "bilinear"},
    {"mode": "bilinear", "alignCorners": False},
    {"mode": "bilinear", "alignCorners": True},
]


def interpolate_cases():
    cases = []
    for mode in MODES:
        for hw, resize in RESIZES:
            opts = {**resize, **mode}
            if mode == {"mode": "nearest"} and "size" in resize and resize["size"] == 6:
                del opts["mode"]  # the default mode
            # one channel: PyTorch runs its channels-last kernel (nearest_idx's shortcuts), more: the generic one
            for shape in [[1, 2, *hw]] + ([[2, 1, *hw]] if mode["mode"] != "bilinear" or "alignCorners" not in mode else []):
                x = inputs(shape).requires_grad_()
                y = F.interpolate(x, **kwargs_of(opts))
                y.backward(grads(list(y.shape)))
                cases.append({"input": shape, "options": opts, "output": {"shape": list(y.shape), "values": flat(y)}, "gradInput": flat(x.grad)})
    return cases


def shuffle_cases():
    cases = []
    for op, shape, r in [
        ("pixelShuffle", [2, 8, 3, 2], 2),
        ("pixelShuffle", [1, 9, 2, 2], 3),
        ("pixelShuffle", [4, 3, 2], 1),
        ("pixelShuffle", [2, 1, 4, 2, 3], 2),
        ("pixelUnshuffle", [2, 2, 4, 6], 2),
        ("pixelUnshuffle", [1, 1, 6, 3], 3),
        ("pixelUnshuffle", [3, 2, 2], 2),
    ]:
        x = inputs(shape).requires_grad_()
        y = (F.pixel_shuffle if op == "pixelShuffle" else F.pixel_unshuffle)(x, r)
        y.backward(grads(list(y.shape)))
        cases.append({"op": op, "input": shape, "factor": r, "output": {"shape": list(y.shape), "values": flat(y)}, "gradInput": flat(x.grad)})
    return cases


def interpolate_errors():
    cases = [
        ([1, 2, 4, 4], {"scaleFactor": 2, "alignCorners": True}),
        ([1, 2, 4, 4], {"scaleFactor": 2, "mode": "nearest-exact", "alignCorners": False}),
        ([1, 2, 4, 4], {"size": 3, "scaleFactor": 2}),
        ([1, 2, 4, 4], {}),
        ([1, 2, 4, 4], {"size": 3, "recomputeScaleFactor": True}),
        ([1, 2, 4, 4], {"size": 0}),
        ([1, 2, 4, 4], {"size": [2, -2]}),
        ([1, 2, 4, 4], {"scaleFactor": 0}),
        ([1, 2, 4, 4], {"scaleFactor": -1.5}),
        ([1, 2, 4, 4], {"size": [2, 2, 2]}),
        ([1, 2, 4, 4], {"scaleFactor": [2, 2, 2]}),
        ([1, 2, 4, 4], {"scaleFactor": 0.2}),
        ([1, 2, 4, 4], {"scaleFactor": [1, 0.1], "mode": "bilinear"}),
        ([1, 2, 0, 4], {"size": 2}),
        ([1, 0, 4, 4], {"size": 2}),
        ([1, 0, 4, 4], {"size": 2, "mode": "bilinear"}),
        ([2, 4, 4], {"size": [8, 8], "mode": "bilinear"}),
        ([2, 4, 4], {"scaleFactor": 2, "mode": "bilinear"}),
        ([1, 2, 4, 4, 4], {"scaleFactor": 2, "mode": "bilinear"}),
        ([4, 4], {"scaleFactor": 2}),
        ([4, 4], {"scaleFactor": 2, "mode": "bilinear"}),
    ]
    out = []
    for shape, opts in cases:
        kw = kwargs_of(opts)
        x = torch.zeros(shape)
        out.append({"input": shape, "options": opts, "torch": error_of(lambda: F.interpolate(x, **kw))})
    return out


def shuffle_errors():
    out = []
    for op, shape, r in [
        ("pixelShuffle", [1, 6, 2, 2], 2),
        ("pixelShuffle", [1, 8, 2, 2], 0),
        ("pixelShuffle", [1, 8, 2, 2], -1),
        ("pixelShuffle", [8, 2], 2),
        ("pixelShuffle", [1, 8, 2, 2], 1.5),
        ("pixelUnshuffle", [1, 2, 4, 3], 2),
        ("pixelUnshuffle", [1, 2, 3, 4], 2),
        ("pixelUnshuffle", [1, 2, 4, 4], 0),
        ("pixelUnshuffle", [4, 4], 2),
    ]:
        x = torch.zeros(shape)
        fn = F.pixel_shuffle if op == "pixelShuffle" else F.pixel_unshuffle
        out.append({"op": op, "input": shape, "factor": r, "torch": error_of(lambda: fn(x, r))})
    return out


def main():
    fixture = {
        "torch": torch.__version__,
        "interpolate": interpolate_cases(),
        "shuffle": shuffle_cases(),
        "interpolateErrors": interpolate_errors(),
        "shuffleErrors": shuffle_errors(),
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes): {len(fixture['interpolate'])} interpolate cases, {len(fixture['shuffle'])} shuffle cases")


if __name__ == "__main__":
    main()
