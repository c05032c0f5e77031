#!/usr/bin/env python3
"""PyTorch's side of the Fashion-MNIST comparison (issue 18): samples/FashionMnist's recipe on one thread.

784-128-10, ReLU, cross-entropy on logits (softmax), Adam(lr=1e-3), batch 64, the same 10% of the training images held
out for validation (not timed, as NetGen's side does not time its evaluation passes), shuffled every epoch, pixels / 255.
Times each epoch's training loop only and prints one line:
  pytorch epochs=N train_s_per_epoch=[...] median=S test_accuracy=A

  pytorch_fashion.py DATA_DIR [EPOCHS]      (Debian: apt-get install python3-torch; the data: dataset-fashion-mnist)
"""
import gzip
import struct
import sys
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    folder = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    torch.set_num_threads(1)
    torch.manual_seed(42)
    x = torch.from_numpy(read_idx(f"{folder}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx(f"{folder}/train-labels-idx1-ubyte.gz").astype(np.int64))
    tx = torch.from_numpy(read_idx(f"{folder}/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    ty = torch.from_numpy(read_idx(f"{folder}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    n = x.shape[0]
    order = torch.randperm(n)
    train = order[n // 10:]
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(epochs):
        perm = train[torch.randperm(train.shape[0])]
        start = time.perf_counter()
        for i in range(0, perm.shape[0], 64):
            rows = perm[i:i + 64]
            optimizer.zero_grad()
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    median = sorted(times)[len(times) // 2]
    print(f"pytorch epochs={epochs} train_s_per_epoch=[{', '.join(f'{t:.3f}' for t in times)}] median={median:.3f} "
          f"test_accuracy={accuracy:.4f} torch={torch.__version__} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    main()
