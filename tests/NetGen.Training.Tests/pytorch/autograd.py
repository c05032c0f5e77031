#!/usr/bin/env python3
"""PyTorch autograd reference for NetGen's gradients (issue 17): writes Fixtures/autograd_crosscheck.json.

Regenerate the committed fixture (from the repository root; Debian's python3, which has python3-torch):

  /usr/bin/python3 tests/NetGen.Training.Tests/pytorch/autograd.py tests/NetGen.Training.Tests/Fixtures/autograd_crosscheck.json

The output depends only on --seed (default 17), the CASES below and torch's CPU generator: written with Debian's
python3-torch 1.13.1 (torch.__version__ says 1.13.0a0) and numpy 1.24; two runs give the same bytes.
Every case is an nn.Sequential twin of a network in AutogradNetworks.cs (class "Ag" + name): Linear layers and
PyTorch's own activation modules, nn.LeakyReLU(0.01), nn.ELU(), nn.GELU(approximate='tanh'), nn.SiLU(),
nn.Softplus(), nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Identity(), nn.Softmax(dim=-1). Everything is computed in
float64. For a float ("float32") case the parameters, inputs, targets and output gradients are first rounded to
float32, so NetGen's float network starts from exactly these values and the reference is the exact (double) answer.

Fixture layout (JSON). "cases": one object per network, each with
  name, network (the C# class), sizes, activations, loss, dtype ("float64" or "float32"), shape (the code shape NetGen
  should pick: "unrolled", "kernels" or "vector"),
  parameters      NetGen's flat order: for each layer, weight [out, in] row-major then bias [out] (nn.Linear order),
  inputs [m][n], targets [m][k], outputs [m][k] (g = the network's output),
  losses [m]      E of each example, with PyTorch's loss modules: nn.MSELoss(reduction='none').sum(-1) / 2,
                  nn.HuberLoss(delta=1), nn.L1Loss(), nn.BCEWithLogitsLoss() on the output pre-activation z for a
                  Sigmoid output with CrossEntropy, -(y * log_softmax(z)).sum(-1) for Softmax with CrossEntropy
                  (each with reduction='none' summed over the outputs; checked equal to reduction='sum'),
  gradients       dE/dtheta summed over the m examples (autograd of sum_i E_i), in the flat order,
  input_gradients [m][n] dE_i/dx_i,
  output_gradients [m][k] a given dE/dg, and og_gradients, og_input_gradients: autograd of g.backward(dE/dg),
  logits [m][k]   (Sigmoid + CrossEntropy only) the output pre-activation z.
"composed": an autoencoder, encoder A then decoder B (AgEncoder, AgDecoder), Huber loss of B(A(x)) against x, with
  autograd through nn.Sequential(A, B): encoder_parameters, decoder_parameters, inputs, targets, hidden (A(x)),
  outputs, losses, encoder_gradients, decoder_gradients, input_gradients; and from a given dE/dy at the decoder's
  output instead of the loss: output_gradients, og_encoder_gradients, og_decoder_gradients, og_input_gradients.

The inputs are redrawn until every ReLU/LeakyReLU/ELU pre-activation is at least 1e-3 away from the kink (and both
sides are hit in every such layer), every Huber residual at least 1e-3 away from |e| = 1 and every L1 residual at
least 1e-3 away from 0, so float rounding cannot put NetGen on the other side of a kink than PyTorch.
"""
import argparse
import json
import sys

import numpy as np
import torch
from torch import nn

ACTIVATIONS = {
    "Sigmoid": nn.Sigmoid, "Tanh": nn.Tanh, "ReLU": nn.ReLU, "Identity": nn.Identity,
    "Softmax": lambda: nn.Softmax(dim=-1), "LeakyReLU": lambda: nn.LeakyReLU(0.01), "ELU": nn.ELU,
    "GELU": lambda: nn.GELU(approximate="tanh"), "SiLU": nn.SiLU, "Softplus": nn.Softplus,
}
KINKED = ("ReLU", "LeakyReLU", "ELU")
MARGIN = 1e-3

