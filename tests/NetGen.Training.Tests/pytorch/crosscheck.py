#!/usr/bin/env python3
"""Cross-checks NetGen weight files against PyTorch, in both directions.

The network is torch.nn.Sequential(Linear(4, 5), Tanh(), Linear(5, 3), Sigmoid()), the PyTorch twin of
[Network(4, 5, 3, Hidden = Activation.Tanh, Output = Activation.Sigmoid)] (the test project's Torch32/Torch64).

  crosscheck.py write MODEL.safetensors CASES.json [--seed N] [--dtype float32|float64]
      Builds the model from a seed, saves its state_dict as safetensors, and writes CASES.json with a few inputs and
      the outputs PyTorch computes for them (what NetGen's PyTorchFixtureTests compare against).

  crosscheck.py read MODEL.safetensors CASES.json
      Loads a safetensors file (for example one NetGen wrote) into the model with load_state_dict(strict=True), runs
      the inputs of CASES.json and prints the outputs; when CASES.json has "outputs" (NetGen's), prints the largest
      absolute difference and exits 1 if it is above --tolerance (default 1e-6).

Gradients (every activation, loss and gradient API, and two networks composed) are cross-checked by the sibling
script autograd.py, which writes Fixtures/autograd_crosscheck.json for AutogradCrossCheckTests.

Needs only torch and numpy (Debian: apt-get install python3-torch). The safetensors package is not required: the
format (8-byte little-endian header length, JSON header, raw little-endian data) is read and written here by hand,
the way safetensors.torch does it (tensors sorted by name, header padded with spaces to a multiple of 8 bytes).
"""
import argparse
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": np.dtype("<f4"), "F64": np.dtype("<f8")}


def model(dtype):
    net = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3), torch.nn.Sigmoid())
    return net.to(dtype)


def save_safetensors(tensors, path, metadata=None):
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        array = tensors[name].detach().cpu().numpy()
        code = {np.float32: "F32", np.float64: "F64"}[array.dtype.type]
        data = np.ascontiguousarray(array, dtype=DTYPES[code]).tobytes()
        header[name] = {"dtype": code, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in chunks:
            f.write(data)


def load_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    buffer = blob[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        array = np.frombuffer(buffer[begin:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.astype(array.dtype.newbyteorder("=")).copy())
    return tensors, metadata


def outputs(net, inputs, dtype):
    with torch.no_grad():
        return net(torch.tensor(inputs, dtype=dtype)).tolist()


def write(args):
    dtype = {"float32": torch.float32, "float64": torch.float64}[args.dtype]
    torch.manual_seed(args.seed)
    net = model(dtype)
    with torch.no_grad():  # larger weights than PyTorch's default init, so the tanh and sigmoid curves matter
        for p in net.parameters():
            p.mul_(3)
    inputs = (torch.rand(6, 4, generator=torch.Generator().manual_seed(args.seed + 1), dtype=dtype) * 4 - 2).tolist()
    save_safetensors(net.state_dict(), args.model, {"format": "pt", "source": "crosscheck.py write --seed %d" % args.seed})
    cases = {"model": "Sequential(Linear(4, 5), Tanh(), Linear(5, 3), Sigmoid())", "dtype": args.dtype,
             "torch": torch.__version__, "seed": args.seed, "inputs": inputs, "outputs": outputs(net, inputs, dtype)}
    write_cases(cases, args.cases)
    print("wrote %s and %s" % (args.model, args.cases))


def write_cases(cases, path):
    """JSON with one example per line."""
    lines = ["{"]
    for key, value in cases.items():
        if key in ("inputs", "outputs"):
            rows = ",\n".join("  " + json.dumps(row) for row in value)
            lines.append(' "%s": [\n%s\n ],' % (key, rows))
        else:
            lines.append(' "%s": %s,' % (key, json.dumps(value)))
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def read(args):
    tensors, metadata = load_safetensors(args.model)
    dtype = next(iter(tensors.values())).dtype
    net = model(dtype)
    net.load_state_dict(tensors, strict=True)
    with open(args.cases) as f:
        cases = json.load(f)
    got = outputs(net, cases["inputs"], dtype)
    print("metadata:", json.dumps(metadata))
    print("tensors:", ", ".join("%s %s %s" % (k, str(tensors[k].dtype).replace("torch.", ""), list(tensors[k].shape)) for k in sorted(tensors)))
    for x, y in zip(cases["inputs"], got):
        print("x =", ["%.6f" % v for v in x], "-> PyTorch g =", ["%.9f" % v for v in y])
    if "outputs" in cases:
        diff = float(np.max(np.abs(np.array(got, dtype=np.float64) - np.array(cases["outputs"], dtype=np.float64))))
        print("max |PyTorch - expected| = %.3e over %d outputs (tolerance %.0e)" % (diff, np.size(got), args.tolerance))
        return 0 if diff <= args.tolerance else 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("model")
    w.add_argument("cases")
    w.add_argument("--seed", type=int, default=0)
    w.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    r = sub.add_parser("read")
    r.add_argument("model")
    r.add_argument("cases")
    r.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    return write(args) if args.command == "write" else read(args)


if __name__ == "__main__":
    sys.exit(main())
