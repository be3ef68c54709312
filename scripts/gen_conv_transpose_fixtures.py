#!/usr/bin/python3
"""Generates test/fixtures/conv-transpose2d.json from PyTorch (the oracle) for
test/conv-transpose2d.test.ts (issue 12).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/gen_conv_transpose_fixtures.py
Deterministic (fixed seeds, one thread): an unchanged torch rewrites identical bytes.

- "cases": nn.ConvTranspose2d(options) on a random float32 input (batched, unbatched, an empty
  batch), with `output_size` on some; torch's output, a random gradOutput and the gradients
  `output.backward(gradOutput)` leaves in the input, the weight and the bias (computed in float64
  from the float32 values, so the reference is exact to float32). Targeted cases cover every
  option once; the rest are sampled (stride, padding, outputPadding < stride or dilation,
  dilation, groups, bias, rectangular kernels, outputSize of 2 or rank elements).
- "errors": configurations torch rejects, with its exception's first line and the phrase of it
  that shapecheck's message must contain.
Tensors are `{shape, data}` with the exact float32 values as JSON numbers.
"""
import json
import random
import warnings
from pathlib import Path

import numpy as np
import torch

warnings.filterwarnings("ignore")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "conv-transpose2d.json"
torch.set_num_threads(1)
torch.manual_seed(20261212)
rng = random.Random(20261212)


def t(x):
    """A tensor as float32 values, each written in the fewest digits that read back as it."""
    values = x.detach().to(torch.float32).reshape(-1).numpy()
    return {"shape": list(x.shape), "data": [float(repr(v)) for v in values]}


def pair(v):
    return list(v) if isinstance(v, (list, tuple)) else [v, v]


def torch_kwargs(o):
    return dict(
        in_channels=o["inChannels"], out_channels=o["outChannels"], kernel_size=o["kernelSize"],
        stride=o.get("stride", 1), padding=o.get("padding", 0), output_padding=o.get("outputPadding", 0),
        groups=o.get("groups", 1), bias=o.get("bias", True), dilation=o.get("dilation", 1),
        padding_mode=o.get("paddingMode", "zeros"),
    )


def label(shape, o, output_size):
    short = {"inChannels": "in", "outChannels": "out", "kernelSize": "k", "stride": "s", "padding": "p",
             "outputPadding": "op", "dilation": "d", "groups": "g", "bias": "bias", "paddingMode": "mode"}
    text = f"x={json.dumps(shape, separators=(',', ':'))} " + " ".join(
        f"{short[k]}={json.dumps(v, separators=(',', ':'))}" for k, v in o.items())
    return text + (f" outputSize={json.dumps(output_size, separators=(',', ':'))}" if output_size is not None else "")


def run(shape, o, output_size=None):
    layer = torch.nn.ConvTranspose2d(**torch_kwargs(o)).double()
    weight = torch.randn(layer.weight.shape, dtype=torch.float32)
    bias = torch.randn(layer.bias.shape, dtype=torch.float32) if layer.bias is not None else None
    x = torch.randn(shape, dtype=torch.float32)
    with torch.no_grad():
        layer.weight.copy_(weight.double())
        if bias is not None:
            layer.bias.copy_(bias.double())
    xd = x.double().requires_grad_()
    y = layer(xd, output_size=output_size) if output_size is not None else layer(xd)
    grad_output = torch.randn(y.shape, dtype=torch.float32)
    y.backward(grad_output.double())
    case = {"name": label(shape, o, output_size), "options": o}
    if output_size is not None:
        case["outputSize"] = output_size
    case.update({
        "input": t(x), "weight": t(weight), "bias": t(bias) if bias is not None else None,
        "output": t(y), "gradOutput": t(grad_output),
        "gradInput": t(xd.grad), "gradWeight": t(layer.weight.grad),
        "gradBias": t(layer.bias.grad) if bias is not None else None,
    })
    return case


