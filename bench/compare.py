"""Compares council-power with powerindex on the same games; called by bench/compare.sh.

Each index is timed on its own, on one core on both sides: council's Banzhaf alone
(analyze_banzhaf) against powerindex's calc_banzhaf, and council's two indices (analyze; it has
no Shapley-Shubik alone, so this side is charged for both) against powerindex's
calc_shapley_shubik, then the totals. A computation faster than half a second is repeated until
half a second has passed and the mean is reported, on both sides.
"""

import json
import multiprocessing
import platform
import subprocess
import sys
import time

# powerindex divides by float(math.factorial(N)), which overflows above 170 players, and only
# after it has built its whole N x N x quota table: minutes wasted on an answer known in advance.
POWERINDEX_SHAPLEY_LIMIT = 170


def run_powerindex(weights, quota, index, queue):
    """Times one of powerindex's indices and reports its values, or the error."""
    import powerindex

    game = powerindex.Game(quota, weights=weights)
    compute = game.calc_banzhaf if index == "banzhaf" else game.calc_shapley_shubik
    result = {}
    try:
        started = time.perf_counter()
        runs = 0
        while True:
            compute()
            runs += 1
            elapsed = time.perf_counter() - started
            if elapsed >= 0.5:
                break
        result["seconds"] = elapsed / runs
        result["values"] = list(game.banzhaf if index == "banzhaf" else game.shapley_shubik)
    except Exception as error:
        result["error"] = f"{type(error).__name__}: {error}"
    queue.put(result)


def powerindex_index(weights, quota, index, timeout):
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=run_powerindex, args=(weights, quota, index, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return {"error": f"no answer within {timeout:g} s"}
    return queue.get()


def largest_difference(ours, theirs):
    return max(abs(a - b) for a, b in zip(ours, theirs))


def seconds(value):
    if value is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if value >= scale or unit == "us":
            value /= scale
            return f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"


def ratio(theirs, ours):
    if theirs is None or ours is None:
        return "-"
    return f"{theirs / max(ours, 1e-9):.0f}x"


def main():
    binary, timeout, games = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    print(f"machine: {platform.machine()}, {multiprocessing.cpu_count()} cores, Python {platform.python_version()}; one core per computation")
    print("Bz: Banzhaf alone (council analyze_banzhaf, powerindex calc_banzhaf); SS: council both indices (analyze), powerindex calc_shapley_shubik; total: both indices on both sides; diff: largest absolute difference of the values")
    header = (
        f"{'game':<26} {'members':>7} | {'Bz council':>10} {'powerindex':>10} {'ratio':>7} | "
        f"{'SS council':>10} {'powerindex':>10} {'ratio':>7} | {'total':>7} | {'SS diff':>8} {'Bz diff':>8}  note"
    )
    print(header)
    print("-" * len(header))
    for name in games:
        ours = json.loads(subprocess.run([binary, name], check=True, capture_output=True, text=True).stdout)
        n = len(ours["weights"])
        notes = []
        if name == "security-council":
            # powerindex takes one quota: the equivalent one-rule form, weights 7 and 1, quota 39.
            weights, quota = [7 if w[0] == 1 else 1 for w in ours["weights"]], 39
        elif len(ours["quotas"]) == 1:
            weights, quota = [w[0] for w in ours["weights"]], ours["quotas"][0]
        else:
            weights, quota = None, None
            notes.append("powerindex takes one quota only (double majority)")
        banzhaf = {"error": "not run"} if weights is None else powerindex_index(weights, quota, "banzhaf", timeout)
        if weights is None:
            shapley = {"error": "not run"}
        elif n > POWERINDEX_SHAPLEY_LIMIT:
            shapley = {"error": "not run"}
            notes.append(f"powerindex Shapley-Shubik cannot: float(factorial({n})) overflows above {POWERINDEX_SHAPLEY_LIMIT} players")
        else:
            shapley = powerindex_index(weights, quota, "shapley_shubik", timeout)
        bz_diff = ss_diff = "-"
        if "values" in banzhaf:
            difference = max(
                largest_difference(ours["banzhaf_alone_normalized"], banzhaf["values"]),
                largest_difference(ours["banzhaf_normalized"], banzhaf["values"]),
            )
            bz_diff = f"{difference:.1e}"
            if difference > 1e-9:
                notes.append("BANZHAF DIFFERS")
        elif weights is not None:
            notes.append(f"powerindex Banzhaf: {banzhaf['error']}")
        if "values" in shapley:
            difference = largest_difference(ours["shapley_shubik"], shapley["values"])
            ss_diff = f"{difference:.1e}"
            if difference > 1e-9:
                notes.append("SHAPLEY-SHUBIK DIFFERS")
        elif weights is not None and n <= POWERINDEX_SHAPLEY_LIMIT:
            notes.append(f"powerindex Shapley-Shubik: {shapley['error']}")
        their_bz = banzhaf.get("seconds")
        their_ss = shapley.get("seconds")
        their_total = their_bz + their_ss if their_bz is not None and their_ss is not None else None
        print(
            f"{name:<26} {n:>7} | {seconds(ours['banzhaf_seconds']):>10} {seconds(their_bz):>10} {ratio(their_bz, ours['banzhaf_seconds']):>7} | "
            f"{seconds(ours['seconds']):>10} {seconds(their_ss):>10} {ratio(their_ss, ours['seconds']):>7} | "
            f"{ratio(their_total, ours['seconds']):>7} | {ss_diff:>8} {bz_diff:>8}  {'; '.join(notes)}"
        )


if __name__ == "__main__":
    main()
