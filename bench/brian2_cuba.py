#!/usr/bin/python3
"""The CUBA benchmark (Brette et al. 2007) in Brian2, as in Brian2's examples/CUBA.py: prints the mean rate
and the mean coefficient of variation of inter-spike intervals over seeds, as JSON. PulseLab's test
tests/core/tst_cuba_network.cpp compares against the numbers this script printed (stored in
tests/core/data/brian2_cuba_reference.json); bench/run_engine_bench.sh times it in standalone mode.

Usage: /usr/bin/python3 bench/brian2_cuba.py [--seeds 1 2 3] [--standalone DIR]"""
import argparse
import json
import time

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device, ms, mV, prefs, run, seed,
                    set_device, start_scope)


def cuba(seed_value, standalone_dir=None):
    start_scope()
    if standalone_dir:
        set_device('cpp_standalone', directory=standalone_dir, build_on_run=False)
    else:
        prefs.codegen.target = 'numpy'
    seed(seed_value)
    defaultclock.dt = 0.1 * ms
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms, method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200', p=0.02)
    Ci.connect('i>=3200', p=0.02)
    s_mon = SpikeMonitor(P)
    t0 = time.perf_counter()
    run(1000 * ms, profile=False)
    if standalone_dir:
        device.build(directory=standalone_dir, compile=True, run=True, debug=False)
    wall = time.perf_counter() - t0
    trains = s_mon.spike_trains()
    cvs = []
    for train in trains.values():
        t = np.asarray(train / ms)
        if len(t) >= 3:
            isi = np.diff(t)
            cvs.append(np.std(isi) / np.mean(isi))
    loop = None
    if standalone_dir:
        # Brian2 standalone records the time spent in the simulation loop itself.
        try:
            with open(standalone_dir + '/results/last_run_info.txt') as f:
                loop = float(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            loop = None
    result = {'seed': seed_value, 'spikes': int(s_mon.num_spikes), 'mean_rate_hz': s_mon.num_spikes / 4000 / 1.0,
              'mean_cv_isi': float(np.mean(cvs)), 'wall_seconds': wall, 'loop_seconds': loop}
    if standalone_dir:
        device.reinit()
        device.activate()
    return result


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    parser.add_argument('--standalone', default=None)
    args = parser.parse_args()
    runs = [cuba(s, args.standalone) for s in args.seeds]
    print(json.dumps({'brian2_runs': runs,
                      'mean_rate_hz': float(np.mean([r['mean_rate_hz'] for r in runs])),
                      'mean_cv_isi': float(np.mean([r['mean_cv_isi'] for r in runs]))}, indent=1))
