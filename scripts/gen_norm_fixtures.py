#!/usr/bin/python3
"""Golden fixtures for nn.BatchNorm2d (eval), nn.Dropout (eval) and nn.AdaptiveAvgPool2d, from PyTorch.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_norm_fixtures.py
Writes test/fixtures/norm.json (committed; CI never needs torch).
"""
import json
from pathlib import Path

import torch
import torch.nn as nn

ROOT = Path(__file__).resolve().parent.parent
gen = torch.Generator().manual_seed(20261127)


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


batch_norm = []
for shape, eps, affine, track in [
    ([2, 3, 4, 5], 1e-5, True, True), ([1, 4, 3, 3], 1e-3, True, True), ([3, 2, 2], 1e-5, True, True),
    ([2, 5, 1, 7], 1e-5, False, True), ([4, 3, 3], 0.1, False, True), ([0, 3, 2, 2], 1e-5, True, True),
    ([1, 1, 1, 1], 1e-5, True, True), ([2, 3, 4, 4], 1e-5, True, False), ([3, 5, 6], 1e-4, False, False),
]:
    c = shape[-3]
    layer = nn.BatchNorm2d(c, eps=eps, affine=affine, track_running_stats=track).eval()
    with torch.no_grad():
        if track:
            layer.running_mean.copy_(randn(c))
            layer.running_var.copy_(torch.rand(c, generator=gen) * 2 + 0.05)
        if affine:
            layer.weight.copy_(randn(c))
            layer.bias.copy_(randn(c))
        x = randn(*shape) * 2 + 0.5
        # nn.BatchNorm2d takes 4-D input only: unbatched input is a batch of one
        y = layer(x) if len(shape) == 4 else layer(x.unsqueeze(0)).squeeze(0)
    batch_norm.append({
        "name": f"x={shape} eps={eps} affine={affine} track={track}".replace(" ", "").replace("eps", " eps").replace("affine", " affine").replace("track", " track"),
        "numFeatures": c, "eps": eps, "affine": affine, "trackRunningStats": track,
        "input": {"shape": shape, "data": flat(x)},
        "runningMean": flat(layer.running_mean) if track else None,
        "runningVar": flat(layer.running_var) if track else None,
        "weight": flat(layer.weight) if affine else None,
        "bias": flat(layer.bias) if affine else None,
        "output": {"shape": list(y.shape), "data": flat(y)},
    })

adaptive = []
for shape, size in [
    ([1, 2, 8, 8], 4), ([1, 1, 7, 7], 3), ([2, 3, 5, 7], [2, 3]), ([3, 6, 6], 6), ([1, 1, 3, 4], 5),
    ([1, 2, 5, 7], [2, None]), ([2, 3, 5], [None, 4]), ([1, 1, 4, 4], [None, None]), ([1, 512, 7, 7], 1),
    ([2, 1, 10, 3], [7, 2]), ([1, 1, 2, 2], 0), ([0, 3, 5, 5], 2), ([1, 0, 5, 5], 2), ([1, 2, 1, 1], [3, 2]),
]:
    x = randn(*shape)
    layer = nn.AdaptiveAvgPool2d(tuple(size) if isinstance(size, list) else size)
    y = layer(x)
    adaptive.append({"input": {"shape": shape, "data": flat(x)}, "outputSize": size, "output": {"shape": list(y.shape), "data": flat(y)}})

dropout = {"input": flat(randn(20)), "p": [0.0, 0.5, 1.0]}


def rejects(make):
    try:
        make()
    except (RuntimeError, ValueError) as e:
        return str(e)
    raise AssertionError("torch accepted a case listed as an error")


errors = []
for shape, c, affine, track in [([1, 3, 8, 8], 4, True, True), ([2, 5, 2, 2], 4, False, True), ([1, 3, 8, 8], 4, True, False), ([8, 8], 4, True, True), ([1, 4, 8, 8, 2], 4, True, True), ([4], 4, True, True)]:
    layer = nn.BatchNorm2d(c, affine=affine, track_running_stats=track).eval()
    errors.append({"op": "BatchNorm2d", "shape": shape, "numFeatures": c, "affine": affine, "trackRunningStats": track,
                   "torch": rejects(lambda: layer(torch.zeros(*shape)))})
for shape, size in [([3, 7], 2), ([1, 3, 0, 7], 2), ([3, 5, 0], 2), ([1, 1, 2, 3, 4], 2), ([1, 3, 5, 7], -1), ([1, 3, 5, 7], [2, -3])]:
    errors.append({"op": "AdaptiveAvgPool2d", "shape": shape, "outputSize": size,
                   "torch": rejects(lambda: nn.AdaptiveAvgPool2d(tuple(size) if isinstance(size, list) else size)(torch.zeros(*shape)))})
for p in [1.5, -0.1]:
    errors.append({"op": "Dropout", "p": p, "torch": rejects(lambda: nn.Dropout(p))})

out = {"torch": torch.__version__, "batchNorm": batch_norm, "adaptiveAvgPool": adaptive, "dropout": dropout, "errors": errors}
(ROOT / "test" / "fixtures" / "norm.json").write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {len(batch_norm)} batch norm, {len(adaptive)} adaptive pool, {len(errors)} error cases")
