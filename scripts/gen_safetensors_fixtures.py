#!/usr/bin/python3
"""Golden safetensors files from PyTorch, and what torch's `.float()` makes of each tensor.

Run with Debian's PyTorch (the `safetensors` package is not needed: the format is written here
with struct and json, per https://github.com/huggingface/safetensors#format):

    /usr/bin/python3 scripts/gen_safetensors_fixtures.py
    /usr/bin/python3 scripts/gen_safetensors_fixtures.py --check FILE   # read FILE, print its tensors

Writes test/fixtures/safetensors/:

  dtypes.safetensors       one tensor per dtype torch 1.13 has (F64 F32 F16 BF16 I64 I32 I16 I8
                           U8 BOOL), random values plus the edge values of each (subnormals, ±0,
                           ±inf, NaN, the largest finite, integers past 2^24 and 2^53), a 0-d
                           and a zero-size tensor; header keys sorted by name, data laid out
                           as the reference implementation does (largest dtype first, then by
                           name), so header order and data order differ
  state_dict.safetensors   a small model's state_dict (Conv2d, BatchNorm2d with its int64
                           num_batches_tracked, Linear) with {"format": "pt"} metadata
  expected.json            for each file: its metadata, and for each tensor (in header order)
                           its dtype, shape and `t.float()` as a flat list; floats are written
                           exactly (repr of the float32 value), non-finite ones as the strings
                           "NaN", "Infinity", "-Infinity"

Deterministic (seeded generator, one thread): an unchanged torch rewrites identical bytes.
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test" / "fixtures" / "safetensors"
assert sys.byteorder == "little", "the data is written as numpy's native bytes"

DTYPES = {  # safetensors name -> (torch dtype, size in bytes)
    "F64": (torch.float64, 8), "F32": (torch.float32, 4), "F16": (torch.float16, 2),
    "BF16": (torch.bfloat16, 2), "I64": (torch.int64, 8), "I32": (torch.int32, 4),
    "I16": (torch.int16, 2), "I8": (torch.int8, 1), "U8": (torch.uint8, 1), "BOOL": (torch.bool, 1),
}
NAME_OF = {dtype: name for name, (dtype, _) in DTYPES.items()}


def raw_bytes(t):
    """A tensor's data, little-endian, row-major (bfloat16 through its int16 bits: numpy lacks it)."""
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def write_safetensors(path, tensors, metadata=None):
    """The format by hand: the reference layout (data sorted by dtype size, largest first, then
    by name), the header's keys sorted by name, padded with spaces to a multiple of 8."""
    layout = sorted(tensors, key=lambda n: (-DTYPES[NAME_OF[tensors[n].dtype]][1], n))
    offsets, data, at = {}, b"", 0
    for name in layout:
        chunk = raw_bytes(tensors[name])
        offsets[name] = [at, at + len(chunk)]
        data += chunk
        at += len(chunk)
    header = {} if metadata is None else {"__metadata__": metadata}
    for name in sorted(tensors):
        t = tensors[name]
        header[name] = {"dtype": NAME_OF[t.dtype], "shape": list(t.shape), "data_offsets": offsets[name]}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + data)


