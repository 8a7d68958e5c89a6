# Sourced by the benches that run PyTorch: creates benches/.venv with `pip install torch numpy`
# from PyPI when missing (several GB: the default Linux wheel of torch pulls the CUDA libraries)
# and sets VENV to it.
VENV=benches/.venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if ! "$VENV/bin/python" -c "import torch, numpy" 2>/dev/null; then
  "$VENV/bin/pip" install torch numpy
fi
