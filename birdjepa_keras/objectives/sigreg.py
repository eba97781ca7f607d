"""SIGReg (LeJEPA): Epps-Pulley test of 1-D projections against N(0, 1).

For unit direction a, the projections z_n = <x_n, a> of N embeddings give the
empirical characteristic function ecf(t) = mean_n exp(i t z_n). The
Epps-Pulley statistic is

    T(a) = N * integral_{-t_max}^{t_max} |ecf(t) - exp(-t^2/2)|^2 exp(-t^2/2) dt,

computed as twice the trapezoid rule on [0, t_max] (the integrand is even).
Under H0 (z ~ N(0, 1)) E[T] = 2 * int_0^t_max (1 - e^{-t^2}) e^{-t^2/2} dt,
about 1.06 for t_max = 3; for collapsed embeddings T grows like N.
"""

import numpy as np
from keras import ops, random


def trapezoid_knots(t_max=3.0, n_knots=17):
    """Knots t_t and trapezoid weights w_t on [0, t_max], both (n_knots,) float32."""
    t_t = np.linspace(0.0, t_max, n_knots)
    w_t = np.full(n_knots, t_t[1] - t_t[0])
    w_t[0] = w_t[-1] = 0.5 * (t_t[1] - t_t[0])
    return t_t.astype("float32"), w_t.astype("float32")


def expected_gaussian_statistic(t_max=3.0, n_knots=17):
    """E[T] under H0 with the same quadrature (the sanity value, ~1.06)."""
    t_t, w_t = trapezoid_knots(t_max, n_knots)
    t_t, w_t = t_t.astype("float64"), w_t.astype("float64")
    return float(2.0 * np.sum(w_t * (1.0 - np.exp(-(t_t**2))) * np.exp(-0.5 * t_t**2)))


def epps_pulley(z_nm, t_max=3.0, n_knots=17):
    """Epps-Pulley statistic of every column.

    Args:
        z_nm: (..., n, m) projections; n samples per column (float32 math).

    Returns:
        (..., m) statistics, scaled by n.
    """
    z_nm = ops.cast(z_nm, "float32")
    t_np, w_np = trapezoid_knots(t_max, n_knots)
    t_t = ops.convert_to_tensor(t_np)
    phi_t = ops.exp(-0.5 * ops.square(t_t))
    zt_nmt = z_nm[..., None] * t_t
    cos_mt = ops.mean(ops.cos(zt_nmt), axis=-3)
    sin_mt = ops.mean(ops.sin(zt_nmt), axis=-3)
    err_mt = ops.square(cos_mt - phi_t) + ops.square(sin_mt)
    integral_m = 2.0 * ops.sum(err_mt * phi_t * ops.convert_to_tensor(w_np), axis=-1)
    n = ops.cast(ops.shape(z_nm)[-2], "float32")
    return n * integral_m


def random_directions(dim, n_directions, seed):
    """(dim, n_directions) float32 matrix of random unit columns (Gaussian, normalised)."""
    a_km = random.normal((dim, n_directions), dtype="float32", seed=seed)
    return a_km / ops.sqrt(ops.sum(ops.square(a_km), axis=0, keepdims=True))


def sigreg(x_vnk, directions_km, t_max=3.0, n_knots=17):
    """SIGReg loss: Epps-Pulley over directions, averaged over directions and views.

    Args:
        x_vnk: (views, n, k) embeddings; each view is tested on its own n samples.
        directions_km: (k, m) unit directions.

    Returns:
        scalar float32.
    """
    z_vnm = ops.einsum("vnk,km->vnm", ops.cast(x_vnk, "float32"), ops.cast(directions_km, "float32"))
    return ops.mean(epps_pulley(z_vnm, t_max, n_knots))