# name, sizes, activations, loss, dtype, code shape (must match AutogradNetworks.cs).
CASES = [
    ("LeakyEluSoftplusHuber", [4, 6, 5, 3], ["LeakyReLU", "ELU", "Softplus"], "Huber", "float64", "unrolled"),
    ("GeluSiluEluL1", [4, 6, 5, 3], ["GELU", "SiLU", "ELU"], "AbsoluteError", "float64", "unrolled"),
    ("SoftplusTanhLeakySquared", [3, 5, 4, 2], ["Softplus", "Tanh", "LeakyReLU"], "SquaredError", "float64", "unrolled"),
    ("ReluGeluHuber", [3, 5, 2], ["ReLU", "GELU"], "Huber", "float64", "unrolled"),
    ("SigmoidSiluL1", [3, 5, 2], ["Sigmoid", "SiLU"], "AbsoluteError", "float64", "unrolled"),
    ("EluReluHuber", [4, 5, 3], ["ELU", "ReLU"], "Huber", "float64", "unrolled"),
    ("LeakyTanhL1", [4, 5, 4, 3], ["LeakyReLU", "Identity", "Tanh"], "AbsoluteError", "float64", "unrolled"),
    ("BceLogits", [4, 5, 3], ["Tanh", "Sigmoid"], "CrossEntropy", "float64", "unrolled"),
    ("EluSoftmaxCe", [4, 6, 3], ["ELU", "Softmax"], "CrossEntropy", "float64", "unrolled"),
    ("SiluSoftmaxSquared", [4, 6, 3], ["SiLU", "Softmax"], "SquaredError", "float64", "unrolled"),
    ("KernelsHuber", [20, 16, 12, 4], ["LeakyReLU", "GELU", "ELU"], "Huber", "float64", "kernels"),
    ("KernelsSoftmaxCe", [20, 16, 12, 4], ["Softplus", "SiLU", "Softmax"], "CrossEntropy", "float64", "kernels"),
    ("VectorBce", [16, 16, 8, 3], ["ReLU", "Tanh", "Sigmoid"], "CrossEntropy", "float32", "vector"),
    ("VectorHuber", [16, 16, 8, 3], ["Tanh", "ReLU", "Identity"], "Huber", "float32", "vector"),
    ("VectorSoftmaxCe", [16, 12, 8, 4], ["ReLU", "Tanh", "Softmax"], "CrossEntropy", "float32", "vector"),
    ("FloatGeluEluL1", [4, 6, 3], ["GELU", "ELU"], "AbsoluteError", "float32", "unrolled"),
    ("FloatKernelsHuber", [16, 16, 8, 3], ["SiLU", "LeakyReLU", "Softplus"], "Huber", "float32", "kernels"),
]
BATCH = 4
LARGE_LOGITS = ("BceLogits", "VectorBce")  # output biases set to [40, -40, 0]
D = torch.float64


def sequential(sizes, activations):
    layers = []
    for l in range(1, len(sizes)):
        layers += [nn.Linear(sizes[l - 1], sizes[l]), ACTIVATIONS[activations[l - 1]]()]
    return nn.Sequential(*layers).to(D)


def as_dtype(t, dtype):
    """float32 cases: round to float32 (then back to float64, exactly)."""
    return t.to(torch.float32).to(D) if dtype == "float32" else t


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors]).tolist()


def pre_activations(net, x):
    """z of every layer (the input of each activation module)."""
    zs, a = [], x
    for module in net:
        if isinstance(module, nn.Linear):
            a = module(a)
            zs.append(a)
        else:
            a = module(a)
    return zs


def per_example_loss(net, x, y, loss, output_activation):
    if loss == "CrossEntropy":
        z = net[:-1](x)  # the output pre-activation
        if output_activation == "Sigmoid":
            return nn.BCEWithLogitsLoss(reduction="none")(z, y).sum(-1), nn.BCEWithLogitsLoss(reduction="sum")(z, y)
        e = -(y * torch.log_softmax(z, dim=-1)).sum(-1)
        return e, e.sum()
    g = net(x)
    if loss == "SquaredError":
        return nn.MSELoss(reduction="none")(g, y).sum(-1) / 2, nn.MSELoss(reduction="sum")(g, y) / 2
    module = {"Huber": lambda r: nn.HuberLoss(reduction=r, delta=1.0), "AbsoluteError": lambda r: nn.L1Loss(reduction=r)}[loss]
    return module("none")(g, y).sum(-1), module("sum")(g, y)


