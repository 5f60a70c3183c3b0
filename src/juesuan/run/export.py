"""An executed report notebook → a self-contained page (nbconvert, in-process)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def make_exporter():
    """nbconvert's HTML exporter with the offline template (no code, no prompts, no CDN); one
    per process: it keeps no state between notebooks, and a batch worker runs many reports."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="juesuan", extra_template_basedirs=[str(files("juesuan.publish").joinpath("templates"))],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    exporter.register_preprocessor(_tag_remover(), enabled=True)
    # A first export costs ~0.3 s (templates compiled, markdown and highlighting imported), the
    # next ones ~0.04 s: pay it now, on a tiny notebook, while the kernel works.
    exporter.from_notebook_node(_tiny_notebook())
    return exporter


def _tiny_notebook():
    import nbformat

    cell = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<p>x</p>", "text/plain": "x"})])
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x"), cell])


def export_html(notebook_path: Path, title: str, exporter=None) -> str:
    """The executed notebook as a self-contained page."""
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    body, _ = (exporter or make_exporter()).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _tag_remover():
    from nbconvert.preprocessors import TagRemovePreprocessor

    # The parameter cells have no output; papermill gives the injected one a random id, which
    # would make two runs of the same report differ.
    return TagRemovePreprocessor(remove_cell_tags={"remove_cell", "parameters", "injected-parameters"}, enabled=True)
