"""Pretraining objectives: `PretrainingObjective` subclasses, by `objective.kind` in `OBJECTIVES`."""

from birdjepa_keras.objectives.lejepa import LeJEPA
from birdjepa_keras.objectives.pixio import Pixio
from birdjepa_keras.objectives.supervised import Supervised

# objective.kind -> class (the recipe's choices are `config.objective.ObjectiveConfig.kind`).
OBJECTIVES = {"pixio": Pixio, "lejepa": LeJEPA, "supervised": Supervised}
