"""The scale benchmark: a synthetic national dataset (`bench.synth`) and a side-by-side run of
this project's networkx engine against LadybugDB, FalkorDB and a bare CSV read (`bench.run`).

Run ``make bench TIER=M`` (tiers S, M, L); results land in ``bench/results/``.
"""

__all__: list[str] = []
