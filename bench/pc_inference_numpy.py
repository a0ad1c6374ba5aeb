#!/usr/bin/python3
"""numpy reference for bench/bench_pc_inference.cpp: the same rate-PC MNIST classifier with the same weights,
one sample at a time, written as one would in numpy (float64, matrix-vector products through BLAS, the
clamped image's prediction computed once per sample). Checks that it computes what PulseLab computed, then
prints both timings (best of the repeats, microseconds per sample) in one table.
Usage: /usr/bin/python3 bench/pc_inference_numpy.py DIGITS_DIR REFERENCE PULSELAB.json [repeats]"""
import json
import sys
import time

import numpy as np

digits_dir, reference, pulselab_json = sys.argv[1:4]
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
c = json.load(open(pulselab_json))
hidden, steps, rate, var0 = c["hidden"], c["inference_steps"], c["inference_rate"], c["label_variance"]
train_x, train_y, test_x, test_y = [], [], [], []
for digit in range(10):
    data = np.asarray(json.load(open(f"{digits_dir}/{digit}.json"))["data"], dtype=np.float32).reshape(-1, 784)
    cut = len(data) * 4 // 5
    train_x.append(data[:cut]); train_y += [digit] * cut
    test_x.append(data[cut:]); test_y += [digit] * (len(data) - cut)
train_x = np.concatenate(train_x)[:c["relaxed_digits"]].astype(np.float64)
test_x = np.concatenate(test_x).astype(np.float64)
train_y, test_y = np.array(train_y), np.array(test_y)
sizes = [hidden * 784, hidden, 10 * hidden, 10]
parts = np.split(np.fromfile(reference, dtype="<f8", count=sum(sizes)), np.cumsum(sizes)[:-1])
W1, b1 = np.ascontiguousarray(parts[0].reshape(hidden, 784)), parts[1]
W0, b0 = np.ascontiguousarray(parts[2].reshape(10, hidden)), parts[3]
W0T = np.ascontiguousarray(W0.T)
eye = np.eye(10)


def best(samples, body):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) / samples * 1e6)
    return min(times)


result = {}


def test():
    correct = 0
    for i in range(len(test_x)):
        out = W0 @ np.tanh(W1 @ np.tanh(test_x[i]) + b1) + b0
        correct += int(out.argmax() == test_y[i])
    result["test_correct"] = correct


def relax():
    f = 0.0
    for i in range(len(train_x)):
        y = eye[train_y[i]]
        mu1 = W1 @ np.tanh(train_x[i]) + b1
        phi = mu1.copy()
        for _ in range(steps):
            h = np.tanh(phi)
            eps0 = (y - (W0 @ h + b0)) / var0
            phi += rate * ((1.0 - h * h) * (W0T @ eps0) - (phi - mu1))
        e0 = y - (W0 @ np.tanh(phi) + b0)
        f += 0.5 * (e0 @ e0) / var0 + 5.0 * np.log(var0) + 0.5 * ((phi - mu1) @ (phi - mu1))
    result["relax_free_energy_sum"] = f
    result["relax_last_hidden"] = phi


def batch():
    result["batch_output_sum"] = ((W0 @ np.tanh(W1 @ np.tanh(test_x.T) + b1[:, None])) + b0[:, None]).sum()


t_test = best(len(test_x), test)
t_relax = best(len(train_x), relax)
t_batch = best(len(test_x), batch)
problems = []
if result["test_correct"] != c["test_correct"]:
    problems.append(f"test: {result['test_correct']} correct here, {c['test_correct']} in PulseLab")
for key in ("relax_free_energy_sum", "batch_output_sum"):
    if abs(result[key] - c[key]) > 1e-6 * max(1.0, abs(c[key])):
        problems.append(f"{key}: {result[key]!r} here, {c[key]!r} in PulseLab")
if np.max(np.abs(result["relax_last_hidden"] - np.array(c["relax_last_hidden"]))) > 1e-9:
    problems.append("relax: the settled hidden values differ")
if problems:
    sys.exit("numpy and PulseLab disagree: " + "; ".join(problems))
blas = sorted({line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps") if "blas" in line})
print(f"rate PC MNIST classifier 784-{hidden}-10, float64, one sample at a time (best of {repeats}); numpy "
      f"{np.__version__} with {', '.join(blas)}; both compute the same values (checked)\n")
print("| inference | samples | PulseLab us / sample | numpy us / sample | PulseLab / numpy | goal <= 0.33 |")
print("|---|---|---|---|---|---|")
for name, n, ours, theirs in (
        ("test: label free, feed-forward equilibrium", len(test_x), c["test_us"], t_test),
        (f"relax: label clamped, {steps} inference steps", len(train_x), c["relax_us"], t_relax),
        ("batch: all test digits as one matrix product", len(test_x), c["batch_us"], t_batch)):
    ratio = ours / theirs
    print(f"| {name} | {n} | {ours:.2f} | {theirs:.2f} | {ratio:.2f} | {'met' if ratio <= 1 / 3 else 'not met'} |")
