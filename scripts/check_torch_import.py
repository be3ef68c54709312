#!/usr/bin/python3
"""A model trained by shapecheck, saved with saveSafetensors, loads into PyTorch unchanged.

Run with Debian's PyTorch, after `npm run build` (not part of `npm test`: CI has no torch):

    /usr/bin/python3 scripts/check_torch_import.py

Runs `node scripts/export-trained.mjs DIR`, which trains scripts/gen_train_fixtures.py's small CNN
(conv, BatchNorm2d, max pool, two residual blocks, Linear) for 3 SGD steps and writes its
stateDict() (num_batches_tracked as I64) and an input with the model's eval-mode logits as
safetensors. Then reads both files with gen_safetensors_fixtures.py's reader (written from the
spec), loads the state dict into the same model in PyTorch with load_state_dict(strict=True),
and checks that every tensor is bit for bit the file's (num_batches_tracked an int64 3), and
that PyTorch's eval-mode logits on the input equal shapecheck's within 1e-5. Exits non-zero
otherwise.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_safetensors_fixtures import read_safetensors  # noqa: E402
from gen_train_fixtures import model as small_cnn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["node", str(ROOT / "scripts" / "export-trained.mjs"), tmp], check=True)
        state, metadata = read_safetensors(Path(tmp) / "state.safetensors")
        io, _ = read_safetensors(Path(tmp) / "input.safetensors")
    model = small_cnn()
    result = model.load_state_dict(state, strict=True)
    assert not result.missing_keys and not result.unexpected_keys, result
    for key, value in model.state_dict().items():
        assert value.dtype == state[key].dtype, f"{key}: {value.dtype} in torch, {state[key].dtype} in the file"
        assert torch.equal(value, state[key]), f"{key}: values differ"
    tracked = [v.item() for k, v in model.state_dict().items() if k.endswith("num_batches_tracked")]
    assert tracked and all(t == 3 for t in tracked), tracked
    model.eval()
    with torch.no_grad():
        logits = model(io["x"])
    diff = (logits - io["logits"]).abs().max().item()
    assert diff <= 1e-5, f"logits differ by {diff}"
    print(f"ok: {len(state)} tensors loaded into torch {torch.__version__} with strict=True, bit for bit "
          f"(metadata {metadata}); num_batches_tracked {tracked[0]}; eval logits within {diff:.2e} of shapecheck's")


if __name__ == "__main__":
    main()
