"""Validates and executes a notebook written by `rehearse export-notebook`, as a user would.

Usage: python check_notebook.py NOTEBOOK.ipynb RUN_DIRECTORY

The notebook must be valid nbformat 4.5 (every cell with an id) and run top to bottom in a
fresh python3 kernel whose working directory is the run directory, without an error.
"""
import sys

import nbformat
from nbclient import NotebookClient


def main(arguments):
    if len(arguments) != 2:
        print(__doc__)
        return 2
    path, run_directory = arguments
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    if (notebook.nbformat, notebook.nbformat_minor) < (4, 5):
        print(f"{path}: error: nbformat {notebook.nbformat}.{notebook.nbformat_minor}, expected 4.5 or later")
        return 1
    missing = [index for index, cell in enumerate(notebook.cells) if not cell.get("id")]
    if missing:
        print(f"{path}: error: cells without an id: {missing}")
        return 1
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": run_directory}})
    client.execute()
    outputs = sum(len(cell.get("outputs", [])) for cell in notebook.cells if cell.cell_type == "code")
    figures = sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )
    print(f"{path}: valid nbformat {notebook.nbformat}.{notebook.nbformat_minor}, {len(notebook.cells)} cells ran, {outputs} outputs, {figures} figures")
    if figures == 0:
        print(f"{path}: error: the notebook drew no figure")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
