#!/usr/bin/python3
"""Generates test/fixtures/grads.json from PyTorch's autograd (the oracle) for test/grads.test.ts.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_grad_fixtures.py
Deterministic (fixed seeds, one thread). For each op, cases with their options (camelCased as
shapecheck takes them), the inputs, a random gradOutput, torch's output and the gradients that
`output.backward(gradOutput)` leaves in every input's `.grad`. Tensors are `{shape, data}` with
flat float32 values written as the exact doubles they are. BatchNorm2d cases run the layer for
one or more training steps (or in eval mode) and record the running statistics after them.

Ops: nn.Conv2d (every option, padding mode, 'same'/'valid', unbatched), F.pad (four modes),
F.max_pool2d (dilation, ceil mode, ties), F.avg_pool2d (countIncludePad, divisorOverride,
ceilMode), F.adaptive_avg_pool2d, nn.BatchNorm2d (training and eval, momentum and null,
affine/trackRunningStats), torch.cat.
"""
import json
import random
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "grads.json"
torch.set_num_threads(1)
torch.manual_seed(20261206)
rng = random.Random(20261206)


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def randn(shape):
    return torch.randn(shape, dtype=torch.float32)


def label(options):
    """`k=3 s=2` from camelCased options, for the case's name."""
    short = {"kernelSize": "k", "stride": "s", "padding": "p", "dilation": "d", "groups": "g", "paddingMode": "mode", "bias": "bias",
             "ceilMode": "ceil", "countIncludePad": "countIncludePad", "divisorOverride": "divisor", "outputSize": "out",
             "inChannels": "in", "outChannels": "out"}
    return " ".join(f"{short.get(k, k)}={json.dumps(v, separators=(',', ':'))}" for k, v in options.items())


cases = {"conv2d": [], "pad": [], "maxPool2d": [], "avgPool2d": [], "adaptiveAvgPool2d": [], "batchNorm2d": [], "cat": []}

