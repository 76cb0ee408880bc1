"""The PyTorch twin against the `stego` binary (STEGO_BIN, default .build/release/stego): the
shipped weights hide and reveal the examples as the CLI does, and a torchrun (gloo, 2 processes)
checkpoint works with `stego hide --model` and resumes, and its ranks stop together; a `stego train`
checkpoint resumes here.
Run: python/.venv/bin/python -m unittest discover -s python/tests"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import numpy as np
import torch

from stego_torch import checkpoint, latent, train
from stego_torch.adversary import Steganalyser
from stego_torch.images import read_png, to_tensor, to_uint8
from stego_torch.network import Config, HidingNetwork, quantize_8bit
from stego_torch.objective import chroma_high_pass, hill_cost, texture_weighted_error
from stego_torch.wavelet import dwt, iwt

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STEGO = os.environ.get("STEGO_BIN", os.path.join(ROOT, ".build", "release", "stego"))
WEIGHTS = os.path.join(ROOT, "Sources", "StegoKit", "Weights")
PHOTOS = os.path.join(ROOT, "Tests", "StegoKitTests", "Fixtures", "photos")


def stego(*args, cwd=None):
    result = subprocess.run([STEGO, *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"stego {' '.join(args)}: {result.stderr}")
    return result


def load(path):
    tensors, meta = checkpoint.read(path)
    net = HidingNetwork(Config.from_metadata(meta))
    net.load_state_dict(tensors)
    return net.eval()


@torch.no_grad()
def twin_hide(net, cover, secret, seed):
    h, w, _ = cover.shape
    z = latent.hide_latent(seed, h, w) if net.config.dual_latent else None
    return to_uint8(net.stego_image(net.hide(to_tensor(cover), to_tensor(secret), z)))


@torch.no_grad()
def twin_reveal(net, stego_image):
    return to_uint8(net.reveal(quantize_8bit(to_tensor(stego_image))))


class TwinTests(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.access(STEGO, os.X_OK), f"{STEGO} not built: run swift build -c release (or set STEGO_BIN)")
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def assertClose(self, a, b, what):
        """At most 1 level apart on at least 99.99% of the 8-bit values."""
        diff = np.abs(a.astype(int) - b.astype(int))
        self.assertGreaterEqual(np.mean(diff <= 1), 0.9999, f"{what}: {np.mean(diff > 1):.5%} of values more than 1 apart")
        return diff

    def test_wavelet_inverts_exactly(self):
        x = torch.rand(2, 5, 8, 6, dtype=torch.float64)
        self.assertLess(float((iwt(dwt(x)) - x).abs().max()), 1e-12)
        self.assertAlmostEqual(float((dwt(x) ** 2).sum()), float((x ** 2).sum()), places=9)  # orthonormal

    def test_chroma_loss_is_the_engines(self):
        """The colour residual term against the fixture the Swift engine is tested on."""
        tensors, meta = checkpoint.read(os.path.join(ROOT, "Tests", "StegoKitTests", "Fixtures", "engine", "chroma_loss.safetensors"))
        a = tensors["a"].double().requires_grad_()
        loss = chroma_high_pass(a - tensors["b"].double())
        loss.backward()
        self.assertAlmostEqual(loss.item(), float(meta["loss"]), delta=1e-5 * loss.item())
        torch.testing.assert_close(a.grad.float(), tensors["grad_a"], rtol=1e-4, atol=1e-5)

    def test_hill_cost_is_the_fixtures(self):
        """The texture weight's HILL cost against the numpy fixture HILLCost.swift is tested on (the
        paper's epsilon there; wet samples, infinite in the fixture, are not the loss's business)."""
        fixtures = os.path.join(ROOT, "Tests", "StegoKitTests", "Fixtures", "hill")
        for name in ("photo", "small"):
            image = read_png(os.path.join(fixtures, name + ".png"))
            expected = torch.from_numpy(np.fromfile(os.path.join(fixtures, name + ".costs.f32"), dtype="<f4").reshape(image.shape))
            levels = torch.from_numpy(image).double().permute(2, 0, 1).unsqueeze(0)
            cost = hill_cost(levels, epsilon=1e-10)[0].permute(1, 2, 0).float()
            finite = torch.isfinite(expected)
            self.assertGreater(int(finite.sum()), 0)
            torch.testing.assert_close(cost[finite], expected[finite], rtol=1e-4, atol=0)

    def test_texture_weight_prices_smooth_areas_higher(self):
        """The same noise costs more on the smooth half of a cover than on its textured half, and on
        an evenly textured cover the term is the plain sum of squares."""
        generator = torch.Generator().manual_seed(5)
        cover = torch.full((1, 3, 32, 64), 0.5)
        cover[..., 32:] += 0.1 * torch.rand(1, 3, 32, 32, generator=generator)
        noise = 0.01 * torch.randn(1, 3, 32, 16, generator=generator)
        smooth, textured = torch.zeros_like(cover), torch.zeros_like(cover)
        smooth[..., :16], textured[..., 48:] = noise, noise  # each 16 columns away from the seam
        self.assertGreater(float(texture_weighted_error(smooth, cover)), 5 * float(texture_weighted_error(textured, cover)))
        error = 0.01 * torch.randn(1, 3, 32, 64, generator=generator)
        flat = torch.full((1, 3, 32, 64), 0.5)
        self.assertAlmostEqual(float(texture_weighted_error(error, flat)), float((error ** 2).sum()), delta=1e-5 * float((error ** 2).sum()))

    def test_shipped_weights_hide_and_reveal_as_the_cli(self):
        cover, secret = (read_png(os.path.join(ROOT, "examples", f)) for f in ("cover.png", "secret.png"))
        for method, seed in (("dlv-hinet", 0), ("dlv-hinet", 12345), ("hinet", 0)):
            net = load(os.path.join(WEIGHTS, f"{method}.safetensors"))
            out, revealed = os.path.join(self.dir, "s.png"), os.path.join(self.dir, "r.png")
            stego("hide", os.path.join(ROOT, "examples", "cover.png"), os.path.join(ROOT, "examples", "secret.png"),
                  "-o", out, "--method", method, "--seed", str(seed), "--force")
            cli_stego = read_png(out)
            diff = self.assertClose(twin_hide(net, cover, secret, seed), cli_stego, f"{method} seed {seed} stego")
            print(f"{method} seed {seed}: stego {np.mean(diff == 0):.4%} equal, max diff {diff.max()}", file=sys.stderr)
            stego("reveal", out, "-o", revealed, "--method", method, "--force")
            diff = self.assertClose(twin_reveal(net, cli_stego), read_png(revealed), f"{method} revealed")
            print(f"{method} seed {seed}: revealed {np.mean(diff == 0):.4%} equal, max diff {diff.max()}", file=sys.stderr)

    def test_torchrun_checkpoint_works_with_the_cli_and_resumes(self):
        out = os.path.join(self.dir, "tiny.safetensors")
        def train(steps, *extra):
            command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", "--master_port", "29517",
                       "-m", "stego_torch.train", "--method", "dlv-hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out,
                       "--steps", str(steps), "--crop", "32", "--batch", "2", "--device", "cpu", "--threads", "1", "--lr", "0.001", *extra]
            result = subprocess.run(command, capture_output=True, text=True, env=os.environ | {"OMP_NUM_THREADS": "1"})
            self.assertEqual(result.returncode, 0, result.stderr[-3000:])
            return result.stderr
        log = train(3)
        self.assertIn("2 process(es) on cpu", log)
        _, meta = checkpoint.read(out)
        self.assertEqual(meta["step"], "3")

        cover, secret = (os.path.join(PHOTOS, f) for f in sorted(os.listdir(PHOTOS))[:2])
        made = os.path.join(self.dir, "stego.png")
        stego("hide", cover, secret, "-o", made, "--model", out, "--seed", "3")
        self.assertClose(twin_hide(load(out), read_png(cover), read_png(secret), 3), read_png(made), "torchrun checkpoint stego")

        log = train(5, "--resume")
        self.assertIn("resumed from", log)
        self.assertIn("at step 3", log)
        _, meta = checkpoint.read(out)
        self.assertEqual(meta["step"], "5")

    def test_torchrun_ranks_stop_together_when_one_is_signalled(self):
        """SIGTERM to one worker stops both at the same step with a checkpoint; a rank that stopped
        alone would leave the other waiting for its gradients (gloo gives up after 30 minutes)."""
        out = os.path.join(self.dir, "signalled.safetensors")
        command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", "--master_port", "29518",
                   "-m", "stego_torch.train", "--method", "dlv-hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out,
                   "--steps", "1000000", "--crop", "32", "--batch", "2", "--device", "cpu", "--threads", "1",
                   "--checkpoint-minutes", "0.002"]
        with open(os.path.join(self.dir, "signalled.log"), "w+") as log:
            run = subprocess.Popen(command, stderr=log, stdout=log, env=os.environ | {"OMP_NUM_THREADS": "1"})
            try:
                deadline = time.time() + 120
                while not os.path.exists(out + ".state") and run.poll() is None and time.time() < deadline:
                    time.sleep(0.2)  # a checkpoint: both ranks are in the training loop
                with open(f"/proc/{run.pid}/task/{run.pid}/children") as children:
                    workers = [int(pid) for pid in children.read().split()]
                self.assertEqual(len(workers), 2)
                os.kill(workers[-1], signal.SIGTERM)
                code = run.wait(timeout=60)
            finally:
                run.kill()
            log.seek(0)
            text = log.read()
            self.assertEqual(code, 0, text[-3000:])
            self.assertIn("checkpoint written", text)
        _, meta = checkpoint.read(out)
        self.assertLess(int(meta["step"]), 1000000)

    def test_running_mean_is_the_mean_of_the_sampled_steps(self):
        """--average-every 2 over 4 steps writes the mean of the weights after steps 2 and 4, those of
        fresh runs of the same seed stopped there, in a file `stego average-weights` reads."""
        def train(out, steps, *extra):
            subprocess.run([sys.executable, "-m", "stego_torch.train", "--method", "hinet", "--preset", "tiny", "--data", PHOTOS,
                            "--out", out, "--steps", str(steps), "--crop", "32", "--batch", "2", "--device", "cpu", "--threads", "1",
                            "--lr", "0.001", *extra], check=True, capture_output=True)
        stopped = [os.path.join(self.dir, f"stopped-{steps}.safetensors") for steps in (2, 4)]
        for steps, out in zip((2, 4), stopped):
            train(out, steps)
        train(os.path.join(self.dir, "run.safetensors"), 4, "--average-every", "2")
        mean, meta = checkpoint.read(os.path.join(self.dir, "run-average.safetensors"))
        self.assertEqual(meta["averaged_steps"], "2-4 every 2")
        self.assertNotIn("step", meta)
        (at2, _), (at4, _) = (checkpoint.read(path) for path in stopped)
        self.assertGreater(max((at4[name] - at2[name]).abs().max().item() for name in at2), 1e-4)  # the two points differ
        for name in at2:
            torch.testing.assert_close(mean[name], (at2[name] + at4[name]) / 2, rtol=0, atol=1e-6)
        both = os.path.join(self.dir, "both.safetensors")
        stego("average-weights", os.path.join(self.dir, "run-average.safetensors"), stopped[1], "--out", both)
        self.assertEqual(checkpoint.read(both)[1]["averaged_steps"], "[2-4 every 2],4")

    def test_schedule_is_the_engines(self):
        # The numbers of AdamTests.testScheduleHalvesAndWarmsUp: halving every 4 steps, a warm-up of 3.
        args = train.parse(["--data", PHOTOS, "--out", "unused", "--lr", "1e-3", "--lr-halve-every", "4", "--warmup-steps", "3"])
        expected = [1e-3 / 3, 2e-3 / 3, 1e-3, 1e-3, 5e-4, 5e-4, 5e-4, 5e-4, 2.5e-4, 2.5e-4]
        for step, rate in enumerate(expected):
            self.assertAlmostEqual(train.learning_rate(step, args), rate, places=12)

    def test_grow_from_adds_identity_blocks(self):
        """The shipped DLV-HiNet grown by two blocks hides and reveals as before (a step at learning rate 0);
        another growth, or a file lacking one of its tensors, is refused."""
        out = os.path.join(self.dir, "grown.safetensors")
        shipped = load(os.path.join(WEIGHTS, "dlv-hinet.safetensors"))
        blocks = str(shipped.config.blocks + 2)
        subprocess.run([sys.executable, "-m", "stego_torch.train", "--method", "dlv-hinet", "--preset", "small", "--blocks", blocks,
                        "--grow-from", os.path.join(WEIGHTS, "dlv-hinet.safetensors"), "--data", PHOTOS, "--out", out,
                        "--steps", "1", "--lr", "0", "--crop", "32", "--batch", "1", "--device", "cpu", "--threads", "1"], check=True, capture_output=True)
        grown = load(out)
        self.assertEqual(grown.config.blocks, shipped.config.blocks + 2)
        cover, secret = (read_png(os.path.join(ROOT, "examples", f)) for f in ("cover.png", "secret.png"))
        stego_image = twin_hide(shipped, cover, secret, 3)
        np.testing.assert_array_equal(twin_hide(grown, cover, secret, 3), stego_image)
        np.testing.assert_array_equal(twin_reveal(grown, stego_image), twin_reveal(shipped, stego_image))
        refused = subprocess.run([sys.executable, "-m", "stego_torch.train", "--method", "dlv-hinet", "--preset", "small", "--growth", "8",
                                  "--grow-from", os.path.join(WEIGHTS, "dlv-hinet.safetensors"), "--data", PHOTOS,
                                  "--out", os.path.join(self.dir, "other.safetensors"), "--steps", "1", "--device", "cpu"],
                                 capture_output=True, text=True)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("cannot grow", refused.stderr)
        tensors, meta = checkpoint.read(os.path.join(WEIGHTS, "dlv-hinet.safetensors"))
        del tensors["inv1.f.conv2.weight"]
        lacking = os.path.join(self.dir, "lacking.safetensors")
        checkpoint.write(lacking, tensors, meta)
        refused = subprocess.run([sys.executable, "-m", "stego_torch.train", "--method", "dlv-hinet", "--preset", "small", "--blocks", blocks,
                                  "--grow-from", lacking, "--data", PHOTOS, "--out", os.path.join(self.dir, "other.safetensors"),
                                  "--steps", "1", "--device", "cpu"], capture_output=True, text=True)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("inv1.f.conv2.weight", refused.stderr)

    def test_a_stego_train_checkpoint_resumes_here(self):
        out = os.path.join(self.dir, "swift.safetensors")
        stego("train", "--method", "hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out, "--steps", "2",
              "--crop", "32", "--batch", "2", "--threads", "1")
        before, _ = checkpoint.read(out)
        state, _ = checkpoint.read(out + ".state")
        from stego_torch import train
        train.main(["--method", "hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out, "--steps", "3", "--crop", "32",
                    "--batch", "2", "--device", "cpu", "--resume"])
        after, meta = checkpoint.read(out)
        self.assertEqual(meta["step"], "3")
        changed = [k for k in before if not torch.equal(before[k], after[k])]
        self.assertTrue(changed, "one more step changed no weight")
        moved, _ = checkpoint.read(out + ".state")
        self.assertEqual(set(moved), set(state))

    def test_a_non_finite_step_is_undone(self):
        """The loop reads a step's figures one step late (so the GPU never waits for the host); a
        non-finite loss must still restore the last good state and halve the learning rate."""
        import contextlib
        import io
        calls = []

        class FailsOnce(train.Objective):
            def __call__(self, *args):
                total, *rest = super().__call__(*args)
                calls.append(1)
                return (total * float("nan") if len(calls) == 3 else total), *rest

        out, log = os.path.join(self.dir, "nan.safetensors"), io.StringIO()
        original, train.Objective = train.Objective, FailsOnce
        # No report due mid-run (one is due after a step slower than REPORT_SECONDS, as on a busy
        # machine), so that step 3's figures are read late, at step 4.
        seconds, train.REPORT_SECONDS = train.REPORT_SECONDS, float("inf")
        try:
            with contextlib.redirect_stderr(log):
                train.main(["--method", "hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out, "--steps", "5",
                            "--crop", "32", "--batch", "2", "--device", "cpu"])
        finally:
            train.Objective, train.REPORT_SECONDS = original, seconds
        self.assertEqual(log.getvalue().count("non-finite loss; restored the state of step 0, learning rate now x0.5"), 1, log.getvalue())
        self.assertEqual(len(calls), 9, "3 steps, the one that read the failure, then 5 from step 0")
        weights, meta = checkpoint.read(out)
        self.assertEqual(meta["step"], "5")
        self.assertTrue(all(torch.isfinite(t).all() for t in weights.values()))

    def test_the_steganalyser_learns_a_known_answer(self):
        """Photo crops against the same crops with independent noise of 1.5 levels RMS in each channel
        (the shipped networks add 1.8-6 levels of colour noise): after 300 steps it tells held-out
        pairs apart."""
        photos = [to_tensor(read_png(os.path.join(PHOTOS, f))) for f in sorted(os.listdir(PHOTOS))]
        generator = torch.Generator().manual_seed(5)

        def pairs(count):
            covers = []
            for _ in range(count):
                photo = photos[int(torch.randint(len(photos), (1,), generator=generator))]
                y, x = (int(torch.randint(d - 32 + 1, (1,), generator=generator)) for d in photo.shape[2:])
                covers.append(photo[0, :, y:y + 32, x:x + 32])
            cover = torch.stack(covers)
            noise = 1.5 * torch.randn(cover.shape, generator=generator)
            return cover, ((cover * 255 + noise).round().clamp(0, 255)) / 255

        torch.manual_seed(5)
        steganalyser = Steganalyser()
        optimizer = torch.optim.Adam(steganalyser.parameters(), lr=1e-3)
        for _ in range(300):
            cover, stego_image = pairs(16)
            optimizer.zero_grad()
            steganalyser.loss(cover, stego_image).backward()
            optimizer.step()
        cover, stego_image = pairs(64)
        with torch.no_grad():
            right = (steganalyser(cover) < 0).float().mean() + (steganalyser(stego_image) > 0).float().mean()
        self.assertGreater(float(right) / 2, 0.9)

    def test_training_with_the_adversary_saves_and_resumes_it(self):
        out = os.path.join(self.dir, "adversary.safetensors")
        common = ["--method", "hinet", "--preset", "tiny", "--data", PHOTOS, "--out", out, "--crop", "32", "--batch", "2",
                  "--device", "cpu", "--adversary-weight", "1"]
        train.main(common + ["--steps", "2"])
        first, meta = checkpoint.read(out + ".adversary")
        self.assertEqual(meta["step"], "2")
        train.main(common + ["--steps", "4", "--resume"])
        second, meta = checkpoint.read(out + ".adversary")
        self.assertEqual(meta["step"], "4")
        self.assertTrue(any(not torch.equal(first[k], second[k]) for k in first), "the steganalyser did not learn")
        with open(out + ".csv") as log:
            header = log.readline()
        self.assertIn("steganalyser", header)


if __name__ == "__main__":
    unittest.main()
