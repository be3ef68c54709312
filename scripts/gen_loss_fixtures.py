#!/usr/bin/python3
"""Golden fixtures for reductions, softmax, argmax, matmul, transpose/permute and the losses,
forward values and input gradients from torch.autograd.

Run with Debian's PyTorch (the `python3` on PATH may lack torch):

    /usr/bin/python3 scripts/gen_loss_fixtures.py

Writes test/fixtures/losses.json (committed; CI never needs torch): {"torch", "cases": [...]},
one case per line. A case names its op and parameters and holds its input tensors (`inputs`:
x, y, target, weight, posWeight as the op takes them), the forward `output`, the gradient fed
back (`gradOutput`, seeded random values of the output's shape) and the gradients torch computes
for the inputs that require grad (`grads`). Class indices are stored as numbers (integers).

Values are written as the shortest decimal that reads back to the same float32. Deterministic:
a seeded torch.Generator; an unchanged torch rewrites identical bytes.
"""
import json
import struct
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "losses.json"
gen = torch.Generator().manual_seed(20261206)
torch.set_num_threads(1)


def f32_short(value):
    """The shortest decimal text whose float32 rounding is `value` (a float32 value)."""
    if value != value:
        return "NaN"
    bits = struct.pack("<f", value)
    if value == 0:
        return 0.0
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.pack("<f", float(text)) == bits:
            return float(text)
    raise AssertionError(value)


