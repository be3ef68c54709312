#!/usr/bin/python3
"""torchvision's ResNet-18 on weights both sides can make, and its logits: test/fixtures/resnet18-logits.json.

Run with Debian's PyTorch and torchvision:

    /usr/bin/python3 scripts/gen_interop_fixtures.py

A whole model's weights (11.7M floats, 47 MB) are too large to commit, so they are not: they
come from a small generator that test/interop.test.ts implements the same way (xorshift32,
seed 20261206), drawn in `state_dict()` order, each tensor's values in row-major order:

    u = next() / 2^32 * 2 - 1                      (a float64 in [-1, 1))
    conv and linear weights:   u * sqrt(3 / fan_in)      (uniform, variance 1/fan_in)
    linear biases:             u * 0.1
    BatchNorm weight:          1 + 0.1 u;   bias: 0.1 u
    running_mean:              0.1 u;       running_var: 1 + 0.5 u
    num_batches_tracked:       7  (int64; draws nothing)

each value computed in float64 and rounded to float32 once. Then the input, [2, 3, 224, 224]
(examples/resnet18.ts is typed for 224×224), u for each value. torchvision.models.resnet18()
(no download) loads the state dict, runs in eval mode under no_grad, and the file holds the logits [2, 1000] and the state dict's keys and
shapes. The test builds examples/resnet18.ts's model, makes the same state dict, writes it with
saveSafetensors (num_batches_tracked as I64, as PyTorch holds it), reads it back with
loadSafetensors, loads it with loadStateDict and must reproduce the logits within 1e-4.
"""
import json
import math
from pathlib import Path

import numpy as np
import torch
import torchvision

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "resnet18-logits.json"
SEED = 20261206
torch.set_num_threads(1)


class Xorshift32:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        x = self.state
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.state = x
        return x

    def uniform(self, n):
        # float64 in [-1, 1), as the test's Math computes it
        return np.array([self.next() / 4294967296 * 2 - 1 for _ in range(n)], dtype=np.float64)


def values(gen, key, shape):
    n = int(np.prod(shape)) if shape else 1
    last = key.rsplit(".", 1)[-1]
    if last == "num_batches_tracked":
        return None
    u = gen.uniform(n)
    if last == "weight" and len(shape) >= 2:
        fan_in = int(np.prod(shape[1:]))
        v = u * math.sqrt(3 / fan_in)
    elif last == "bias" and key.startswith("fc."):
        v = u * 0.1
    elif last == "weight":
        v = 1 + 0.1 * u
    elif last == "bias":
        v = 0.1 * u
    elif last == "running_mean":
        v = 0.1 * u
    elif last == "running_var":
        v = 1 + 0.5 * u
    else:
        raise ValueError(key)
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def main():
    model = torchvision.models.resnet18()
    gen = Xorshift32(SEED)
    state = {}
    for key, tensor in model.state_dict().items():
        v = values(gen, key, list(tensor.shape))
        state[key] = torch.tensor(7, dtype=torch.int64) if v is None else v
    model.load_state_dict(state)
    x = torch.from_numpy(gen.uniform(2 * 3 * 224 * 224).astype(np.float32).reshape(2, 3, 224, 224))
    model.eval()
    with torch.no_grad():
        logits = model(x)
    OUT.write_text(json.dumps({
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "generator": "scripts/gen_interop_fixtures.py",
        "seed": SEED,
        "input": [2, 3, 224, 224],
        "stateDict": [[k, list(v.shape)] for k, v in model.state_dict().items()],
        "logits": [float("%.9g" % v) for v in logits.reshape(-1).tolist()],
    }, separators=(",", ":")) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB); logits range "
          f"[{logits.min().item():.3f}, {logits.max().item():.3f}]")


if __name__ == "__main__":
    main()
