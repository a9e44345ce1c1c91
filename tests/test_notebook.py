"""notebooks/walkthrough.ipynb runs from scratch, and the stored copy shows its outputs.

The notebook's asserts make it fail when the library changes under it. To refresh the stored
outputs after a change: `python tests/test_notebook.py` (executes it and writes it back).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
KERNEL = "newsfacts-notebook-test"


def execute(nb: nbformat.NotebookNode, jupyter_dir: Path) -> None:
    """Runs every cell in a fresh kernel, with the notebook's folder as working directory.

    The kernel is this interpreter, declared in a kernelspec of our own under `jupyter_dir`,
    so that it imports the newsfacts under test whatever kernels the machine has installed.
    Raises on the first cell that fails.
    """
    spec = jupyter_dir / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "newsfacts", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(jupyter_dir), previous]))
    try:
        NotebookClient(
            nb,
            timeout=120,
            kernel_name=KERNEL,
            record_timing=False,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        ).execute()
    finally:
        if previous is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = previous
    # Keep the stored notebook's own kernel name, so that it opens with the usual kernel.
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }


def _outputs(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _mime_types(nb: nbformat.NotebookNode) -> set[str]:
    return {mime for out in _outputs(nb) for mime in out.get("data", {})}


def test_stored_notebook_has_outputs() -> None:
    """The committed notebook reads well on a code-hosting site: run top to bottom, no errors."""
    assert NOTEBOOK.stat().st_size < 300_000
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    # Only cells of bare checks may be silent; everything that shows something was shown.
    assert all("assert" in cell.source for cell in code if not cell.outputs)
    assert len([cell for cell in code if cell.outputs]) >= len(code) // 2
    assert not [out for out in _outputs(nb) if out.output_type == "error"]
    assert {"text/html", "image/png"} <= _mime_types(nb)


def test_notebook_runs_from_scratch(tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    execute(nb, tmp_path)
    assert not [out for out in _outputs(nb) if out.output_type == "error"]
    assert {"text/html", "image/png"} <= _mime_types(nb)


if __name__ == "__main__":
    import tempfile

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        execute(notebook, Path(tmp))
    nbformat.write(notebook, NOTEBOOK)
    print(f"{NOTEBOOK.relative_to(ROOT)}: {NOTEBOOK.stat().st_size:,} bytes")
