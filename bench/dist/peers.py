#!/usr/bin/python3
"""peers.py: empty-task throughput and latency of Dask distributed and joblib.

Run with Debian's /usr/bin/python3 (python3-distributed, python3-joblib).

    /usr/bin/python3 peers.py dask
    /usr/bin/python3 peers.py joblib auto     # Parallel(n_jobs=2), batch_size='auto'
    /usr/bin/python3 peers.py joblib 1        # Parallel(n_jobs=2), batch_size=1

What is measured (time.perf_counter, which is CLOCK_MONOTONIC on Linux):
  dask    LocalCluster(n_workers=2, threads_per_worker=1, processes=True), one
          Client. Start-up (cluster + client) is timed separately (startup_s)
          and NOT part of the numbers below. A warm-up map runs first.
          throughput: client.map(noop, range(N), pure=False), then
                      client.gather of all futures; tasks/s = N / time.
          latency:    client.submit(noop, k, pure=False).result(), M times in a
                      row; time per submit+result.
  joblib  Parallel(n_jobs=2, batch_size=B) with the default backend (loky), used
          as a context manager so its worker processes stay up between calls;
          their start-up is timed separately (startup_s: the first call) and
          excluded.
          throughput: one call over N delayed(noop)(k); tasks/s = N / time.
          latency:    one call with a single delayed(noop)(k), M times in a row.
N and M are fixed by the arguments below (bounded so a Dask run stays well
under 20 s); each measurement is repeated DIST_INNER times (default 3) and the
median printed. Output is `key=value`, one per line, like the C programs.
"""
import os
import statistics
import sys
import time


def noop(x):
    return x


def env_int(name, default):
    try:
        v = int(os.environ.get(name, default))
        return v if v > 0 else default
    except ValueError:
        return default


def report(name, n, m, tput_times, lat_times, startup):
    tt = statistics.median(tput_times)
    lt = statistics.median(lat_times)
    print(f"system={name}")
    print(f"startup_s={startup:.6f}")
    print(f"tput_tasks={n}")
    print(f"tput_s={tt:.6f}")
    print(f"tasks_per_s={n / tt:.1f}")
    print(f"lat_loops={m}")
    print(f"lat_s={lt:.6f}")
    print(f"lat_us={1e6 * lt / m:.3f}")
    print("checksum=ok")
    sys.stdout.flush()


def run_dask(n, m, inner):
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    client.wait_for_workers(2)
    startup = time.perf_counter() - t0
    try:
        nworkers = len(client.scheduler_info()["workers"])
        if nworkers != 2:
            raise SystemExit(f"peers: dask has {nworkers} workers, not 2")
        # warm-up: function shipped to the workers, connections made
        assert client.gather(client.map(noop, range(200), pure=False)) == list(range(200))
        for k in range(20):
            client.submit(noop, k, pure=False).result()
        tput = []
        for _ in range(inner):
            t0 = time.perf_counter()
            futs = client.map(noop, range(n), pure=False)
            res = client.gather(futs)
            tput.append(time.perf_counter() - t0)
            if res != list(range(n)):
                raise SystemExit("peers: dask returned wrong results")
            del futs, res
        lat = []
        for _ in range(inner):
            t0 = time.perf_counter()
            for k in range(m):
                if client.submit(noop, k, pure=False).result() != k:
                    raise SystemExit("peers: dask returned a wrong result")
            lat.append(time.perf_counter() - t0)
        report("dask", n, m, tput, lat, startup)
    finally:
        client.close()
        cluster.close()


def run_joblib(batch, n, m, inner):
    from joblib import Parallel, delayed

    bs = "auto" if batch == "auto" else int(batch)
    with Parallel(n_jobs=2, batch_size=bs) as par:
        t0 = time.perf_counter()
        assert par(delayed(noop)(k) for k in range(4)) == [0, 1, 2, 3]  # starts the workers
        startup = time.perf_counter() - t0
        par(delayed(noop)(k) for k in range(min(n, 1000)))  # warm-up
        tput = []
        for _ in range(inner):
            t0 = time.perf_counter()
            res = par(delayed(noop)(k) for k in range(n))
            tput.append(time.perf_counter() - t0)
            if res != list(range(n)):
                raise SystemExit("peers: joblib returned wrong results")
        lat = []
        for _ in range(inner):
            t0 = time.perf_counter()
            for k in range(m):
                if par(delayed(noop)(k) for k in (k,)) != [k]:
                    raise SystemExit("peers: joblib returned a wrong result")
            lat.append(time.perf_counter() - t0)
    report(f"joblib-{batch}", n, m, tput, lat, startup)


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("dask", "joblib"):
        raise SystemExit("usage: peers.py dask | joblib auto|1 [N M]")
    inner = env_int("DIST_INNER", 3)
    if sys.argv[1] == "dask":
        n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
        m = int(sys.argv[3]) if len(sys.argv) > 3 else 500
        run_dask(n, m, inner)
    else:
        batch = sys.argv[2] if len(sys.argv) > 2 else "auto"
        n = int(sys.argv[3]) if len(sys.argv) > 3 else (200000 if batch == "auto" else 20000)
        m = int(sys.argv[4]) if len(sys.argv) > 4 else 300
        run_joblib(batch, n, m, inner)


if __name__ == "__main__":
    main()
