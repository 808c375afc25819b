"""Compares council-power with powerindex on the same games; called by bench/compare.sh."""

import json
import multiprocessing
import platform
import subprocess
import sys
import time


def run_powerindex(weights, quota, queue):
    """Computes both indices with powerindex and reports values, time or the error."""
    import powerindex

    started = time.perf_counter()
    result = {}
    try:
        game = powerindex.Game(quota, weights=weights)
        game.calc_banzhaf()
        result["banzhaf_normalized"] = list(game.banzhaf)
        try:
            game.calc_shapley_shubik()
            result["shapley_shubik"] = list(game.shapley_shubik)
        except Exception as error:  # powerindex overflows beyond about 170 players
            result["shapley_error"] = f"{type(error).__name__}: {error}"
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
    result["seconds"] = time.perf_counter() - started
    queue.put(result)


def powerindex_values(weights, quota, timeout):
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=run_powerindex, args=(weights, quota, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return {"error": f"no answer within {timeout} s"}
    return queue.get()


def largest_difference(ours, theirs):
    return max(abs(a - b) for a, b in zip(ours, theirs))


def main():
    binary, timeout, games = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    print(f"machine: {platform.machine()}, {multiprocessing.cpu_count()} cores, Python {platform.python_version()}")
    header = f"{'game':<26} {'members':>7} {'council s':>10} {'powerindex s':>13} {'ratio':>9}  {'SS diff':>9} {'Bz diff':>9}  note"
    print(header)
    print("-" * len(header))
    for name in games:
        ours = json.loads(subprocess.run([binary, name], check=True, capture_output=True, text=True).stdout)
        n = len(ours["weights"])
        note = ""
        if name == "security-council":
            # powerindex takes one quota: the equivalent one-rule form, weights 7 and 1, quota 39.
            weights, quota = [7 if w[0] == 1 else 1 for w in ours["weights"]], 39
        elif len(ours["quotas"]) == 1:
            weights, quota = [w[0] for w in ours["weights"]], ours["quotas"][0]
        else:
            print(f"{name:<26} {n:>7} {ours['seconds']:>10.4f} {'-':>13} {'-':>9}  {'-':>9} {'-':>9}  powerindex takes one quota only (double majority)")
            continue
        theirs = powerindex_values(weights, quota, timeout)
        if "error" in theirs:
            print(f"{name:<26} {n:>7} {ours['seconds']:>10.4f} {'-':>13} {'-':>9}  {'-':>9} {'-':>9}  powerindex: {theirs['error']}")
            continue
        ss = "-"
        if "shapley_shubik" in theirs:
            difference = largest_difference(ours["shapley_shubik"], theirs["shapley_shubik"])
            ss = f"{difference:.1e}"
            if difference > 1e-9:
                note += "SHAPLEY-SHUBIK DIFFERS; "
        else:
            note += f"powerindex Shapley-Shubik: {theirs['shapley_error']}; "
        bz_difference = largest_difference(ours["banzhaf_normalized"], theirs["banzhaf_normalized"])
        if bz_difference > 1e-9:
            note += "BANZHAF DIFFERS; "
        ratio = theirs["seconds"] / max(ours["seconds"], 1e-9)
        print(f"{name:<26} {n:>7} {ours['seconds']:>10.4f} {theirs['seconds']:>13.4f} {ratio:>8.0f}x  {ss:>9} {bz_difference:>9.1e}  {note}")


if __name__ == "__main__":
    main()