def margins_ok(net, x, activations, loss, g, y):
    for z, act in zip(pre_activations(net, x), activations):
        if act in KINKED and (z.abs().min() < MARGIN or not (z > 0).any() or not (z < 0).any()):
            return False
    e = (g - y).abs()
    if loss == "Huber" and ((e - 1).abs().min() < MARGIN or not (e < 1).any() or not (e > 1).any()):
        return False
    return not (loss == "AbsoluteError" and e.min() < MARGIN)


def targets_for(loss, output_activation, g, gen):
    m, k = g.shape
    if loss == "CrossEntropy" and output_activation == "Softmax":
        y = torch.softmax(torch.randn(m, k, generator=gen, dtype=D) * 2, dim=-1)
        y[0] = 0
        y[0, 0] = 1  # one one-hot row, the others soft distributions
        return y
    if loss == "CrossEntropy":  # labels 0/1 and one soft label per row
        y = (torch.rand(m, k, generator=gen, dtype=D) < 0.5).to(D)
        y[:, -1] = torch.rand(m, generator=gen, dtype=D)
        return y
    if loss == "Huber":
        return g + torch.rand(m, k, generator=gen, dtype=D) * 5 - 2.5
    return g + torch.rand(m, k, generator=gen, dtype=D) * 2 - 1


def autograd(net, x, fn):
    """(parameter gradients in the flat order, input gradients) of fn(net, x) summed, by autograd."""
    net.zero_grad()
    x = x.clone().requires_grad_(True)
    fn(net, x).backward()
    return flat([p.grad for p in net.parameters()]), x.grad.tolist()


def make_case(index, spec, seed):
    name, sizes, activations, loss, dtype, shape = spec
    torch.manual_seed(seed * 1000 + index)
    gen = torch.Generator().manual_seed(seed * 1000 + index)
    net = sequential(sizes, activations)
    with torch.no_grad():  # larger weights than PyTorch's default init, so the nonlinearities matter
        for p in net.parameters():
            p.copy_(as_dtype(p * 3, dtype))
        if name in LARGE_LOGITS:  # logits near +40 and -40: ln(1 - sigmoid(z)) computed naively is ln(0) = -inf
            net[-2].bias.copy_(torch.tensor([40.0, -40.0, 0.0], dtype=D))
    output_activation = activations[-1]
    for _ in range(1000):
        x = as_dtype(torch.rand(BATCH, sizes[0], generator=gen, dtype=D) * 4 - 2, dtype)
        with torch.no_grad():
            g = net(x)
            y = as_dtype(targets_for(loss, output_activation, g, gen), dtype)
            if name in LARGE_LOGITS:  # both labels at z ~ +40 and at z ~ -40: a wrong label there costs E ~ 40
                y[:, 0] = torch.tensor([0.0, 1.0, 0.0, 1.0], dtype=D)
                y[:, 1] = torch.tensor([1.0, 0.0, 1.0, 0.0], dtype=D)
            if margins_ok(net, x, activations, loss, g, y):
                break
    else:
        raise RuntimeError("no inputs clear of the kinks for " + name)
    with torch.no_grad():
        losses, total = per_example_loss(net, x, y, loss, output_activation)
        assert torch.allclose(losses.sum(), total, rtol=1e-14, atol=0), name
    grads, input_grads = autograd(net, x, lambda n, xx: per_example_loss(n, xx, y, loss, output_activation)[0].sum())
    og = as_dtype(torch.rand(BATCH, sizes[-1], generator=gen, dtype=D) * 2 - 1, dtype)
    og_grads, og_input_grads = autograd(net, x, lambda n, xx: (n(xx) * og).sum())  # == n(xx).backward(og)
    case = {
        "name": name, "network": "Ag" + name, "sizes": sizes, "activations": activations, "loss": loss,
        "dtype": dtype, "shape": shape, "parameters": flat(net.parameters()), "inputs": x.tolist(),
        "targets": y.tolist(), "outputs": g.tolist(), "losses": losses.tolist(), "gradients": grads,
        "input_gradients": input_grads, "output_gradients": og.tolist(), "og_gradients": og_grads,
        "og_input_gradients": og_input_grads,
    }
    if loss == "CrossEntropy" and output_activation == "Sigmoid":
        with torch.no_grad():
            z = net[:-1](x)
            case["logits"] = z.tolist()
            naive = -(y * torch.log(torch.sigmoid(z)) + (1 - y) * torch.log(1 - torch.sigmoid(z)))
        print("  %s: max |z| = %.1f; the naive BCE is not finite for %d of %d outputs, BCEWithLogitsLoss max %.3f"
              % (name, float(z.abs().max()), int((~torch.isfinite(naive)).sum()), naive.numel(), float(losses.max())))
    return case