TARGETED = [
    ([1, 2, 3, 3], {"inChannels": 2, "outChannels": 3, "kernelSize": 3}, None),
    ([2, 3, 4, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "stride": 2}, None),
    ([1, 4, 4, 4], {"inChannels": 4, "outChannels": 2, "kernelSize": 4, "stride": 2, "padding": 1}, None),
    ([1, 2, 3, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2, "padding": 1, "outputPadding": 1}, None),
    ([1, 2, 3, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": [3, 2], "stride": [2, 3], "padding": [1, 0], "outputPadding": [1, 2]}, None),
    ([1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "dilation": 2, "padding": 2}, None),
    ([1, 2, 4, 3], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "dilation": [3, 1], "outputPadding": [2, 0]}, None),
    ([2, 4, 3, 3], {"inChannels": 4, "outChannels": 6, "kernelSize": 3, "groups": 2, "stride": 2}, None),
    ([1, 4, 3, 3], {"inChannels": 4, "outChannels": 4, "kernelSize": 3, "groups": 4, "padding": 1}, None),
    ([1, 3, 4, 4], {"inChannels": 3, "outChannels": 2, "kernelSize": 2, "bias": False}, None),
    ([3, 4, 5], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "stride": 2, "padding": 1}, None),
    ([0, 2, 3, 3], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "stride": 2}, None),
    ([1, 2, 4, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "stride": 2}, [10, 9]),
    ([1, 2, 4, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "stride": 2, "outputPadding": 1}, [1, 3, 9, 9]),
    ([2, 4, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "stride": [3, 2], "padding": 1}, [2, 10, 8]),
    ([1, 2, 2, 2], {"inChannels": 2, "outChannels": 1, "kernelSize": 1, "stride": 3}, None),
    ([1, 16, 4, 4], {"inChannels": 16, "outChannels": 16, "kernelSize": 3, "padding": 1}, None),
    ([1, 8, 3, 3], {"inChannels": 8, "outChannels": 16, "kernelSize": 3, "padding": 1, "dilation": 2, "outputPadding": 1}, None),
    ([1, 2, 5, 5], {"inChannels": 2, "outChannels": 2, "kernelSize": 5, "padding": 4}, None),
    ([2, 3, 1, 1], {"inChannels": 3, "outChannels": 4, "kernelSize": [2, 4], "stride": 2}, None),
]


