"""Where checkpoints live on disk and which are complete (standard library only: `--list` reads it).

    checkpoints/
      orbax/<step>/                       Orbax step: weights, optimizer slots (and its step counter),
                                          RNG (seed-generator) state; written by keras.callbacks.OrbaxCheckpoint
      orbax/<step>.orbax-checkpoint-tmp/  an Orbax save in flight, or killed in flight
                                          (older Orbax releases append -<timestamp>)
      state/<step>.json                   ours: epoch and data position after `step` steps

Orbax finalises a step by writing `commit_success.txt` into it and then, on a
POSIX file system, renaming the temporary directory to `<step>` (on object
stores it writes the file into `<step>` last); see google/orbax,
checkpoint/orbax/checkpoint/_src/path/atomicity.py (`AtomicRenameTemporaryPath.finalize`,
`CommitFileTemporaryPath`). A step is complete when that file is in `orbax/<step>/`
and `state/<step>.json` exists: the JSON is keyed by the step, so resume can
never pair a data position with another step's weights, and either half
missing (a kill between the two writes) makes the step invisible.
"""

import json
import os
import shutil

ORBAX = "orbax"
STATE = "state"
COMMIT_FILE = "commit_success.txt"  # Orbax's marker of a finalised step


def orbax_dir(directory):
    return os.path.join(directory, ORBAX)


def step_path(directory, step):
    """The Orbax directory of `step`."""
    return os.path.join(directory, ORBAX, str(int(step)))


def state_path(directory, step):
    return os.path.join(directory, STATE, f"{int(step)}.json")


def _digit_names(path):
    return sorted(int(n) for n in os.listdir(path) if n.isdigit()) if os.path.isdir(path) else []


def orbax_steps(directory):
    """Steps Orbax finalised (temporary directories of killed or running saves excluded)."""
    root = orbax_dir(directory)
    return [s for s in _digit_names(root) if os.path.exists(os.path.join(root, str(s), COMMIT_FILE))]


def state_steps(directory):
    path = os.path.join(directory, STATE)
    names = os.listdir(path) if os.path.isdir(path) else []
    return sorted(int(n[:-5]) for n in names if n.endswith(".json") and n[:-5].isdigit())


def complete_steps(directory):
    """Steps with both a finalised Orbax step and its state JSON, ascending."""
    return sorted(set(orbax_steps(directory)) & set(state_steps(directory)))


def write_state(directory, step, state, keep):
    """Write `state/<step>.json` atomically; keep the newest `keep + 1` (one may await its Orbax step)."""
    os.makedirs(os.path.join(directory, STATE), exist_ok=True)
    final = state_path(directory, step)
    tmp = f"{final}.tmp-{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump({"step": int(step), "state": state}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, final)
    for old in state_steps(directory)[: -(keep + 1)]:
        os.remove(state_path(directory, old))
    return final


def read_state(directory, step):
    with open(state_path(directory, step)) as f:
        return json.load(f)["state"]


def discard_after(directory, step):
    """Remove everything newer than `step`: Orbax steps, their temporary directories, state JSONs.

    A resumed (or restarted) run writes those steps again; Orbax refuses to
    save over an existing step (`StepAlreadyExistsError`) and its listing is
    read once when the callback is made, so this runs before that.
    """
    root = orbax_dir(directory)
    for name in os.listdir(root) if os.path.isdir(root) else []:
        head = name.split(".", 1)[0]  # "<step>" or "<step>.orbax-checkpoint-tmp-<t>"
        if (head.isdigit() and int(head) > step) or (".orbax-checkpoint-tmp" in name):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
    for s in state_steps(directory):
        if s > step:
            os.remove(state_path(directory, s))
    state_dir = os.path.join(directory, STATE)
    for name in os.listdir(state_dir) if os.path.isdir(state_dir) else []:
        if ".tmp-" in name:  # a writer killed between write and rename
            os.remove(os.path.join(state_dir, name))
