#!/usr/bin/python3
"""Golden fixtures for the runtime conv2d and pad: what PyTorch computes, number for number.

Run with Debian's PyTorch (the `python3` on PATH may lack torch):

    /usr/bin/python3 scripts/gen_conv2d_fixtures.py

Writes, under test/fixtures/ (committed; CI never needs torch):

  conv2d.json + conv2d.bin  nn.Conv2d forward and backward on random float32 data
  pad.json + pad.bin        torch.nn.functional.pad forward and backward
  errors.json               configurations torch rejects, with the exception it raised
  seed.json                 the worked examples of the seed document, as plain JSON numbers

The .bin files are concatenated little-endian float32 arrays; every tensor in the JSON is
`{"shape", "offset", "length"}` with offset and length counted in float32 elements.

Deterministic: fixed seeds (Python's `random` for the configurations, a seeded torch.Generator
for the data), one intra-op thread, and PYTHONHASHSEED=0 (the script re-executes itself with it,
because torch formats Python sets into some error messages). Everything is computed in float32
exactly as a user would run it; every case is then recomputed in float64 and the largest
differences are printed (and bounded), as a sanity check of the fixtures.
"""
import json
import os
import random
import struct
import sys
from pathlib import Path

if os.environ.get("PYTHONHASHSEED") != "0":  # set ordering inside torch's error messages
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import warnings  # noqa: E402

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

warnings.filterwarnings("ignore")  # 'same' with even kernels, zero-element init: expected here
torch.set_num_threads(1)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures"
GENERATOR = "scripts/gen_conv2d_fixtures.py"
MODES = ["zeros", "reflect", "replicate", "circular"]
PAD_MODES = ["constant", "reflect", "replicate", "circular"]
MAX_C, MAX_HW, MAX_N = 8, 12, 3

NOTE_UNBATCHED_CIRCULAR_CONV = (
    "torch 1.13 rejects unbatched (3-D) input with paddingMode 'circular' (its F.pad circular "
    "needs a batch dimension: 'Invalid padding size, expected 2 but got 4'); computed as "
    "conv(x.unsqueeze(0)).squeeze(0), which is what later PyTorch versions do"
)
NOTE_UNBATCHED_CIRCULAR_PAD = (
    "torch 1.13 rejects a 4-element circular pad on 3-D input ('Invalid padding size, expected 2 "
    "but got 4'); computed as F.pad(x.unsqueeze(0), pad, 'circular').squeeze(0), which is what "
    "later PyTorch versions do"
)


# ---------------------------------------------------------------------------------------------
# Binary writer


class Bin:
    """Concatenated little-endian float32 arrays; `add` returns the tensor's JSON reference."""

    def __init__(self):
        self.chunks = []
        self.length = 0

    def add(self, tensor):
        tensor = tensor.detach().to(torch.float32).contiguous()
        values = tensor.reshape(-1).tolist()
        self.chunks.append(struct.pack(f"<{len(values)}f", *values))
        ref = {"shape": list(tensor.shape), "offset": self.length, "length": len(values)}
        self.length += len(values)
        return ref

    def write(self, path):
        data = b"".join(self.chunks)
        path.write_bytes(data)
        return len(data)


def write_json(path, value):
    """Top-level keys one per line, each case (a list item) compact on a line of its own."""
    lines = []
    for key, item in value.items():
        if isinstance(item, list):
            rows = [json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) for row in item]
            lines.append(f"  {json.dumps(key)}: [\n    " + ",\n    ".join(rows) + "\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(item, ensure_ascii=False)}")
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    assert json.loads(text) == value
    path.write_text(text)


def pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def fmt(value):
    """A value in a case name: lists as [a,b], booleans lower-case, strings bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(str(v) for v in value) + "]"
    return str(value)


# ---------------------------------------------------------------------------------------------
# Conv2d


CONV_DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True, "paddingMode": "zeros"}
CONV_KEYS = [("inChannels", "in"), ("outChannels", "out"), ("kernelSize", "k"), ("stride", "s"),
             ("padding", "p"), ("dilation", "d"), ("groups", "g"), ("bias", "bias"), ("paddingMode", "mode")]


def resolved(options):
    return {**CONV_DEFAULTS, **options}


def torch_kwargs(options):
    """camelCase options (some omitted) -> nn.Conv2d keyword arguments (omitted stay omitted)."""
    names = {"inChannels": "in_channels", "outChannels": "out_channels", "kernelSize": "kernel_size",
             "stride": "stride", "padding": "padding", "dilation": "dilation", "groups": "groups",
             "bias": "bias", "paddingMode": "padding_mode"}
    return {names[k]: (tuple(v) if isinstance(v, list) else v) for k, v in options.items()}


def conv_name(input_shape, options):
    parts = [f"x={fmt(input_shape)}"]
    for key, short in CONV_KEYS:
        if key in options:
            parts.append(f"{short}={fmt(options[key])}")
    return " ".join(parts)


def side_pads(options):
    """Per-side padding (top, bottom, left, right) that torch applies."""
    o = resolved(options)
    (kh, kw), (dh, dw) = pair(o["kernelSize"]), pair(o["dilation"])
    if o["padding"] == "valid":
        return 0, 0, 0, 0
    if o["padding"] == "same":
        th, tw = dh * (kh - 1), dw * (kw - 1)
        return th // 2, th - th // 2, tw // 2, tw - tw // 2
    ph, pw = pair(o["padding"])
    return ph, ph, pw, pw


def run_conv(options, x, w, b, grad_output, dtype):
    """Forward and backward of nn.Conv2d in `dtype`; returns (output, gradInput, gradWeight,
    gradBias, note). Unbatched circular goes through unsqueeze/squeeze (torch 1.13 bug)."""
    o = resolved(options)
    conv = nn.Conv2d(**torch_kwargs(options), dtype=dtype)
    with torch.no_grad():
        conv.weight.copy_(w)
        if o["bias"]:
            conv.bias.copy_(b)
    x = x.to(dtype).detach().requires_grad_(True)
    note = None
    if x.dim() == 3 and o["paddingMode"] == "circular":
        y = conv(x.unsqueeze(0)).squeeze(0)
        note = NOTE_UNBATCHED_CIRCULAR_CONV
    else:
        y = conv(x)
    if grad_output is None:
        return y, None, None, None, note
    y.backward(grad_output.to(dtype))
    return y, x.grad, conv.weight.grad, (conv.bias.grad if o["bias"] else None), note


def present(rng, value, default, as_pair_ok=True):
    """How an option is written: omitted (when default), an int, or a pair."""
    h, w = pair(value)
    if (h, w) == pair(default) and rng.random() < 0.5:
        return None
    if h == w and (not as_pair_ok or rng.random() < 0.6):
        return h
    return [h, w]


def sample_conv(rng):
    """A random, probably valid Conv2d configuration and input shape (torch has the last word)."""
    mode = rng.choice(MODES)
    groups_kind = rng.choice(["1", "1", "1", "2", "3", "4", "dw", "dw"])
    if groups_kind == "dw":
        cin = rng.randint(1, 4)
        groups, cout = cin, cin * rng.randint(1, MAX_C // cin)
    else:
        groups = int(groups_kind)
        cin, cout = groups * rng.randint(1, MAX_C // groups), groups * rng.randint(1, MAX_C // groups)
    kh, kw = rng.choice([1, 1, 2, 3, 3, 4, 5]), rng.choice([1, 2, 2, 3, 3, 4, 5])
    if rng.random() < 0.4:
        kw = kh
    dh, dw = [rng.choice([1, 1, 1, 2, 3]) for _ in range(2)]
    sh, sw = [rng.choice([1, 1, 2, 3]) for _ in range(2)]
    padding_kind = rng.choice(["omit", "int", "int", "pair", "same", "same", "valid"])
    if padding_kind == "same":
        sh = sw = 1
    options = {"inChannels": cin, "outChannels": cout}
    options["kernelSize"] = kh if kh == kw and rng.random() < 0.6 else [kh, kw]
    if (s := present(rng, (sh, sw), 1)) is not None:
        options["stride"] = s
    if padding_kind == "int":
        options["padding"] = rng.randint(0, 3)
    elif padding_kind == "pair":
        options["padding"] = [rng.randint(0, 3), rng.randint(0, 3)]
    elif padding_kind in ("same", "valid"):
        options["padding"] = padding_kind
    if (d := present(rng, (dh, dw), 1)) is not None:
        options["dilation"] = d
    if groups != 1 or rng.random() < 0.3:
        options["groups"] = groups
    bias = rng.random() < 0.7
    if not bias or rng.random() < 0.3:
        options["bias"] = bias
    if mode != "zeros" or rng.random() < 0.3:
        options["paddingMode"] = mode
    # input sizes that the padding mode and the kernel allow
    top, bottom, left, right = side_pads(options)
    sizes = []
    for (k, d, lo_pad, hi_pad) in ((kh, dh, top, bottom), (kw, dw, left, right)):
        lo = max(1, d * (k - 1) + 1 - lo_pad - hi_pad)
        if mode == "reflect":
            lo = max(lo, max(lo_pad, hi_pad) + 1)
        elif mode == "circular":
            lo = max(lo, lo_pad, hi_pad)
        if lo > MAX_HW:
            return None
        sizes.append(rng.randint(lo, min(MAX_HW, lo + rng.choice([0, 2, 4, 7]))))
    batch = rng.choice([None, None, 1, 1, 2, 2, 3])
    shape = [cin, *sizes] if batch is None else [batch, cin, *sizes]
    return shape, options


def targeted_conv():
    """Cases chosen by hand so every corner is covered whatever the random draw."""
    cases = []
    for mode in MODES:
        m = {} if mode == "zeros" else {"paddingMode": mode}
        cases += [
            # unbatched
            ([3, 5, 6], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "padding": 1, **m}),
            ([2, 4, 7], {"inChannels": 2, "outChannels": 4, "kernelSize": [2, 3], "padding": "same", "groups": 2, **m}),
            # batch 0
            ([0, 2, 5, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": [3, 2], "padding": [1, 1], **m}),
            # 'same': odd and even kernels, with dilation
            ([2, 2, 6, 7], {"inChannels": 2, "outChannels": 3, "kernelSize": 3, "padding": "same", "dilation": 2, **m}),
            ([1, 2, 6, 7], {"inChannels": 2, "outChannels": 2, "kernelSize": [2, 4], "padding": "same", **m}),
            ([1, 3, 8, 7], {"inChannels": 3, "outChannels": 2, "kernelSize": [4, 2], "padding": "same", "dilation": [1, 3], **m}),
            ([2, 1, 9, 9], {"inChannels": 1, "outChannels": 2, "kernelSize": 2, "padding": "same", "dilation": 3, "bias": False, **m}),
            ([1, 4, 5, 8], {"inChannels": 4, "outChannels": 4, "kernelSize": [5, 4], "padding": "same", "dilation": [1, 2], "groups": 4, **m}),
            # 'valid'
            ([2, 3, 6, 5], {"inChannels": 3, "outChannels": 3, "kernelSize": [2, 3], "padding": "valid", "stride": [2, 1], "groups": 3, **m}),
            # kernel equal to the padded input (output 1x1), with and without dilation
            ([1, 2, 5, 4], {"inChannels": 2, "outChannels": 3, "kernelSize": [7, 6], "padding": 1, **m}),
            ([2, 2, 3, 3], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": 1, "dilation": 2, "groups": 2, **m}),
            ([3, 4, 4], {"inChannels": 3, "outChannels": 1, "kernelSize": [4, 4], **m}),
            # 1x1 kernels, with stride and padding
            ([2, 4, 5, 7], {"inChannels": 4, "outChannels": 6, "kernelSize": 1, "stride": [2, 3], "padding": [1, 2], **m}),
            ([1, 3, 6, 6], {"inChannels": 3, "outChannels": 6, "kernelSize": [1, 1], "stride": 2, "padding": 1, "groups": 3, **m}),
            # groups 4, depthwise (with channel multiplier), groups 3
            ([2, 8, 6, 5], {"inChannels": 8, "outChannels": 4, "kernelSize": 3, "padding": 1, "groups": 4, **m}),
            ([1, 4, 7, 6], {"inChannels": 4, "outChannels": 8, "kernelSize": [3, 2], "stride": 2, "padding": [1, 1], "groups": 4, **m}),
            ([2, 3, 6, 8], {"inChannels": 3, "outChannels": 3, "kernelSize": 3, "padding": 2, "dilation": 2, "groups": 3, **m}),
            ([1, 3, 5, 5], {"inChannels": 3, "outChannels": 6, "kernelSize": 2, "stride": 3, "padding": 1, "groups": 3, **m}),
            ([6, 4, 5], {"inChannels": 6, "outChannels": 6, "kernelSize": [3, 1], "padding": [1, 0], "groups": 6, **m}),
            # stride 3 and dilation 3, non-square everything
            ([3, 2, 11, 7], {"inChannels": 2, "outChannels": 5, "kernelSize": [2, 3], "stride": [3, 2], "padding": [2, 1], "dilation": [3, 1], **m}),
        ]
    # padding at the limit of each mode
    cases += [
        ([1, 2, 4, 5], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": [3, 4], "paddingMode": "reflect"}),
        ([2, 3, 5], {"inChannels": 2, "outChannels": 3, "kernelSize": [2, 2], "padding": 2, "paddingMode": "reflect"}),
        ([1, 2, 3, 4], {"inChannels": 2, "outChannels": 2, "kernelSize": 3, "padding": [3, 4], "paddingMode": "circular"}),
        ([1, 2, 4], {"inChannels": 1, "outChannels": 2, "kernelSize": [3, 2], "padding": [2, 4], "paddingMode": "circular"}),
        ([1, 1, 2, 3], {"inChannels": 1, "outChannels": 1, "kernelSize": 3, "padding": 3, "paddingMode": "replicate"}),
        ([1, 1, 1, 1], {"inChannels": 1, "outChannels": 1, "kernelSize": 3, "padding": 1, "paddingMode": "circular"}),
        ([1, 1, 1, 1], {"inChannels": 1, "outChannels": 1, "kernelSize": 1}),
        ([1, 1, 1, 1], {"inChannels": 1, "outChannels": 2, "kernelSize": 3, "padding": "same", "paddingMode": "replicate"}),
        # defaults spelled out, and everything omitted
        ([2, 3, 5, 6], {"inChannels": 3, "outChannels": 2, "kernelSize": 3, "stride": 1, "padding": 0, "dilation": 1,
                        "groups": 1, "bias": True, "paddingMode": "zeros"}),
        ([2, 3, 5, 6], {"inChannels": 3, "outChannels": 2, "kernelSize": [3, 3]}),
        ([0, 3, 5, 6], {"inChannels": 3, "outChannels": 6, "kernelSize": 2, "groups": 3, "bias": False}),
        ([3, 8, 12, 12], {"inChannels": 8, "outChannels": 8, "kernelSize": 3, "padding": 1}),
    ]
    return cases


def conv_fixtures():
    rng = random.Random(20261127)
    gen = torch.Generator().manual_seed(1127)
    out = Bin()
    cases, names, worst = [], set(), {}
    rejected = 0

    def add(shape, options):
        name = conv_name(shape, options)
        if name in names:
            return False
        o = resolved(options)
        cin, cout = o["inChannels"], o["outChannels"]
        kh, kw = pair(o["kernelSize"])
        x = torch.randn(shape, generator=gen)
        w = torch.randn([cout, cin // o["groups"], kh, kw], generator=gen)
        b = torch.randn([cout], generator=gen) if o["bias"] else None
        try:
            y, *_ = run_conv(options, x, w, b, None, torch.float32)
        except Exception as error:  # noqa: BLE001 - a sampled configuration torch rejects
            return error
        go = torch.randn(list(y.shape), generator=gen)
        y, gx, gw, gb, note = run_conv(options, x, w, b, go, torch.float32)
        y64, gx64, gw64, gb64, _ = run_conv(options, x.double(), w.double(), None if b is None else b.double(),
                                            go.double(), torch.float64)
        for label, a, ref in (("output", y, y64), ("gradInput", gx, gx64), ("gradWeight", gw, gw64),
                              ("gradBias", gb, gb64)):
            if a is None or a.numel() == 0:
                continue
            diff = (a.double() - ref).abs().max().item()
            rel = diff / max(1.0, ref.abs().max().item())
            if rel > worst.get(label, (0, 0, ""))[1]:
                worst[label] = (diff, rel, name)
        case = {"name": name, "options": options}
        if note:
            case["note"] = note
        case.update({
            "input": out.add(x), "weight": out.add(w), "bias": None if b is None else out.add(b),
            "output": out.add(y), "gradOutput": out.add(go), "gradInput": out.add(gx),
            "gradWeight": out.add(gw), "gradBias": None if gb is None else out.add(gb),
        })
        cases.append(case)
        names.add(name)
        return True

    for shape, options in targeted_conv():
        result = add(shape, options)
        if result is not True:
            raise SystemExit(f"targeted conv case rejected: {conv_name(shape, options)}: {result}")
    n_targeted = len(cases)
    while len(cases) < 400:
        sample = sample_conv(rng)
        if sample is None:
            continue
        if add(*sample) is not True:
            rejected += 1

    print(f"conv2d: {len(cases)} cases ({n_targeted} targeted, {len(cases) - n_targeted} random; "
          f"{rejected} random draws torch rejected and were redrawn)")
    print("  float32 fixture vs float64 recomputation, worst per tensor:")
    for label, (diff, rel, name) in sorted(worst.items()):
        print(f"    {label:10s} max abs {diff:.3g}  (relative to max(1,|ref|max) {rel:.3g})  in {name}")
        assert rel < 1e-4, f"float32 vs float64 too far apart in {name}"
    conv_coverage(cases)
    return cases, out


def conv_coverage(cases):
    """Asserts (and prints) that every corner of the parameter space appears."""
    seen, counts = set(), {}
    for case in cases:
        options, shape = case["options"], case["input"]["shape"]
        o = resolved(options)
        mode = o["paddingMode"]
        kh, kw = pair(o["kernelSize"])
        dh, dw = pair(o["dilation"])
        seen.add(("mode", mode))
        seen.add(("rank", mode, "unbatched" if len(shape) == 3 else "batched"))
        if len(shape) == 4 and shape[0] == 0:
            seen.add(("batch0", mode))
        p = options.get("padding", "omitted")
        kind = p if isinstance(p, str) else ("pair" if isinstance(p, list) else "int")
        seen.add(("padding", kind))
        seen.add(("padding", kind, mode))
        if p == "same":
            seen.add(("same", "even" if (kh % 2 == 0 or kw % 2 == 0) else "odd",
                      "dilated" if max(dh, dw) > 1 else "plain"))
        for s in pair(o["stride"]):
            seen.add(("stride", s))
        for d in (dh, dw):
            seen.add(("dilation", d))
        g = o["groups"]
        seen.add(("groups", "depthwise" if g == o["inChannels"] and g > 1 else g))
        if g == o["inChannels"] and g > 1 and o["outChannels"] > g:
            seen.add(("groups", "depthwise-multiplier"))
        seen.add(("bias", o["bias"]))
        if (kh, kw) == (1, 1):
            seen.add(("kernel", "1x1"))
        if kh != kw:
            seen.add(("kernel", "non-square"))
        if shape[-1] != shape[-2]:
            seen.add(("input", "non-square"))
        top, bottom, left, right = side_pads(options)
        if (dh * (kh - 1) + 1, dw * (kw - 1) + 1) == (shape[-2] + top + bottom, shape[-1] + left + right):
            seen.add(("kernel", "equals padded input"))
        for key in CONV_DEFAULTS:
            seen.add(("key", key, "given" if key in options else "omitted"))
        for feature in [("mode", mode), ("input", "unbatched" if len(shape) == 3 else
                                          "batch 0" if shape[0] == 0 else "batched"),
                        ("padding", kind), ("groups", "depthwise" if g == o["inChannels"] and g > 1 else g),
                        ("bias", o["bias"])]:
            counts[feature] = counts.get(feature, 0) + 1
    required = {("mode", m) for m in MODES} | {("rank", m, r) for m in MODES for r in ("batched", "unbatched")}
    required |= {("batch0", m) for m in MODES}
    required |= {("padding", k) for k in ("omitted", "int", "pair", "same", "valid")}
    required |= {("padding", k, m) for k in ("int", "pair", "same", "valid") for m in MODES}
    required |= {("same", e, d) for e in ("even", "odd") for d in ("dilated", "plain")}
    required |= {("stride", s) for s in (1, 2, 3)} | {("dilation", d) for d in (1, 2, 3)}
    required |= {("groups", g) for g in (1, 2, 3, 4, "depthwise", "depthwise-multiplier")}
    required |= {("bias", True), ("bias", False), ("kernel", "1x1"), ("kernel", "non-square"),
                 ("input", "non-square"), ("kernel", "equals padded input")}
    required |= {("key", k, g) for k in CONV_DEFAULTS for g in ("given", "omitted")}
    for category in ("mode", "input", "padding", "groups", "bias"):
        row = sorted((str(k[1]), v) for k, v in counts.items() if k[0] == category)
        print(f"  {category}: " + ", ".join(f"{k}={v}" for k, v in row))
    missing = required - seen
    assert not missing, f"conv2d coverage missing: {sorted(map(str, missing))}"
    print(f"  coverage: all {len(required)} required features present")


# ---------------------------------------------------------------------------------------------
# pad


def pad_name(shape, pad, mode, value):
    name = f"x={fmt(shape)} pad={fmt(pad)} mode={mode}"
    return name + (f" value={value:g}" if mode == "constant" else "")


def run_pad(x, pad, mode, value, grad_output):
    x = x.detach().requires_grad_(True)
    note = None
    if mode == "constant":
        y = F.pad(x, pad, mode="constant", value=value)
    elif mode == "circular" and x.dim() == 3 and len(pad) == 4:
        y = F.pad(x.unsqueeze(0), pad, mode="circular").squeeze(0)
        note = NOTE_UNBATCHED_CIRCULAR_PAD
    else:
        y = F.pad(x, pad, mode=mode)
    if grad_output is None:
        return y, None, note
    y.backward(grad_output.to(y.dtype))
    return y, x.grad, note


def targeted_pad():
    cases = []
    for dims in ((2, 4, 5), (2, 2, 4, 5)):
        s3 = list(dims)
        h, w = s3[-2], s3[-1]
        for mode in PAD_MODES:
            values = [0.0, 1.5, -2.25] if mode == "constant" else [None]
            for value in values:
                cases += [(s3, [0, 0, 0, 0], mode, value), (s3, [1, 1, 1, 1], mode, value),
                          (s3, [2, 0, 1, 3], mode, value), (s3, [0, 3, 2, 0], mode, value)]
            lim_h, lim_w = (h - 1, w - 1) if mode == "reflect" else (h, w) if mode == "circular" else (h + 2, w + 3)
            cases += [(s3, [lim_w, lim_w, lim_h, lim_h], mode, values[0]),
                      (s3, [lim_w, 0, 0, lim_h], mode, values[0])]
            if mode == "constant" or len(dims) == 3:  # 2-element pads: torch 1.13 only on these
                cases += [(s3, [1, 2], mode, values[-1]), (s3, [0, lim_w], mode, values[0]), (s3, [0, 0], mode, values[0])]
    for dims in ((2, 4, 5), (1, 3, 4, 5)):  # constant with negative pads (cropping)
        s3 = list(dims)
        cases += [(s3, [-1, 0, 0, -1], "constant", 0.0), (s3, [-1, -1, -1, -1], "constant", 1.5),
                  (s3, [2, -1, -2, 1], "constant", 0.0), (s3, [-2, 3, 1, -3], "constant", -2.25),
                  (s3, [-5, 0, 0, 0], "constant", 0.0), (s3, [0, 0, -2, -2], "constant", 1.5),
                  (s3, [-1, -2], "constant", 0.0), (s3, [-2, 1], "constant", 1.5)]
    cases += [([0, 2, 3, 4], [1, 2, 1, 0], "constant", 0.0), ([0, 2, 3, 4], [1, 2, 1, 0], "replicate", None),
              ([0, 2, 3, 4], [1, 2, 1, 0], "reflect", None), ([0, 2, 3, 4], [1, 2, 1, 0], "circular", None),
              ([1, 1, 1, 1], [2, 2, 2, 2], "replicate", None), ([1, 1, 1, 1], [1, 1, 1, 1], "circular", None),
              ([1, 1, 2, 2], [1, 1, 1, 1], "reflect", None), ([3, 1, 1], [0, 0, 3, 1], "replicate", None)]
    return cases


def sample_pad(rng):
    mode = rng.choice(PAD_MODES)
    rank = rng.choice([3, 4])
    h, w = rng.randint(1, 6), rng.randint(1, 6)
    shape = [rng.randint(1, 3), h, w] if rank == 3 else [rng.randint(1, 2), rng.randint(1, 3), h, w]
    two = (mode == "constant" or rank == 3) and rng.random() < 0.25
    if mode == "constant":
        lo_h, hi_h, lo_w, hi_w = -(h - 1) // 2, 3, -(w - 1) // 2, 3
    elif mode == "reflect":
        lo_h, hi_h, lo_w, hi_w = 0, h - 1, 0, w - 1
    elif mode == "circular":
        lo_h, hi_h, lo_w, hi_w = 0, h, 0, w
    else:
        lo_h, hi_h, lo_w, hi_w = 0, 4, 0, 4
    pad = [rng.randint(lo_w, hi_w), rng.randint(lo_w, hi_w)]
    if not two:
        pad += [rng.randint(lo_h, hi_h), rng.randint(lo_h, hi_h)]
    value = rng.choice([0.0, 1.5, -0.5, 3.0]) if mode == "constant" else None
    return shape, pad, mode, value


def pad_fixtures():
    rng = random.Random(20261128)
    gen = torch.Generator().manual_seed(1128)
    out = Bin()
    cases, names = [], set()
    worst = 0.0

    def add(shape, pad, mode, value):
        nonlocal worst
        name = pad_name(shape, pad, mode, value)
        if name in names:
            return False
        x = torch.randn(shape, generator=gen)
        try:
            y, _, _ = run_pad(x, pad, mode, value, None)
        except Exception as error:  # noqa: BLE001
            return error
        go = torch.randn(list(y.shape), generator=gen)
        y, gx, note = run_pad(x, pad, mode, value, go)
        y64, gx64, _ = run_pad(x.double(), pad, mode, value, go.double())
        for a, ref in ((y, y64), (gx, gx64)):
            if a.numel():
                worst = max(worst, (a.double() - ref).abs().max().item())
        case = {"name": name, "pad": pad, "mode": mode}
        if mode == "constant":
            case["value"] = value
        if note:
            case["note"] = note
        case.update({"input": out.add(x), "output": out.add(y), "gradOutput": out.add(go), "gradInput": out.add(gx)})
        cases.append(case)
        names.add(name)
        return True

    for spec in targeted_pad():
        result = add(*spec)
        if result is not True and result is not False:
            raise SystemExit(f"targeted pad case rejected: {pad_name(*spec)}: {result}")
    n_targeted = len(cases)
    while len(cases) < 140:
        add(*sample_pad(rng))
    print(f"pad: {len(cases)} cases ({n_targeted} targeted, {len(cases) - n_targeted} random); "
          f"float32 vs float64 max abs diff {worst:.3g}")
    assert worst < 1e-5
    by_mode = {}
    for case in cases:
        key = (case["mode"], len(case["input"]["shape"]), len(case["pad"]))
        by_mode[key] = by_mode.get(key, 0) + 1
    print("  (mode, input rank, pad length): " + ", ".join(f"{k}={v}" for k, v in sorted(by_mode.items())))
    return cases, out


# ---------------------------------------------------------------------------------------------
# errors


def conv_error_specs():
    c = lambda i, o, k, **rest: {"inChannels": i, "outChannels": o, "kernelSize": k, **rest}  # noqa: E731
    return [
        ("channel mismatch, batched", [1, 4, 5, 5], c(3, 2, 3)),
        ("channel mismatch, unbatched", [4, 5, 5], c(3, 2, 3)),
        ("channel mismatch, groups", [2, 4, 6, 6], c(6, 4, [3, 1], groups=2)),
        ("channel mismatch, groups unbatched", [4, 5, 5], c(6, 4, [3, 1], groups=2)),
        ("channel mismatch, depthwise", [1, 3, 5, 5], c(4, 4, 3, groups=4)),
        ("kernel larger than input", [1, 3, 2, 2], c(3, 2, 7)),
        ("kernel larger than padded input", [1, 3, 4, 4], c(3, 2, 7, padding=1)),
        ("kernel larger than padded input, reflect", [1, 3, 4, 4], c(3, 2, 7, padding=1, paddingMode="reflect")),
        ("kernel larger than padded input, width only", [1, 3, 9, 4], c(3, 2, [3, 6])),
        ("dilated kernel larger than input", [1, 3, 9, 4], c(3, 2, 3, dilation=[1, 2])),
        ("kernel larger than input, stride 2", [1, 3, 2, 2], c(3, 2, 7, stride=2)),
        ("zero spatial size", [1, 1, 0, 4], c(1, 1, 1)),
        ("same with stride", [1, 3, 8, 8], c(3, 2, 3, padding="same", stride=2)),
        ("same with stride pair", [1, 3, 8, 8], c(3, 2, 3, padding="same", stride=[1, 2])),
        ("groups not dividing inChannels", [1, 6, 8, 8], c(6, 2, 3, groups=4)),
        ("groups not dividing outChannels", [1, 6, 8, 8], c(6, 4, 3, groups=3)),
        ("groups 0", [1, 6, 8, 8], c(6, 4, 3, groups=0)),
        ("groups negative", [1, 6, 8, 8], c(6, 4, 3, groups=-2)),
        ("reflect pad equal to height", [1, 3, 3, 8], c(3, 2, 3, padding=3, paddingMode="reflect")),
        ("reflect pad greater than width", [1, 3, 8, 2], c(3, 2, 3, padding=[1, 3], paddingMode="reflect")),
        ("reflect same pad too large", [3, 8, 2], c(3, 2, [1, 5], padding="same", paddingMode="reflect")),
        ("circular pad greater than height", [1, 3, 3, 8], c(3, 2, 3, padding=4, paddingMode="circular")),
        ("circular pad greater than width", [1, 3, 8, 2], c(3, 2, 3, padding=[0, 3], paddingMode="circular")),
        ("2-D input", [3, 8], c(3, 2, 3)),
        ("5-D input", [1, 1, 3, 8, 8], c(3, 2, 3)),
        ("1-D input", [8], c(1, 2, 3)),
        ("invalid paddingMode", [1, 3, 8, 8], c(3, 2, 3, paddingMode="mirror")),
        ("invalid paddingMode 'constant'", [1, 3, 8, 8], c(3, 2, 3, padding=1, paddingMode="constant")),
        ("invalid padding string 'full'", [1, 3, 8, 8], c(3, 2, 3, padding="full")),
        ("negative padding", [1, 3, 8, 8], c(3, 2, 3, padding=-1)),
        ("negative padding pair", [1, 3, 8, 8], c(3, 2, 3, padding=[1, -2])),
        ("negative padding, reflect", [1, 3, 8, 8], c(3, 2, 3, padding=-1, paddingMode="reflect")),
        ("kernel 0", [1, 3, 8, 8], c(3, 2, 0)),
        ("kernel 0 in width", [1, 3, 8, 8], c(3, 2, [3, 0])),
        ("kernel negative", [1, 3, 8, 8], c(3, 2, -1)),
        ("stride 0", [1, 3, 8, 8], c(3, 2, 3, stride=0)),
        ("stride 0 in height", [1, 3, 8, 8], c(3, 2, 3, stride=[0, 1])),
        ("stride negative", [1, 3, 8, 8], c(3, 2, 3, stride=-1)),
        ("dilation 0", [1, 3, 8, 8], c(3, 2, 3, dilation=0)),
        ("dilation 0 in width", [1, 3, 8, 8], c(3, 2, 3, dilation=[2, 0])),
        ("dilation negative", [1, 3, 8, 8], c(3, 2, 3, dilation=-1)),
        ("inChannels 0", [1, 0, 8, 8], c(0, 2, 3)),
    ]


def pad_error_specs():
    return [
        ("reflect pad equal to width", [1, 2, 4, 5], [5, 0, 0, 0], "reflect", None),
        ("reflect pad equal to height", [1, 2, 4, 5], [0, 0, 0, 4], "reflect", None),
        ("reflect pad equal to height, 3-D", [2, 4, 5], [1, 1, 4, 1], "reflect", None),
        ("reflect 2-element pad equal to width, 3-D", [2, 4, 5], [5, 1], "reflect", None),
        ("circular pad greater than width", [1, 2, 4, 5], [6, 0, 0, 0], "circular", None),
        ("circular pad greater than height", [1, 2, 4, 5], [0, 0, 1, 5], "circular", None),
        ("reflect 2-element pad on 4-D", [1, 2, 4, 5], [1, 1], "reflect", None),
        ("replicate 2-element pad on 4-D", [1, 2, 4, 5], [1, 1], "replicate", None),
        ("circular 2-element pad on 4-D", [1, 2, 4, 5], [1, 1], "circular", None),
        ("reflect on 2-D input with 4-element pad", [4, 5], [1, 1, 1, 1], "reflect", None),
        ("replicate on 5-D input with 4-element pad", [1, 1, 2, 4, 5], [1, 1, 1, 1], "replicate", None),
        ("odd pad length", [1, 2, 4, 5], [1, 1, 1], "constant", 0.0),
        ("pad longer than the input rank allows", [2, 4, 5], [1, 1, 1, 1, 1, 1, 1, 1], "constant", 0.0),
        ("constant crop past the input", [1, 2, 4, 5], [-3, -3, 0, 0], "constant", 0.0),
        ("reflect with a value", [1, 2, 4, 5], [1, 1, 1, 1], "reflect", 1.5),
        ("invalid mode", [1, 2, 4, 5], [1, 1, 1, 1], "zeros", None),
    ]


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def error_fixtures():
    cases = []
    for name, shape, options in conv_error_specs():
        phase = "construct"
        try:
            conv = nn.Conv2d(**torch_kwargs(options))
            phase = "forward"
            conv(torch.zeros(shape))
        except Exception as error:  # noqa: BLE001 - every failure is recorded
            cases.append({"name": name, "op": "Conv2d", "inputShape": shape, "options": options,
                          "torchError": type(error).__name__, "torchMessage": first_line(error), "phase": phase})
            continue
        print(f"  errors: torch ACCEPTS Conv2d '{name}' {conv_name(shape, options)}: skipped")
    for name, shape, pad, mode, value in pad_error_specs():
        try:
            if value is None:
                F.pad(torch.zeros(shape), pad, mode=mode)
            else:
                F.pad(torch.zeros(shape), pad, mode=mode, value=value)
        except Exception as error:  # noqa: BLE001
            case = {"name": name, "op": "pad", "inputShape": shape, "pad": pad, "mode": mode}
            if value is not None:
                case["value"] = value
            case.update({"torchError": type(error).__name__, "torchMessage": first_line(error), "phase": "forward"})
            cases.append(case)
            continue
        print(f"  errors: torch ACCEPTS pad '{name}' x={shape} pad={pad} mode={mode}: skipped")
    kinds = {}
    for case in cases:
        kinds[case["torchError"]] = kinds.get(case["torchError"], 0) + 1
    print(f"errors: {len(cases)} cases ({sum(c['op'] == 'Conv2d' for c in cases)} Conv2d, "
          f"{sum(c['op'] == 'pad' for c in cases)} pad): {kinds}")
    return cases


# ---------------------------------------------------------------------------------------------
# seed document


SEED_OUTPUTS = {
    "zeros": [[0, 0, 0, 0, 0, 0], [0, 0, 1, 2, 3, 0], [0, 4, 5, 6, 7, 0], [0, 8, 9, 10, 11, 0],
              [0, 12, 13, 14, 15, 0], [0, 0, 0, 0, 0, 0]],
    "reflect": [[5, 4, 5, 6, 7, 6], [1, 0, 1, 2, 3, 2], [5, 4, 5, 6, 7, 6], [9, 8, 9, 10, 11, 10],
                [13, 12, 13, 14, 15, 14], [9, 8, 9, 10, 11, 10]],
    "replicate": [[0, 0, 0, 1, 2, 3, 3, 3], [0, 0, 0, 1, 2, 3, 3, 3], [0, 0, 0, 1, 2, 3, 3, 3],
                  [4, 4, 4, 5, 6, 7, 7, 7], [8, 8, 8, 9, 10, 11, 11, 11], [12, 12, 12, 13, 14, 15, 15, 15],
                  [12, 12, 12, 13, 14, 15, 15, 15], [12, 12, 12, 13, 14, 15, 15, 15]],
    "circular": [[10, 11, 8, 9, 10, 11, 8, 9], [14, 15, 12, 13, 14, 15, 12, 13], [2, 3, 0, 1, 2, 3, 0, 1],
                 [6, 7, 4, 5, 6, 7, 4, 5], [10, 11, 8, 9, 10, 11, 8, 9], [14, 15, 12, 13, 14, 15, 12, 13],
                 [2, 3, 0, 1, 2, 3, 0, 1], [6, 7, 4, 5, 6, 7, 4, 5]],
    "dilation1": [[54, 63, 72], [99, 108, 117], [144, 153, 162]],
    "dilation2": [[108]],
}


def plain(tensor):
    """A tensor as nested lists of plain JSON numbers (integers stay integers)."""
    values = tensor.detach().tolist()

    def clean(v):
        if isinstance(v, list):
            return [clean(u) for u in v]
        return int(v) if float(v).is_integer() else v
    return clean(values)


def seed_fixtures():
    examples = []
    x16 = torch.arange(0, 16, dtype=torch.float).reshape(1, 1, 4, 4)
    x25 = torch.arange(0, 25, dtype=torch.float).reshape(1, 1, 5, 5)
    valued = [
        ("padding=1 paddingMode=zeros, 1x1 kernel of ones, on arange(16)", x16,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "stride": 1, "padding": 1, "bias": False, "paddingMode": "zeros"}, "zeros"),
        ("padding=1 paddingMode=reflect, 1x1 kernel of ones, on arange(16)", x16,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "stride": 1, "padding": 1, "bias": False, "paddingMode": "reflect"}, "reflect"),
        ("padding=2 paddingMode=replicate, 1x1 kernel of ones, on arange(16)", x16,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "stride": 1, "padding": 2, "bias": False, "paddingMode": "replicate"}, "replicate"),
        ("padding=2 paddingMode=circular, 1x1 kernel of ones, on arange(16)", x16,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 1, "stride": 1, "padding": 2, "bias": False, "paddingMode": "circular"}, "circular"),
        ("dilation=1, 3x3 kernel of ones, on arange(25)", x25,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 3, "stride": 1, "padding": 0, "dilation": 1, "bias": False}, "dilation1"),
        ("dilation=2, 3x3 kernel of ones, on arange(25)", x25,
         {"inChannels": 1, "outChannels": 1, "kernelSize": 3, "stride": 1, "padding": 0, "dilation": 2, "bias": False}, "dilation2"),
    ]
    for name, x, options, key in valued:
        conv = nn.Conv2d(**torch_kwargs(options))
        kh, kw = pair(options["kernelSize"])
        conv.weight = nn.Parameter(torch.ones(1, 1, kh, kw))
        y = conv(nn.Parameter(x.clone()))
        expected = [[SEED_OUTPUTS[key]]]
        assert plain(y) == expected, f"seed example '{name}': torch gave {plain(y)}"
        examples.append({"name": name, "kind": "values", "options": options, "inputShape": list(x.shape),
                         "outputShape": list(y.shape), "input": plain(x), "weight": plain(conv.weight),
                         "output": plain(y)})
    assert examples[4]["output"] == [[[[54, 63, 72], [99, 108, 117], [144, 153, 162]]]]
    assert examples[5]["output"] == [[[[108]]]]
    gen = torch.Generator().manual_seed(7)
    for name, shape, options, expected in [
        ("padding=0 stride=1 kernelSize=3 on (1,1,4,4): output size", [1, 1, 4, 4],
         {"inChannels": 1, "outChannels": 1, "kernelSize": 3}, [1, 1, 2, 2]),
        ("padding=2 stride=1 kernelSize=4 on (1,1,5,5): output size", [1, 1, 5, 5],
         {"inChannels": 1, "outChannels": 1, "kernelSize": 4, "padding": 2}, [1, 1, 6, 6]),
    ]:
        y = nn.Conv2d(**torch_kwargs(options))(torch.randn(shape, generator=gen))
        assert list(y.shape) == expected, f"seed example '{name}': torch gave {list(y.shape)}"
        examples.append({"name": name, "kind": "shape", "options": options, "inputShape": shape,
                         "outputShape": list(y.shape)})
    print(f"seed: {len(examples)} examples, all equal to the seed document's printed results")
    return examples


# ---------------------------------------------------------------------------------------------


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    header = {"torch": torch.__version__, "generator": GENERATOR}

    conv_cases, conv_bin = conv_fixtures()
    size = conv_bin.write(OUT / "conv2d.bin")
    write_json(OUT / "conv2d.json", {**header, "cases": conv_cases})
    print(f"  wrote test/fixtures/conv2d.json, conv2d.bin ({size} bytes)")

    pad_cases, pad_bin = pad_fixtures()
    size = pad_bin.write(OUT / "pad.bin")
    write_json(OUT / "pad.json", {**header, "cases": pad_cases})
    print(f"  wrote test/fixtures/pad.json, pad.bin ({size} bytes)")

    write_json(OUT / "errors.json", {**header, "cases": error_fixtures()})
    print("  wrote test/fixtures/errors.json")

    write_json(OUT / "seed.json", {**header, "examples": seed_fixtures()})
    print("  wrote test/fixtures/seed.json")


if __name__ == "__main__":
    main()