def sample():
    """A random valid configuration (output at least 1), small enough for a JSON fixture."""
    while True:
        groups = rng.choice([1, 1, 1, 2, 3])
        cin = groups * rng.randint(1, 3)
        cout = groups * rng.randint(1, 3)
        k = [rng.randint(1, 4), rng.randint(1, 4)]
        s = [rng.randint(1, 3), rng.randint(1, 3)]
        d = [rng.randint(1, 3), rng.randint(1, 3)]
        p = [rng.randint(0, 3), rng.randint(0, 3)]
        op = [rng.randint(0, max(s[i], d[i]) - 1) for i in range(2)]
        h, w = rng.randint(1, 5), rng.randint(1, 5)
        batch = rng.choice([None, 1, 2])
        outs = [(x - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + op[i] + 1 for i, x in enumerate([h, w])]
        if min(outs) < 1 or (batch or 1) * (cin * h * w + cout * outs[0] * outs[1] * 2) + cin * cout // groups * k[0] * k[1] * 2 > 1500:
            continue
        o = {"inChannels": cin, "outChannels": cout, "kernelSize": k if k[0] != k[1] or rng.random() < 0.5 else k[0]}
        for key, value, default in [("stride", s, [1, 1]), ("padding", p, [0, 0]), ("outputPadding", op, [0, 0]), ("dilation", d, [1, 1])]:
            if value != default or rng.random() < 0.2:
                o[key] = value[0] if value[0] == value[1] and rng.random() < 0.5 else value
        if groups > 1 or rng.random() < 0.2:
            o["groups"] = groups
        if rng.random() < 0.3:
            o["bias"] = rng.random() < 0.5
        shape = ([batch] if batch is not None else []) + [cin, h, w]
        output_size = None
        if rng.random() < 0.25:
            mins = [(x - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + 1 for i, x in enumerate([h, w])]
            sizes = [mins[i] + rng.randint(0, s[i] - 1) for i in range(2)]
            if min(sizes) < 1:
                continue
            output_size = sizes if rng.random() < 0.6 else shape[:-2] + sizes
            o.pop("outputPadding", None)
        return shape, o, output_size


def cases():
    result = [run(*c) for c in TARGETED]
    for _ in range(50):
        result.append(run(*sample()))
    return result


# --- errors -------------------------------------------------------------------------------------
ERRORS = [
    ("paddingMode", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "paddingMode": "reflect"}, None),
    ("outputPadding = stride", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2, "outputPadding": 2}, None),
    ("outputPadding, no stride", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "outputPadding": 1}, None),
    ("outputPadding rect", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": [2, 1], "outputPadding": [1, 1]}, None),
    ("outputPadding ≥ dilation", [1, 1, 4, 4], {"inChannels": 1, "outChannels": 1, "kernelSize": 3, "dilation": 2, "stride": 1, "outputPadding": 2}, None),
    ("channels", [1, 3, 4, 4], {"inChannels": 4, "outChannels": 6, "kernelSize": 3, "groups": 2}, None),
    ("channels unbatched", [3, 4, 4], {"inChannels": 2, "outChannels": 6, "kernelSize": 3}, None),
    ("rank 2", [4, 4], {"inChannels": 4, "outChannels": 6, "kernelSize": 3}, None),
    ("rank 5", [1, 1, 4, 4, 4], {"inChannels": 1, "outChannels": 6, "kernelSize": 3}, None),
    ("output too small", [1, 1, 1, 1], {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "padding": 1}, None),
    ("output 0", [1, 1, 2, 3], {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "padding": 1}, None),
    ("output width too small", [1, 1, 4, 2], {"inChannels": 1, "outChannels": 1, "kernelSize": [3, 1], "padding": [0, 1]}, None),
    ("empty height", [1, 1, 0, 5], {"inChannels": 1, "outChannels": 1, "kernelSize": 3}, None),
    ("empty width", [1, 1, 4, 0], {"inChannels": 1, "outChannels": 1, "kernelSize": 3}, None),
    ("groups 0", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "groups": 0}, None),
    ("inChannels % groups", [1, 3, 4, 4], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "groups": 2}, None),
    ("outChannels % groups", [1, 4, 4, 4], {"inChannels": 4, "outChannels": 3, "kernelSize": 3, "groups": 2}, None),
    ("kernelSize 0", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 0}, None),
    ("stride 0", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 0}, None),
    ("padding -1", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": -1}, None),
    ("dilation 0", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "dilation": 0}, None),
    ("outputPadding -1", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2, "outputPadding": -1}, None),
    ("inChannels 0", [1, 0, 4, 4], {"inChannels": 0, "outChannels": 2, "kernelSize": 3}, None),
    ("outChannels 0", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 0, "kernelSize": 3}, None),
    ("inChannels -1", [1, 2, 4, 4], {"inChannels": -1, "outChannels": 2, "kernelSize": 3}, None),
    ("outputSize too large", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2}, [20, 9]),
    ("outputSize too small", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2}, [8, 9]),
    ("outputSize 3 elements", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2}, [2, 10, 9]),
    ("outputSize 1 element", [1, 2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2}, [10]),
    ("outputSize unbatched 4 elements", [2, 4, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "stride": 2}, [1, 2, 10, 9]),
]


def phrase(message):
    """The part of torch's words that shapecheck's message quotes."""
    for cut in [". Calculated output size", ", but got input shape", " (for an input of", ", but got kernel_height",
                ", but got dilation_height", ", but got weight of size", ", but got: [", " -1: ["]:
        if cut in message:
            message = message.split(cut)[0]
    if message.startswith("Given input size per channel"):
        return "Output size is too small"
    return message.replace("Given groups=1, ", "")


def errors():
    result = []
    for name, shape, o, output_size in ERRORS:
        try:
            layer = torch.nn.ConvTranspose2d(**torch_kwargs(o))
            x = torch.zeros(shape)
            layer(x, output_size=output_size) if output_size is not None else layer(x)
        except Exception as error:  # noqa: BLE001 - torch raises ValueError and RuntimeError
            first = str(error).splitlines()[0]
            case = {"name": name, "shape": shape, "options": o, "exception": type(error).__name__, "message": first, "phrase": phrase(first)}
            if output_size is not None:
                case["outputSize"] = output_size
            result.append(case)
            continue
        raise SystemExit(f"torch accepts {name}")
    return result


def main():
    document = {"torch": torch.__version__, "generator": "scripts/gen_conv_transpose_fixtures.py", "cases": cases(), "errors": errors()}
    lines = ['{', f'"torch": {json.dumps(document["torch"])},', f'"generator": {json.dumps(document["generator"])},', '"cases": [']
    lines.append(",\n".join(json.dumps(c, separators=(",", ":")) for c in document["cases"]))
    lines.append('],\n"errors": [')
    lines.append(",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in document["errors"]))
    lines.append("]}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(document['cases'])} cases, {len(document['errors'])} errors, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
