"""SIGReg: parity with a NumPy transcription of the formula, and its sanity values."""

import keras
import numpy as np
import pytest

from birdjepa_keras.objectives.sigreg import (
    epps_pulley,
    expected_gaussian_statistic,
    random_directions,
    sigreg,
    trapezoid_knots,
)
from tests.helpers import as_numpy


def numpy_sigreg(x_vnk, a_km):
    """The formula, written out in float64: N * 2 * trapz_0^3 |ecf - phi|^2 phi, 17 knots."""
    t = np.linspace(0.0, 3.0, 17)
    phi = np.exp(-(t**2) / 2)
    stats = []
    for x_nk in x_vnk.astype("float64"):
        z_nm = x_nk @ a_km.astype("float64")
        for z_n in z_nm.T:
            ecf = np.exp(1j * t[None, :] * z_n[:, None]).mean(axis=0)
            integrand = np.abs(ecf - phi) ** 2 * phi
            trapz = np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(t))
            stats.append(len(z_n) * 2 * trapz)
    return float(np.mean(stats))


def test_trapezoid_knots():
    t, w = trapezoid_knots()
    assert len(t) == 17 and t[0] == 0 and t[-1] == 3
    np.testing.assert_allclose(w.sum(), 3.0, rtol=1e-6)


def test_sigreg_matches_numpy_formula():
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(3, 64, 16)) * rng.uniform(0.3, 2, size=16) + 0.2).astype("float32")
    a = as_numpy(random_directions(16, 32, keras.random.SeedGenerator(0)))
    ours = float(as_numpy(sigreg(x, a)))
    ref = numpy_sigreg(x, a)
    assert abs(ours - ref) / ref < 1e-5, (ours, ref)


def test_directions_are_unit_redrawn_and_seeded():
    gen = keras.random.SeedGenerator(3)
    a1, a2 = as_numpy(random_directions(8, 16, gen)), as_numpy(random_directions(8, 16, gen))
    np.testing.assert_allclose(np.linalg.norm(a1, axis=0), 1.0, rtol=1e-5)
    assert not np.allclose(a1, a2)  # a new draw every call (step)
    again = as_numpy(random_directions(8, 16, keras.random.SeedGenerator(3)))
    np.testing.assert_array_equal(a1, again)  # the same seed gives the same directions


def test_expected_value_under_gaussian():
    # Closed form of E[T] under H0: N * E|ecf - phi|^2 = 1 - exp(-t^2).
    t = np.linspace(0, 3, 200001)
    f = (1 - np.exp(-(t**2))) * np.exp(-(t**2) / 2)
    exact = 2 * np.sum((f[1:] + f[:-1]) / 2 * np.diff(t))
    # Over the whole line it would be 2 * (sqrt(pi/2) - sqrt(pi/6)) = 1.0594; truncating at 3 drops a little.
    assert 2 * (np.sqrt(np.pi / 2) - np.sqrt(np.pi / 6)) - exact == pytest.approx(0.0068, abs=1e-3)
    assert expected_gaussian_statistic() == pytest.approx(exact, rel=0.01)  # 17-knot quadrature


def test_gaussian_embeddings_score_about_one():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(8, 512, 32)).astype("float32")  # 8 views of N=512
    stat = float(as_numpy(sigreg(x, random_directions(32, 256, keras.random.SeedGenerator(0)))))
    assert stat == pytest.approx(expected_gaussian_statistic(), rel=0.1)
    # Independent 1-D Gaussian columns: the mean over many columns is tight.
    z = rng.normal(size=(256, 4096)).astype("float32")
    assert float(as_numpy(epps_pulley(z)).mean()) == pytest.approx(expected_gaussian_statistic(), rel=0.05)


@pytest.mark.parametrize("scale", [0.0, 1.0])
def test_collapsed_embeddings_grow_with_n(scale):
    a = random_directions(16, 64, keras.random.SeedGenerator(0))
    vals = []
    for n in (128, 256):
        x = np.full((1, n, 16), scale, "float32")
        vals.append(float(as_numpy(sigreg(x, a))))
    assert vals[0] > 20  # far from the ~1 of a Gaussian
    assert vals[1] / vals[0] == pytest.approx(2.0, rel=1e-4)  # proportional to N


def test_scaled_or_shifted_gaussian_is_penalised():
    rng = np.random.default_rng(2)
    a = random_directions(16, 128, keras.random.SeedGenerator(0))
    good = float(as_numpy(sigreg(rng.normal(size=(1, 512, 16)).astype("float32"), a)))
    wide = float(as_numpy(sigreg(3 * rng.normal(size=(1, 512, 16)).astype("float32"), a)))
    shifted = float(as_numpy(sigreg(1 + rng.normal(size=(1, 512, 16)).astype("float32"), a)))
    assert wide > 10 * good and shifted > 10 * good
