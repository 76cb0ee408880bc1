#!/usr/bin/env python3
"""Validation records of training runs, and their plot (Pillow only).

  # append a run's validation lines to the records; the log is `stego train`'s stderr with each
  # line prefixed by a Unix time (`while read l; do echo "$(date +%s) $l"; done`), and START is
  # the run's start time; lines logged before the prefixing began (same stamp as the first line)
  # get their time from the run's mean step rate (lines stamped within 10 s of the first line
  # are taken as that backlog)
  python3 scripts/plot_training.py extract RUN LOG START >> docs/training-runs.csv
  # logs whose validation lines end in "(H h into this run)" need no prefixes; START is then the
  # hours trained before the log began (a resumed run restarts H at 0: it continues from the part's
  # end, its last H stretched by the part's step rate to the step of the log's next "resumed" line)
  # a run that replays another's budget by steps: its hours read off STEP:HOURS points (linear
  # between them), the steps at which the other run, or its rival converted at its rate, reached them
  python3 scripts/plot_training.py extract-steps RUN LOG 0:0 4787:1.81 6259:2.37 ... >> RECORDS.csv
  # plot secret/recovery and cover/stego Y-PSNR against hours of training
  # (Pillow is in python/.venv: scripts/setup-python.sh)
  python/.venv/bin/python scripts/plot_training.py plot docs/training-runs.csv docs/training-val-psnr.png
  # the session-7 scaling study (scripts/scaling-study.sh): its own records and plot
  python/.venv/bin/python scripts/plot_training.py plot docs/scaling-runs.csv docs/scaling-val-psnr.png
  # session 8's grown networks beside session 7's chroma trial: docs/growth-runs.csv, docs/growth-val-psnr.png
  # RGB instead of Y: the PSNR of each validation's mean RGB RMSE (the records keep no RGB PSNR)
  python/.venv/bin/python scripts/plot_training.py plot docs/dlv-vs-hinet-runs.csv docs/dlv-vs-hinet-val-psnr-rgb.png rgb
  # the PyTorch twin's CSV logs (OUT.csv; a resumed run appends to it), against steps, Y or RGB PSNR
  python/.venv/bin/python scripts/plot_training.py twin docs/gpu-val-psnr-y.png y dlv8=runs/dlv8.safetensors.csv ...
"""
import csv
import math
import re
import sys

FIELDS = ["run", "step", "hours", "cs_psnr_y", "cs_ssim_y", "cs_mae", "cs_rmse", "sr_psnr_y", "sr_ssim_y", "sr_mae", "sr_rmse"]
VALIDATION = re.compile(r"step (\d+) validation: cover/stego Y-PSNR ([\d.]+) SSIM ([\d.]+) MAE ([\d.]+) RMSE ([\d.]+) \| "
                        r"secret/recovery Y-PSNR ([\d.]+) SSIM ([\d.]+) MAE ([\d.]+) RMSE ([\d.]+)")
PROGRESS = re.compile(r"^step (\d+)/")
INLINE_HOURS = re.compile(r"\(([\d.]+) h into this run\)")
RESUMED = re.compile(r"^resumed from .* at step (\d+)")


def extract_inline(run, log, start_hours):
    """A part's hours end at its last validation; when the log says where the next part resumed,
    the part's steps after that validation are added at the part's own step rate."""
    out = csv.writer(sys.stdout)
    before, last, first_step, last_step = start_hours, 0.0, None, None
    for line in open(log):
        if r := RESUMED.search(line):
            resumed = int(r.group(1))
            if first_step is not None and last_step is not None and last_step > first_step:
                last *= (resumed - first_step) / (last_step - first_step)
            before, last, first_step, last_step = before + last, 0.0, resumed, None
            continue
        m, h = VALIDATION.search(line), INLINE_HOURS.search(line)
        if m and h:
            if float(h.group(1)) < last:
                before, last = before + last, 0.0
            last, last_step = float(h.group(1)), int(m.group(1))
            out.writerow([run, int(m.group(1)), f"{before + last:.3f}"] + list(m.groups()[1:]))


def extract(run, log, start):
    if any(INLINE_HOURS.search(l) for l in open(log)):
        return extract_inline(run, log, float(start))
    start = int(start)  # a Unix time
    lines = [l.rstrip("\n").split(" ", 1) for l in open(log) if " " in l]
    first = int(lines[0][0])
    untimed = lambda t: int(t) - first < 10
    # Mean seconds per step, from the progress lines that carry their own time.
    timed = [(int(t), int(m.group(1))) for t, l in lines if not untimed(t) and (m := PROGRESS.match(l))]
    rate = (timed[-1][0] - start) / timed[-1][1]
    out = csv.writer(sys.stdout)
    for t, line in lines:
        m = VALIDATION.search(line)
        if m:
            step = int(m.group(1))
            seconds = step * rate if untimed(t) else int(t) - start
            out.writerow([run, step, f"{seconds / 3600:.3f}"] + list(m.groups()[1:]))


