#!/usr/bin/python3
"""Golden fixtures for nn.LayerNorm, nn.GroupNorm, nn.InstanceNorm2d and nn.BatchNorm1d (issue 12).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_norm2_fixtures.py
Writes test/fixtures/norm2.json (committed; CI never needs torch). Deterministic (fixed seeds, one
thread). For each layer, cases over its options and several shapes: the parameters, the inputs of
`steps` forward passes (training, or eval), the last output, a random gradOutput and the gradients
torch.autograd leaves in the input, weight and bias; running statistics after the steps and an
eval output after them where the layer keeps running statistics; and the errors PyTorch raises.
Options are camelCased as shapecheck takes them; tensors are {shape, data} of float32 values.
"""
import json
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "norm2.json"
torch.set_num_threads(1)
torch.manual_seed(20261212)


def t(x):
    return None if x is None else {"shape": list(x.shape), "data": [float(f"{v:.9g}") for v in x.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(*shape, dtype=torch.float32)


def randomize(layer):
    with torch.no_grad():
        if getattr(layer, "weight", None) is not None:
            layer.weight.copy_(1 + 0.5 * randn(*layer.weight.shape))
        if getattr(layer, "bias", None) is not None:
            layer.bias.copy_(randn(*layer.bias.shape))
        if getattr(layer, "running_mean", None) is not None:
            layer.running_mean.copy_(0.2 * randn(*layer.running_mean.shape))
            layer.running_var.copy_(0.5 + torch.rand(*layer.running_var.shape))


def run(layer, shape, training, steps, apply=None, scale=2.0, offset=0.5):
    """`steps` passes (backward on the last); the case's values."""
    randomize(layer)
    initial = {"weight": t(getattr(layer, "weight", None)), "bias": t(getattr(layer, "bias", None)),
               "runningMean": t(getattr(layer, "running_mean", None)), "runningVar": t(getattr(layer, "running_var", None))}
    layer.train(training)
    inputs = [scale * randn(*shape) + offset for _ in range(steps)]
    x = inputs[-1].requires_grad_()
    f = apply or layer
    for earlier in inputs[:-1]:
        f(earlier)
    y = f(x)
    g = randn(*y.shape)
    y.backward(g)
    case = {"training": training, "initial": initial, "inputs": [t(i) for i in inputs], "output": t(y), "gradOutput": t(g),
            "gradInput": t(x.grad), "gradWeight": t(layer.weight.grad) if getattr(layer, "weight", None) is not None else None,
            "gradBias": t(layer.bias.grad) if getattr(layer, "bias", None) is not None else None}
    if getattr(layer, "running_mean", None) is not None:
        case["runningMean"] = t(layer.running_mean)
        case["runningVar"] = t(layer.running_var)
        case["numBatchesTracked"] = int(layer.num_batches_tracked)
        # the eval output after the steps, on a fresh input
        layer.eval()
        probe = randn(*shape)
        with torch.no_grad():
            case["evalInput"] = t(probe)
            case["evalOutput"] = t(f(probe))
    return case


def name(shape, options, training=None, steps=None):
    parts = [f"x={json.dumps(shape, separators=(',', ':'))}"] + [f"{k}={json.dumps(v, separators=(',', ':'))}" for k, v in options.items()]
    if training is not None:
        parts.append(("training" if training else "eval") + f" steps={steps}")
    return " ".join(parts)


# --- LayerNorm --------------------------------------------------------------------------------
layer_norm = []
for shape, opts in [
    ([4, 5], {"normalizedShape": 5}),
    ([2, 3, 4], {"normalizedShape": [4]}),
    ([2, 3, 4], {"normalizedShape": [3, 4]}),
    ([3, 2, 2, 3], {"normalizedShape": [2, 2, 3], "eps": 1e-3}),
    ([5], {"normalizedShape": 5}),
    ([2, 6], {"normalizedShape": 6, "elementwiseAffine": False}),
    ([3, 4], {"normalizedShape": [4], "bias": False}),
    ([2, 1], {"normalizedShape": 1}),
    ([0, 4], {"normalizedShape": 4}),
    ([2, 7], {"normalizedShape": 7, "eps": 0.5}),
]:
    ns = opts["normalizedShape"]
    layer = nn.LayerNorm(ns, eps=opts.get("eps", 1e-5), elementwise_affine=opts.get("elementwiseAffine", True))
    apply = None
    if opts.get("bias") is False:  # torch 1.13 has no bias=False: the functional form without a bias
        layer.bias = None
        apply = lambda x, layer=layer, ns=ns: F.layer_norm(x, [ns] if isinstance(ns, int) else ns, layer.weight, None, layer.eps)
    # large offsets too: the statistics must be stable
    case = run(layer, shape, True, 1, apply, offset=0.5 if shape != [2, 7] else 1000.0)
    layer_norm.append({"name": name(shape, opts), "options": opts, **case})

# --- GroupNorm --------------------------------------------------------------------------------
group_norm = []
for shape, opts in [
    ([2, 4, 3], {"numGroups": 2, "numChannels": 4}),
    ([2, 6, 3, 3], {"numGroups": 3, "numChannels": 6}),
    ([1, 6, 2, 2], {"numGroups": 1, "numChannels": 6, "eps": 1e-3}),
    ([3, 4, 2, 2], {"numGroups": 4, "numChannels": 4}),
    ([2, 4], {"numGroups": 2, "numChannels": 4}),
    ([2, 6, 2, 3], {"numGroups": 2, "numChannels": 6, "affine": False}),
    ([2, 4, 2, 2, 2], {"numGroups": 2, "numChannels": 4}),
    ([1, 8, 5], {"numGroups": 4, "numChannels": 8, "eps": 0.1}),
]:
    layer = nn.GroupNorm(opts["numGroups"], opts["numChannels"], eps=opts.get("eps", 1e-5), affine=opts.get("affine", True))
    group_norm.append({"name": name(shape, opts), "options": opts, **run(layer, shape, True, 1)})

# --- InstanceNorm2d ---------------------------------------------------------------------------
instance_norm = []
for shape, opts, training, steps in [
    ([2, 3, 4, 4], {"numFeatures": 3}, True, 1),
    ([3, 4, 5], {"numFeatures": 3}, True, 1),
    ([2, 3, 3, 4], {"numFeatures": 3, "affine": True}, True, 1),
    ([2, 2, 3, 3], {"numFeatures": 2, "affine": True, "eps": 1e-3}, False, 1),
    ([2, 3, 3, 3], {"numFeatures": 3, "trackRunningStats": True}, True, 3),
    ([3, 2, 2, 3], {"numFeatures": 2, "trackRunningStats": True, "affine": True, "momentum": 0.3}, True, 2),
    ([2, 4, 4], {"numFeatures": 2, "trackRunningStats": True}, True, 2),
    ([2, 2, 3, 3], {"numFeatures": 2, "trackRunningStats": True, "affine": True}, False, 1),
    ([2, 2, 1, 1], {"numFeatures": 2, "trackRunningStats": True}, False, 1),
]:
    layer = nn.InstanceNorm2d(opts["numFeatures"], eps=opts.get("eps", 1e-5), momentum=opts.get("momentum", 0.1),
                              affine=opts.get("affine", False), track_running_stats=opts.get("trackRunningStats", False))
    instance_norm.append({"name": name(shape, opts, training, steps), "options": opts, **run(layer, shape, training, steps)})

# --- BatchNorm1d ------------------------------------------------------------------------------
batch_norm = []
for shape, opts, training, steps in [
    ([4, 3], {"numFeatures": 3}, True, 1),
    ([3, 2, 5], {"numFeatures": 2}, True, 2),
    ([5, 3], {"numFeatures": 3, "momentum": None}, True, 3),
    ([2, 3, 4], {"numFeatures": 3, "momentum": 0.3, "eps": 1e-3}, True, 3),
    ([4, 2], {"numFeatures": 2, "affine": False}, True, 2),
    ([3, 2, 2], {"numFeatures": 2, "trackRunningStats": False}, True, 1),
    ([3, 3], {"numFeatures": 3}, False, 1),
    ([2, 2, 3], {"numFeatures": 2, "trackRunningStats": False, "affine": False}, False, 1),
    ([1, 2, 4], {"numFeatures": 2}, True, 1),
]:
    layer = nn.BatchNorm1d(opts["numFeatures"], eps=opts.get("eps", 1e-5), momentum=opts.get("momentum", 0.1),
                           affine=opts.get("affine", True), track_running_stats=opts.get("trackRunningStats", True))
    batch_norm.append({"name": name(shape, opts, training, steps), "options": opts, **run(layer, shape, training, steps)})


# --- errors -----------------------------------------------------------------------------------
def rejects(make):
    try:
        make()
    except (RuntimeError, ValueError, IndexError) as e:
        return str(e)
    raise AssertionError("torch accepted a case listed as an error")


errors = []
for shape, ns in [([2, 3], 4), ([2, 5, 4], [3, 4]), ([4], [3, 4]), ([2, 3, 4], [2, 4])]:
    errors.append({"op": "LayerNorm", "shape": shape, "options": {"normalizedShape": ns},
                   "torch": rejects(lambda: nn.LayerNorm(ns)(torch.zeros(*shape)))})
errors.append({"op": "LayerNorm", "options": {"normalizedShape": []}, "torch": rejects(lambda: nn.LayerNorm([])(torch.zeros(2, 3)))})
for shape, opts in [([1, 6, 3], {"numGroups": 2, "numChannels": 4}), ([1, 5, 3], {"numGroups": 2, "numChannels": 4}),
                    ([1, 5, 3], {"numGroups": 2, "numChannels": 4, "affine": False}), ([2], {"numGroups": 2, "numChannels": 4}),
                    ([1, 2], {"numGroups": 2, "numChannels": 2}), ([1, 2, 1, 1], {"numGroups": 2, "numChannels": 2})]:
    errors.append({"op": "GroupNorm", "shape": shape, "options": opts,
                   "torch": rejects(lambda: nn.GroupNorm(opts["numGroups"], opts["numChannels"], affine=opts.get("affine", True))(torch.zeros(*shape)))})
errors.append({"op": "GroupNorm", "options": {"numGroups": 3, "numChannels": 4}, "torch": rejects(lambda: nn.GroupNorm(3, 4))})
for shape, opts, training in [([2, 3], {"numFeatures": 3}, True), ([2, 4, 5, 5], {"numFeatures": 3, "affine": True}, True),
                              ([2, 4, 5, 5], {"numFeatures": 3, "trackRunningStats": True}, True), ([2, 3, 1, 1], {"numFeatures": 3}, True),
                              ([1, 2, 3, 4, 5], {"numFeatures": 2}, True)]:
    layer = nn.InstanceNorm2d(opts["numFeatures"], affine=opts.get("affine", False), track_running_stats=opts.get("trackRunningStats", False)).train(training)
    errors.append({"op": "InstanceNorm2d", "shape": shape, "options": opts, "training": training, "torch": rejects(lambda: layer(torch.zeros(*shape)))})
for shape, opts, training in [([3], {"numFeatures": 3}, True), ([2, 4], {"numFeatures": 3}, False), ([2, 4, 5], {"numFeatures": 3}, False),
                              ([2, 4], {"numFeatures": 3, "trackRunningStats": False}, False), ([1, 3], {"numFeatures": 3}, True),
                              ([1, 3, 1], {"numFeatures": 3}, True), ([1, 3, 1, 1], {"numFeatures": 3}, False)]:
    layer = nn.BatchNorm1d(opts["numFeatures"], track_running_stats=opts.get("trackRunningStats", True)).train(training)
    errors.append({"op": "BatchNorm1d", "shape": shape, "options": opts, "training": training, "torch": rejects(lambda: layer(torch.zeros(*shape)))})

out = {"torch": torch.__version__, "generator": "scripts/gen_norm2_fixtures.py", "layerNorm": layer_norm, "groupNorm": group_norm,
       "instanceNorm2d": instance_norm, "batchNorm1d": batch_norm, "errors": errors}
OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
print(f"{OUT.relative_to(ROOT)}: layerNorm {len(layer_norm)}, groupNorm {len(group_norm)}, instanceNorm2d {len(instance_norm)}, "
      f"batchNorm1d {len(batch_norm)}, errors {len(errors)}; {OUT.stat().st_size} bytes")