def js(t):
    return {"shape": list(t.shape), "data": [f32_short(v) for v in t.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(tuple(shape), generator=gen, dtype=torch.float32)


def rand(*shape):
    return torch.rand(tuple(shape), generator=gen, dtype=torch.float32)


def classes(n, c):
    return torch.randint(0, c, (n,), generator=gen)


cases = []


def case(name, op, inputs, params, fn, grad_inputs):
    """Runs fn(**inputs, **params) with grad on `grad_inputs`; records output and gradients."""
    leaves = {}
    for key, value in inputs.items():
        if key in grad_inputs:
            leaves[key] = value.clone().requires_grad_(True)
        else:
            leaves[key] = value
    out = fn(**leaves)
    entry = {"name": name, "op": op, "params": params, "inputs": {k: js(v.float()) for k, v in inputs.items()}, "output": js(out.float())}
    if grad_inputs:
        grad_output = randn(*out.shape)
        out.backward(grad_output)
        entry["gradOutput"] = js(grad_output)
        entry["grads"] = {k: js(leaves[k].grad) for k in grad_inputs}
    cases.append(entry)


def reduction_name(params):
    return " ".join(f"{k}={json.dumps(v, separators=(',', ':'))}" for k, v in params.items())


# reductions over one dim, and of every element
for shape in [[5], [2, 3], [2, 3, 4], [1, 4, 1]]:
    dims = [None] + list(range(-len(shape), len(shape)))
    for dim in dims:
        for keepdim in ([False] if dim is None else [False, True]):
            for op, f in (("sum", torch.sum), ("mean", torch.mean)):
                x = randn(*shape)
                params = {} if dim is None else {"dim": dim, "keepdim": keepdim}
                call = (lambda x, f=f: f(x)) if dim is None else (lambda x, f=f, dim=dim, keepdim=keepdim: f(x, dim, keepdim=keepdim))
                case(f"{op} x={shape} {reduction_name(params)}".strip(), op, {"x": x}, params, call, ["x"])
# a 0-d tensor reduced over dim 0 / -1, as PyTorch allows
for op, f in (("sum", torch.sum), ("mean", torch.mean)):
    for dim in (0, -1):
        case(f"{op} x=[] dim={dim} keepdim=false", op, {"x": randn()}, {"dim": dim, "keepdim": False}, lambda x, f=f, dim=dim: f(x, dim), ["x"])

# softmax and log-softmax, large logits included
for shape in [[5], [3, 4], [2, 3, 4]]:
    for dim in range(-len(shape), len(shape)):
        for op, f in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
            case(f"{op} x={shape} dim={dim}", op, {"x": randn(*shape) * 3}, {"dim": dim}, lambda x, f=f, dim=dim: f(x, dim), ["x"])
for op, f in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
    x = torch.tensor([[1000.0, 999.0, -1000.0], [-500.0, -501.0, -502.0]])
    case(f"{op} x=[2, 3] dim=1 large logits", op, {"x": x}, {"dim": 1}, lambda x, f=f: f(x, 1), ["x"])

# argmax (no gradient): random values have no ties
for shape in [[7], [3, 4], [2, 3, 4]]:
    for dim in [None] + list(range(-len(shape), len(shape))):
        for keepdim in ([False] if dim is None else [False, True]):
            params = {} if dim is None else {"dim": dim, "keepdim": keepdim}
            call = (lambda x: torch.argmax(x)) if dim is None else (lambda x, dim=dim, keepdim=keepdim: torch.argmax(x, dim, keepdim=keepdim))
            case(f"argmax x={shape} {reduction_name(params)}".strip(), "argmax", {"x": randn(*shape)}, params, call, [])

# matmul: 2-D, batched, broadcast batch dims
for a, b in [([2, 3], [3, 4]), ([1, 5], [5, 1]), ([4, 2, 3], [4, 3, 5]), ([2, 3, 4], [4, 2]), ([3, 4], [2, 4, 5]), ([2, 1, 2, 3], [4, 3, 2]), ([3, 0], [0, 2])]:
    case(f"matmul a={a} b={b}", "matmul", {"x": randn(*a), "y": randn(*b)}, {}, lambda x, y: torch.matmul(x, y), ["x", "y"])

# transpose and permute (copies here, views in torch: the values are the same)
for shape, d0, d1 in [([2, 3], 0, 1), ([2, 3, 4], 0, 2), ([2, 3, 4], -1, 1), ([2, 3, 4], 1, 1), ([5], 0, -1)]:
    case(f"transpose x={shape} dim0={d0} dim1={d1}", "transpose", {"x": randn(*shape)}, {"dim0": d0, "dim1": d1}, lambda x, d0=d0, d1=d1: torch.transpose(x, d0, d1), ["x"])
for shape, dims in [([2, 3], [1, 0]), ([2, 3, 4], [2, 0, 1]), ([2, 3, 4, 5], [0, 2, 3, 1]), ([2, 3, 4], [-1, -3, 1]), ([3], [0])]:
    case(f"permute x={shape} dims={dims}", "permute", {"x": randn(*shape)}, {"dims": dims}, lambda x, dims=dims: x.permute(*dims), ["x"])

# cross entropy and nll: every option
N, C = 6, 4
for op in ("crossEntropy", "nllLoss"):
    for reduction in ("mean", "sum", "none"):
        for use_weight in (False, True):
            for ignore in (None, -100, 2):
                for smoothing in ((0.0, 0.1, 1.0) if op == "crossEntropy" else (0.0,)):
                    x = randn(N, C) * 2
                    if op == "nllLoss":
                        x = torch.log_softmax(x, 1)
                    target = classes(N, C)
                    params = {"reduction": reduction}
                    if ignore is not None:
                        params["ignoreIndex"] = ignore
                        # -100 is the default: pass it implicitly, but put it in the target
                        if ignore == -100:
                            del params["ignoreIndex"]
                        target[1] = ignore
                        if ignore == 2:
                            target[3] = 2
                    if smoothing:
                        params["labelSmoothing"] = smoothing
                    inputs = {"x": x, "target": target}
                    if use_weight:
                        inputs["weight"] = rand(C) + 0.5
                    kwargs = {"reduction": reduction, "ignore_index": ignore if ignore is not None else -100}
                    if op == "crossEntropy":
                        call = lambda x, target, weight=None, kwargs=kwargs, smoothing=smoothing: F.cross_entropy(x, target, weight=weight, label_smoothing=smoothing, **kwargs)
                    else:
                        call = lambda x, target, weight=None, kwargs=kwargs: F.nll_loss(x, target, weight=weight, **kwargs)
                    name = f"{op} x=[{N}, {C}] {reduction_name(params)} weight={use_weight}" + (" target holds -100" if ignore == -100 else "")
                    case(name, op, inputs, params, call, ["x"])
# every target ignored: mean is 0/0
case("crossEntropy x=[2, 3] reduction=\"mean\" every target ignored", "crossEntropy", {"x": randn(2, 3), "target": torch.tensor([-100, -100])}, {"reduction": "mean"}, lambda x, target: F.cross_entropy(x, target), ["x"])

# element-wise losses
for op, f in (("mseLoss", F.mse_loss), ("l1Loss", F.l1_loss)):
    for shape in ([5], [2, 3], [2, 3, 2]):
        for reduction in ("mean", "sum", "none"):
            case(f"{op} x={shape} reduction={json.dumps(reduction)}", op, {"x": randn(*shape), "y": randn(*shape)}, {"reduction": reduction}, lambda x, y, f=f, reduction=reduction: f(x, y, reduction=reduction), ["x", "y"])
for shape, weight_shape, pos_shape in [([5], None, None), ([4, 3], None, None), ([4, 3], [3], None), ([4, 3], [4, 3], None), ([4, 3], None, [3]), ([4, 3], [4, 1], [3]), ([2, 3, 2], [2], [2])]:
    for reduction in ("mean", "sum", "none"):
        params = {"reduction": reduction}
        inputs = {"x": randn(*shape) * 3, "y": rand(*shape)}
        if weight_shape:
            inputs["weight"] = rand(*weight_shape) + 0.5
        if pos_shape:
            inputs["posWeight"] = rand(*pos_shape) * 3 + 0.5
        call = lambda x, y, weight=None, posWeight=None, reduction=reduction: F.binary_cross_entropy_with_logits(x, y, weight=weight, pos_weight=posWeight, reduction=reduction)
        case(f"binaryCrossEntropyWithLogits x={shape} {reduction_name(params)} weight={weight_shape} posWeight={pos_shape}", "binaryCrossEntropyWithLogits", inputs, params, call, ["x", "y"])

# PyTorch's words for the errors the ops share with it
errors = []


def error(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        errors.append({"name": name, "torchError": type(e).__name__, "torchMessage": str(e).split("\n")[0]})
        return
    raise AssertionError(name)


error("sum dim=2 x=[2, 3]", lambda: torch.sum(torch.zeros(2, 3), 2))
error("softmax dim=-3 x=[2, 3]", lambda: torch.softmax(torch.zeros(2, 3), -3))
error("transpose dim1=3 x=[2, 3, 4]", lambda: torch.transpose(torch.zeros(2, 3, 4), 0, 3))
error("matmul a=[2, 3] b=[4, 5]", lambda: torch.matmul(torch.zeros(2, 3), torch.zeros(4, 5)))
error("permute dims=[0, 1] x=[2, 3, 4]", lambda: torch.zeros(2, 3, 4).permute(0, 1))
error("crossEntropy target=10 C=10", lambda: F.cross_entropy(torch.zeros(2, 10), torch.tensor([1, 10])))
error("crossEntropy x=[64, 10] target=[32]", lambda: F.cross_entropy(torch.zeros(64, 10), torch.zeros(32, dtype=torch.long)))
error("nllLoss weight=[5] C=10", lambda: F.nll_loss(torch.zeros(2, 10), torch.tensor([1, 2]), weight=torch.ones(5)))
error("binaryCrossEntropyWithLogits x=[64] target=[32]", lambda: F.binary_cross_entropy_with_logits(torch.zeros(64), torch.zeros(32)))

lines = ",\n".join(json.dumps(c, separators=(",", ":")) for c in cases)
error_lines = ",\n".join(json.dumps(c, separators=(",", ":")) for c in errors)
OUT.write_text(f'{{"torch":{json.dumps(torch.__version__)},\n"cases":[\n{lines}\n],\n"errors":[\n{error_lines}\n]}}\n')
print(f"{OUT.relative_to(ROOT)}: {len(cases)} cases, {len(errors)} errors, {OUT.stat().st_size} bytes")