def extract_steps(run, log, points):
    """Validation lines of LOG, their hours interpolated from the (step, hours) points."""
    points = sorted((int(s), float(h)) for s, h in (p.split(":") for p in points))
    out = csv.writer(sys.stdout)
    for line in open(log):
        if (m := VALIDATION.search(line)) and points[0][0] <= (step := int(m.group(1))) <= points[-1][0]:
            (s0, h0), (s1, h1) = next((a, b) for a, b in zip(points, points[1:]) if step <= b[0])
            out.writerow([run, step, f"{h0 + (h1 - h0) * (step - s0) / (s1 - s0):.3f}"] + list(m.groups()[1:]))


def twin(png, metric, runs):
    """The validation rows of the twin's CSV logs (RUN=CSV each), against thousands of steps."""
    rows = []
    for run, path in (r.split("=", 1) for r in runs):
        rows += [{"run": run, "hours": int(r["step"]) / 1000, "cs": r[f"cs_psnr_{metric}"], "sr": r[f"sr_psnr_{metric}"]}
                 for r in csv.DictReader(open(path)) if r["kind"] == "validation"]
    plot(rows, png, "thousands of steps (the twin's batches)", f"validation {'Y' if metric == 'y' else 'RGB'}-PSNR")


def records(path, png, metric):
    """The validation records (CSV of extract) against hours, Y-PSNR or RGB (the PSNR of the mean RMSE)."""
    rows = list(csv.DictReader(open(path)))
    if metric == "y":
        return plot(rows, png, keys=("cs_psnr_y", "sr_psnr_y"))
    for r in rows:
        for side in ("cs", "sr"):
            r[f"{side}_psnr_rgb"] = 20 * math.log10(255 / float(r[f"{side}_rmse"]))
    plot(rows, png, y_label="validation RGB PSNR of the mean RMSE", keys=("cs_psnr_rgb", "sr_psnr_rgb"))


def plot(rows, png, x_label="hours of training (2-core CPU, 1 thread per run)", y_label="validation Y-PSNR", keys=("cs", "sr")):
    """Rows with run, hours (the x axis) and the two PSNRs named by keys (cover/stego, secret/recovery)."""
    from PIL import Image, ImageDraw  # only the plot needs Pillow

    runs = sorted({r["run"] for r in rows})
    w, h, left, bottom, top, right = 900, 520, 70, 60, 40, 200
    hours = max(float(r["hours"]) for r in rows) * 1.05
    values = [float(r[k]) for r in rows for k in keys]
    lo, hi = int(min(values)) - 1, int(max(values)) + 2
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)

    def xy(x, y):
        return left + (w - left - right) * x / hours, h - bottom - (h - top - bottom) * (y - lo) / (hi - lo)

    d.rectangle([left, top, w - right, h - bottom], outline="black")
    for y in range(lo, hi + 1, 2):
        px, py = xy(0, y)
        d.line([px, py, w - right, py], fill=(225, 225, 225))
        d.text((left - 30, py - 6), str(y), fill="black")
    step = max(0.25, round(hours / 6 * 4) / 4)
    x = 0.0
    while x <= hours:
        px, py = xy(x, lo)
        d.text((px - 10, h - bottom + 8), f"{x:g}", fill="black")
        x += step
    d.text((left + 200, h - 30), x_label, fill="black")
    d.text((left, 12), f"{y_label} (dB): solid secret/recovery, dashed cover/stego", fill="black")
    colours = [(200, 30, 30), (30, 90, 200), (30, 150, 60), (150, 60, 160), (230, 130, 0), (0, 160, 170), (110, 110, 110)]
    # One colour per network: a run resumed under another name (NAME-ft, NAME-ft3...) continues its line.
    network_of = lambda run: re.sub(r"-ft\d*$", "", run)
    networks = sorted({network_of(run) for run in runs})
    for run in runs:
        pts = sorted((float(r["hours"]), float(r[keys[0]]), float(r[keys[1]])) for r in rows if r["run"] == run)
        colour = colours[networks.index(network_of(run)) % len(colours)]
        d.line([xy(p[0], p[2]) for p in pts], fill=colour, width=3)
        for a, b in zip(pts, pts[1:]):
            (x0, y0), (x1, y1) = xy(a[0], a[1]), xy(b[0], b[1])
            for t in range(0, 10, 2):  # dashes
                d.line([x0 + (x1 - x0) * t / 10, y0 + (y1 - y0) * t / 10, x0 + (x1 - x0) * (t + 1) / 10, y0 + (y1 - y0) * (t + 1) / 10], fill=colour, width=2)
    for k, network in enumerate(networks):
        d.text((w - right + 15, top + 20 * k), network, fill=colours[k % len(colours)])
    img.save(png)


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "extract" and len(args) == 3:
        extract(*args)
    elif command == "extract-steps" and len(args) >= 4:
        extract_steps(args[0], args[1], args[2:])
    elif command == "twin" and len(args) >= 3:
        twin(args[0], args[1], args[2:])
    elif command == "plot" and len(args) in (2, 3) and args[2:] in ([], ["y"], ["rgb"]):
        records(args[0], args[1], (args[2:] or ["y"])[0])
    else:
        sys.exit(__doc__)