def read_safetensors(path):
    """Reads a file per the spec (checks the lengths and that the tensors cover the data)."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n <= 100_000_000 and 8 + n <= len(raw), f"header length {n} does not fit {len(raw)} bytes"
    header = json.loads(raw[8 : 8 + n], object_pairs_hook=lambda pairs: dict(pairs) if len({k for k, _ in pairs}) == len(pairs) else sys.exit("duplicate key"))
    data = raw[8 + n :]
    metadata = header.pop("__metadata__", None)
    tensors, covered = {}, 0
    for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
        begin, end = info["data_offsets"]
        assert begin == covered, f"{name}: a hole or an overlap at byte {covered}"
        dtype, size = DTYPES[info["dtype"]]
        assert end - begin == math.prod(info["shape"]) * size, f"{name}: wrong byte length"
        chunk = bytearray(data[begin:end])  # writable, so frombuffer does not warn
        storage = torch.int16 if dtype == torch.bfloat16 else dtype
        t = torch.frombuffer(chunk, dtype=storage) if chunk else torch.empty(0, dtype=storage)
        tensors[name] = t.view(dtype).reshape(info["shape"]) if dtype == torch.bfloat16 else t.reshape(info["shape"])
        covered = end
    assert covered == len(data), "trailing bytes"
    return {name: tensors[name] for name in header}, metadata


def float_list(t):
    """`t.float()` flattened, each float32 value exactly; non-finite values as strings."""
    out = []
    for v in t.float().reshape(-1).tolist():
        out.append("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else v)
    return out


def dtype_tensors():
    g = torch.Generator().manual_seed(20261213)
    inf, nan = float("inf"), float("nan")
    big = [0, 1, -1, 2**24, 2**24 + 1, -(2**24 + 3), 2**31 - 1, -(2**31), 2**53, 2**53 + 1,
           -(2**53 + 3), 2**62 + 2**38 + 1, 2**63 - 1, -(2**63), 123456789012345678, 2**40 + 2**16 + 1]
    return {
        "f64": torch.cat([torch.randn(12, generator=g, dtype=torch.float64) * 1000,
                          torch.tensor([1e-50, -1e-300, 1e300, -1e300, 3.4028235677973366e38, 3.4028235e38,
                                        1 + 2**-24, 1 + 3 * 2**-25, -0.0, inf, -inf, nan], dtype=torch.float64)]).reshape(4, 6),
        "f32": torch.randn(3, 4, generator=g),
        "f16": torch.cat([torch.randn(18, generator=g).to(torch.float16),
                          torch.tensor([6e-8, -6e-8, 2**-14, 65504, -65504, -0.0, inf, -inf, nan, 1 / 3], dtype=torch.float16)]).reshape(2, 2, 7),
        "bf16": torch.cat([torch.randn(24, generator=g).to(torch.bfloat16),
                           torch.tensor([1e-40, 3.3895e38, -0.0, inf, -inf, nan], dtype=torch.bfloat16)]).reshape(5, 6),
        "i64": torch.tensor(big, dtype=torch.int64).reshape(4, 4),
        "i32": torch.tensor([0, 1, -1, 2**24 + 1, 2**31 - 1, -(2**31)], dtype=torch.int32),
        "i16": torch.tensor([[0, 1, -1], [32767, -32768, 1234]], dtype=torch.int16),
        "i8": torch.tensor([0, 1, -1, 127, -128], dtype=torch.int8),
        "u8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
        "bool": torch.tensor([[True, False], [False, True]]),
        "num_batches_tracked": torch.tensor(1234, dtype=torch.int64),  # 0-d, as in a state_dict
        "empty": torch.zeros(0, 3, dtype=torch.float16),
    }


def state_dict():
    torch.manual_seed(20261214)
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3), torch.nn.BatchNorm2d(2), torch.nn.Flatten(), torch.nn.Linear(8, 3))
    model.train()
    for _ in range(3):  # moves the running statistics and counts num_batches_tracked to 3
        model(torch.randn(4, 1, 4, 4))
    return {name: t.detach().clone() for name, t in model.state_dict().items()}


def main():
    if sys.argv[1:2] == ["--check"]:
        tensors, metadata = read_safetensors(sys.argv[2])
        torch.set_printoptions(precision=8)
        print("metadata:", metadata)
        for name, t in tensors.items():
            print(f"{name} {NAME_OF[t.dtype]} {list(t.shape)}\n{t}")
        return
    torch.set_num_threads(1)
    OUT.mkdir(parents=True, exist_ok=True)
    files = {"dtypes": (dtype_tensors(), None), "state_dict": (state_dict(), {"format": "pt"})}
    expected = {"torch": torch.__version__, "generator": "scripts/gen_safetensors_fixtures.py", "files": {}}
    for stem, (tensors, metadata) in files.items():
        path = OUT / f"{stem}.safetensors"
        write_safetensors(path, tensors, metadata)
        read, read_metadata = read_safetensors(path)  # the file reads back to the same tensors
        assert read_metadata == metadata and list(read) == sorted(tensors)
        for name, t in read.items():
            torch.testing.assert_close(t, tensors[name], rtol=0, atol=0, equal_nan=True)
        expected["files"][f"{stem}.safetensors"] = {
            "metadata": metadata,
            "tensors": {name: {"dtype": NAME_OF[t.dtype], "shape": list(t.shape), "float": float_list(t)} for name, t in read.items()},
        }
    text = json.dumps(expected, separators=(",", ":"))
    (OUT / "expected.json").write_text(text.replace('"tensors":{', '"tensors":{\n').replace('},"', '},\n"') + "\n")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