# --- conv2d: nn.Conv2d(options); output.backward(gradOutput) ---------------------------------
conv_cases = [
    ([2, 3, 5, 6], {"inChannels": 3, "outChannels": 4, "kernelSize": 3}),
    ([1, 2, 6, 5], {"inChannels": 2, "outChannels": 3, "kernelSize": [3, 2], "stride": [2, 1], "padding": [1, 2]}),
    ([2, 4, 7, 7], {"inChannels": 4, "outChannels": 6, "kernelSize": 3, "groups": 2, "padding": 1, "bias": False}),
    ([1, 4, 6, 6], {"inChannels": 4, "outChannels": 4, "kernelSize": 3, "groups": 4, "padding": 1}),
    ([1, 2, 9, 8], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "dilation": [2, 1], "padding": 2}),
    ([2, 3, 5, 5], {"inChannels": 3, "outChannels": 5, "kernelSize": 1}),
    ([1, 2, 6, 7], {"inChannels": 2, "outChannels": 3, "kernelSize": [2, 4], "padding": "same"}),
    ([1, 2, 8, 6], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "dilation": 2, "padding": "same"}),
    ([1, 2, 5, 6], {"inChannels": 2, "outChannels": 3, "kernelSize": 2, "padding": "valid", "stride": 2}),
    ([2, 6, 7, 8], {"inChannels": 6, "outChannels": 4, "kernelSize": 3, "stride": 2, "padding": 1, "groups": 2, "dilation": [1, 2]}),
    ([3, 5, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "padding": 1}),
    ([1, 1, 4, 4], {"inChannels": 1, "outChannels": 1, "kernelSize": 5, "padding": 2, "stride": 3}),
]
for mode in ["reflect", "replicate", "circular"]:
    conv_cases += [
        ([2, 2, 5, 6], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": 1, "paddingMode": mode}),
        ([1, 4, 6, 5], {"inChannels": 4, "outChannels": 2, "kernelSize": [3, 2], "stride": [2, 1], "padding": [2, 1], "groups": 2, "paddingMode": mode, "bias": False}),
        ([1, 2, 7, 6], {"inChannels": 2, "outChannels": 2, "kernelSize": [3, 4], "dilation": [1, 2], "padding": "same", "paddingMode": mode}),
    ]
for shape, opts in conv_cases:
    kwargs = {"in_channels": opts["inChannels"], "out_channels": opts["outChannels"], "kernel_size": opts["kernelSize"],
              "stride": opts.get("stride", 1), "padding": opts.get("padding", 0), "dilation": opts.get("dilation", 1),
              "groups": opts.get("groups", 1), "bias": opts.get("bias", True), "padding_mode": opts.get("paddingMode", "zeros")}
    conv = torch.nn.Conv2d(**kwargs)
    x = randn(shape).requires_grad_()
    if len(shape) == 3 and kwargs["padding_mode"] == "circular":
        y = conv(x.unsqueeze(0)).squeeze(0)  # torch 1.13: unbatched circular needs a batch dim
    else:
        y = conv(x)
    g = randn(list(y.shape))
    y.backward(g)
    cases["conv2d"].append({
        "name": f"x={json.dumps(shape, separators=(',', ':'))} {label(opts)}",
        "options": opts,
        "input": t(x), "weight": t(conv.weight), "bias": t(conv.bias) if conv.bias is not None else None,
        "output": t(y), "gradOutput": t(g),
        "gradInput": t(x.grad), "gradWeight": t(conv.weight.grad), "gradBias": t(conv.bias.grad) if conv.bias is not None else None,
    })

# --- pad: F.pad(input, pad, mode, value) ----------------------------------------------------
pad_cases = [
    ([2, 3, 4], [1, 2], "constant", 0.5),
    ([1, 2, 3, 4], [2, 1, 1, 2], "constant", None),
    ([1, 2, 4, 5], [-1, 2, 1, -2], "constant", -1.0),
    ([2, 3, 4], [1, 0, 2, 1, 1, 1], "constant", 0.0),
    ([2, 2, 3, 4], [1, 1, 0, 1, 1, 0, 2, 0], "constant", 2.0),
]
for mode in ["reflect", "replicate", "circular"]:
    pad_cases += [([2, 3, 5], [2, 3], mode, None), ([1, 2, 4, 5], [1, 3, 2, 1], mode, None), ([2, 1, 4, 4], [3, 2, 1, 3], mode, None)]
for shape, pads, mode, value in pad_cases:
    x = randn(shape).requires_grad_()
    y = F.pad(x, pads, mode=mode, value=value) if mode == "constant" and value is not None else F.pad(x, pads, mode=mode)
    g = randn(list(y.shape))
    y.backward(g)
    case = {"name": f"x={json.dumps(shape, separators=(',', ':'))} pad={json.dumps(pads, separators=(',', ':'))} mode={mode}" + (f" value={value}" if value is not None else ""),
            "pad": pads, "mode": mode, "input": t(x), "output": t(y), "gradOutput": t(g), "gradInput": t(x.grad)}
    if value is not None:
        case["value"] = value
    cases["pad"].append(case)


# --- pooling: F.max_pool2d, F.avg_pool2d, F.adaptive_avg_pool2d ------------------------------
def pool_input(shape, ties):
    # ties: small integers, so windows hold equal maxima (the gradient goes to the first)
    if ties:
        return (torch.randint(-2, 3, shape).to(torch.float32)).requires_grad_()
    return randn(shape).requires_grad_()


max_cases = [
    ([2, 2, 6, 6], {"kernelSize": 2}, False),
    ([1, 2, 7, 6], {"kernelSize": 3, "stride": 2, "padding": 1}, False),
    ([1, 1, 9, 8], {"kernelSize": [3, 2], "stride": [2, 1], "dilation": [2, 1]}, False),
    ([1, 2, 7, 7], {"kernelSize": 3, "stride": 2, "ceilMode": True}, False),
    ([2, 1, 6, 5], {"kernelSize": 2, "stride": 2, "padding": 1, "ceilMode": True}, False),
    ([1, 1, 10, 9], {"kernelSize": 3, "dilation": 2, "padding": 1, "stride": 2, "ceilMode": True}, False),
    ([1, 2, 6, 6], {"kernelSize": 3, "stride": 1}, True),
    ([2, 5, 5], {"kernelSize": 2, "stride": 1, "padding": 1}, True),
]
for shape, opts, ties in max_cases:
    x = pool_input(shape, ties)
    y = F.max_pool2d(x, kernel_size=opts["kernelSize"], stride=opts.get("stride"), padding=opts.get("padding", 0),
                     dilation=opts.get("dilation", 1), ceil_mode=opts.get("ceilMode", False))
    g = randn(list(y.shape))
    y.backward(g)
    cases["maxPool2d"].append({"name": f"x={json.dumps(shape, separators=(',', ':'))} {label(opts)}" + (" ties" if ties else ""),
                               "options": opts, "input": t(x), "output": t(y), "gradOutput": t(g), "gradInput": t(x.grad)})

avg_cases = [
    ([2, 2, 6, 6], {"kernelSize": 2}),
    ([1, 2, 7, 6], {"kernelSize": 3, "stride": 2, "padding": 1}),
    ([1, 2, 7, 6], {"kernelSize": 3, "stride": 2, "padding": 1, "countIncludePad": False}),
    ([1, 1, 7, 7], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True}),
    ([1, 1, 7, 7], {"kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False}),
    ([2, 1, 5, 6], {"kernelSize": [2, 3], "stride": [1, 2], "divisorOverride": 4}),
    ([1, 2, 6, 5], {"kernelSize": 2, "stride": 2, "padding": 1, "ceilMode": True, "divisorOverride": 3}),
    ([2, 5, 5], {"kernelSize": 3, "stride": 2, "ceilMode": True}),
]
for shape, opts in avg_cases:
    x = pool_input(shape, False)
    kwargs = {"kernel_size": opts["kernelSize"], "stride": opts.get("stride"), "padding": opts.get("padding", 0),
              "ceil_mode": opts.get("ceilMode", False), "count_include_pad": opts.get("countIncludePad", True)}
    if "divisorOverride" in opts:
        kwargs["divisor_override"] = opts["divisorOverride"]
    y = F.avg_pool2d(x, **kwargs)
    g = randn(list(y.shape))
    y.backward(g)
    cases["avgPool2d"].append({"name": f"x={json.dumps(shape, separators=(',', ':'))} {label(opts)}",
                               "options": opts, "input": t(x), "output": t(y), "gradOutput": t(g), "gradInput": t(x.grad)})

for shape, size in [([2, 3, 6, 6], 1), ([1, 2, 7, 5], [3, 2]), ([1, 1, 5, 7], [None, 3]), ([2, 5, 4], [3, 3]), ([1, 2, 4, 4], [6, 5])]:
    x = pool_input(shape, False)
    y = F.adaptive_avg_pool2d(x, size)
    g = randn(list(y.shape))
    y.backward(g)
    cases["adaptiveAvgPool2d"].append({"name": f"x={json.dumps(shape, separators=(',', ':'))} outputSize={json.dumps(size, separators=(',', ':'))}",
                                       "outputSize": size, "input": t(x), "output": t(y), "gradOutput": t(g), "gradInput": t(x.grad)})

# --- batchNorm2d: nn.BatchNorm2d, `steps` forward passes, backward on the last ----------------
bn_cases = [
    ([4, 3, 3, 3], {"numFeatures": 3}, True, 1),
    ([2, 2, 4, 3], {"numFeatures": 2, "momentum": 0.3, "eps": 1e-3}, True, 3),
    ([3, 2, 2, 2], {"numFeatures": 2, "momentum": None}, True, 3),
    ([2, 3, 3, 2], {"numFeatures": 3, "affine": False}, True, 2),
    ([2, 2, 3, 3], {"numFeatures": 2, "trackRunningStats": False}, True, 1),
    ([5, 2, 1, 1], {"numFeatures": 2}, True, 1),
    ([2, 3, 3, 3], {"numFeatures": 3}, False, 1),
    ([2, 2, 2, 3], {"numFeatures": 2, "trackRunningStats": False, "affine": False}, False, 1),
]
for shape, opts, training, steps in bn_cases:
    bn = torch.nn.BatchNorm2d(opts["numFeatures"], eps=opts.get("eps", 1e-5), momentum=opts.get("momentum", 0.1),
                              affine=opts.get("affine", True), track_running_stats=opts.get("trackRunningStats", True))
    with torch.no_grad():
        if bn.weight is not None:
            bn.weight.copy_(1 + 0.5 * randn([opts["numFeatures"]]))
            bn.bias.copy_(randn([opts["numFeatures"]]))
        if bn.running_mean is not None:
            bn.running_mean.copy_(0.2 * randn([opts["numFeatures"]]))
            bn.running_var.copy_(0.5 + torch.rand([opts["numFeatures"]]))
    initial = {"weight": t(bn.weight) if bn.weight is not None else None, "bias": t(bn.bias) if bn.bias is not None else None,
               "runningMean": t(bn.running_mean) if bn.running_mean is not None else None,
               "runningVar": t(bn.running_var) if bn.running_var is not None else None}
    bn.train(training)
    inputs = [(2 * randn(shape) + 0.5) for _ in range(steps)]
    x = inputs[-1].requires_grad_()
    for earlier in inputs[:-1]:
        bn(earlier)
    y = bn(x)
    g = randn(list(y.shape))
    y.backward(g)
    cases["batchNorm2d"].append({
        "name": f"x={json.dumps(shape, separators=(',', ':'))} {label(opts)} {'training' if training else 'eval'} steps={steps}",
        "options": opts, "training": training, "initial": initial, "inputs": [t(i) for i in inputs],
        "output": t(y), "gradOutput": t(g), "gradInput": t(x.grad),
        "gradWeight": t(bn.weight.grad) if bn.weight is not None else None, "gradBias": t(bn.bias.grad) if bn.bias is not None else None,
        "runningMean": t(bn.running_mean) if bn.running_mean is not None else None,
        "runningVar": t(bn.running_var) if bn.running_var is not None else None,
        "numBatchesTracked": int(bn.num_batches_tracked) if bn.num_batches_tracked is not None else None,
    })

# --- cat: torch.cat(tensors, dim) -------------------------------------------------------------
for shapes, dim in [([[2, 3], [4, 3]], 0), ([[1, 2, 3, 3], [1, 3, 3, 3], [1, 1, 3, 3]], 1), ([[2, 3, 1], [2, 3, 4]], -1), ([[2, 2], [0], [2, 1]], 1), ([[3], [2]], 0)]:
    xs = [randn(s).requires_grad_() for s in shapes]
    y = torch.cat(xs, dim)
    g = randn(list(y.shape))
    y.backward(g)
    cases["cat"].append({"name": f"shapes={json.dumps(shapes, separators=(',', ':'))} dim={dim}", "dim": dim,
                         "inputs": [t(x) for x in xs], "output": t(y), "gradOutput": t(g),
                         "gradInputs": [t(x.grad) if x.grad is not None else None for x in xs]})

with OUT.open("w") as f:
    f.write('{"torch": ' + json.dumps(torch.__version__) + ', "generator": "scripts/gen_grad_fixtures.py",\n"cases": {\n')
    groups = list(cases.items())
    for gi, (op, items) in enumerate(groups):
        f.write(f'{json.dumps(op)}: [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in items))
        f.write("\n]" + ("," if gi < len(groups) - 1 else "") + "\n")
    f.write("}}\n")
print(f"{OUT.relative_to(ROOT)}: " + ", ".join(f"{op} {len(items)}" for op, items in cases.items()) + f"; {OUT.stat().st_size} bytes")