def make_composed(seed):
    torch.manual_seed(seed * 1000 + 999)
    gen = torch.Generator().manual_seed(seed * 1000 + 999)
    encoder = sequential([4, 6, 3], ["GELU", "Tanh"])
    decoder = sequential([3, 6, 4], ["LeakyReLU", "Identity"])
    with torch.no_grad():
        for p in list(encoder.parameters()) + list(decoder.parameters()):
            p.mul_(3)
    both = nn.Sequential(encoder, decoder)
    huber = nn.HuberLoss(reduction="none", delta=1.0)
    for _ in range(1000):
        x = torch.rand(BATCH, 4, generator=gen, dtype=D) * 4 - 2
        with torch.no_grad():
            h, out = encoder(x), both(x)
            if margins_ok(decoder, h, ["LeakyReLU", "Identity"], "Huber", out, x):
                break
    else:
        raise RuntimeError("no inputs clear of the kinks for the composed graph")
    both.zero_grad()
    xg = x.clone().requires_grad_(True)
    losses = huber(both(xg), x).sum(-1)  # the target is the input itself (a constant, not differentiated)
    losses.sum().backward()
    result = {
        "encoder": "AgEncoder", "decoder": "AgDecoder", "encoder_parameters": flat(encoder.parameters()),
        "decoder_parameters": flat(decoder.parameters()), "inputs": x.tolist(), "targets": x.tolist(),
        "hidden": h.tolist(), "outputs": out.tolist(), "losses": losses.tolist(),
        "encoder_gradients": flat([p.grad for p in encoder.parameters()]),
        "decoder_gradients": flat([p.grad for p in decoder.parameters()]), "input_gradients": xg.grad.tolist(),
    }
    # The same graph driven by a given dE/dy at the decoder's output (an actor-critic's shape): (B(A(x))).backward(og).
    og = torch.rand(BATCH, 4, generator=gen, dtype=D) * 2 - 1
    both.zero_grad()
    xo = x.clone().requires_grad_(True)
    (both(xo) * og).sum().backward()
    result.update({
        "output_gradients": og.tolist(), "og_encoder_gradients": flat([p.grad for p in encoder.parameters()]),
        "og_decoder_gradients": flat([p.grad for p in decoder.parameters()]), "og_input_gradients": xo.grad.tolist(),
    })
    return result


def dump(obj, indent):
    """JSON with one field per line (arrays of numbers kept on their line): readable diffs."""
    pad = " " * indent
    if isinstance(obj, dict):
        return "{\n" + ",\n".join(pad + " " + json.dumps(k) + ": " + dump(v, indent + 1) for k, v in obj.items()) + "\n" + pad + "}"
    if isinstance(obj, list) and obj and isinstance(obj[0], dict):
        return "[\n" + ",\n".join(pad + " " + dump(v, indent + 1) for v in obj) + "\n" + pad + "]"
    return json.dumps(obj)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    torch.use_deterministic_algorithms(True)
    cases = [make_case(i, spec, args.seed) for i, spec in enumerate(CASES)]
    fixture = {
        "source": "pytorch/autograd.py --seed %d" % args.seed, "torch": torch.__version__, "seed": args.seed,
        "batch": BATCH, "cases": cases, "composed": make_composed(args.seed),
    }
    with open(args.out, "w") as f:
        f.write(dump(fixture, 0) + "\n")
    print("wrote %s: %d cases and the composed autoencoder" % (args.out, len(cases)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
