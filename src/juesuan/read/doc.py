"""Word 97–2003 (.doc) and WPS Writer (.wps) files, as many departments still publish them: converted
to .docx by LibreOffice (the `soffice` the project installs, `make system-deps`) in a folder of its
own, then read like any .docx. No Python library reads the binary Word format well enough for
tables; LibreOffice does. An Excel object embedded in the .doc comes through as a workbook in the
.docx (read by read/embedded.py) only when LibreOffice has Calc; without it, as its picture: then
a note says how many workbooks the file embeds and what to install."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..model.document import Document
from ..model.errors import ReportError
from .docx import read_docx
from .embedded import excel_objects_in_doc
from .workbook import OLE_MAGIC  # .doc and .xls are both OLE compound files

_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the OLE directory entry of a Word document
TIMEOUT = 120  # seconds: a 50-page document converts in a few


def is_word97(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC) and _WORD_STREAM in data


def convert(command: list[str], timeout: float) -> bool:
    """Run LibreOffice; False if it did not finish within ``timeout`` seconds. It runs in a process
    group of its own, all of which is killed then: soffice is a script that starts soffice.bin, and
    killing the script alone would leave the converter running."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # also whatever it left behind when it finished
        process.wait()


def read_doc(path: Path, data: bytes) -> Document:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReportError(path, "a Word 97–2003 (.doc) file: LibreOffice (soffice) is needed to read it — "
                                "run `make system-deps`, or save the file as .docx")
    if not data.startswith(OLE_MAGIC):
        raise ReportError(path, "not a Word 97–2003 (.doc) file (no OLE header)")
    with tempfile.TemporaryDirectory(prefix="juesuan-doc-") as tmp:
        source = Path(tmp) / "report.doc"
        source.write_bytes(data)
        # a profile of its own: conversions of a batch run side by side without sharing a lock
        profile = (Path(tmp) / "profile").as_uri()
        if not convert([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                        "--outdir", tmp, str(source)], TIMEOUT):
            raise ReportError(path, f"LibreOffice did not convert the .doc within {TIMEOUT} s (the file may be "
                                    "built to hang it); it was stopped")
        converted = Path(tmp) / "report.docx"
        if not converted.exists():
            raise ReportError(path, "LibreOffice could not convert the .doc (damaged, or not a Word file)")
        doc = read_docx(path, converted.read_bytes())
    held = excel_objects_in_doc(data)
    if held and not has_calc(soffice):
        doc = replace(doc, notes=doc.notes + (
            f"此 .doc 文件嵌入了{held}个 Excel 工作簿，本机的 LibreOffice 没有 Calc 组件，转换时只保留了它们的图片，"
            "其中的表格未读取：安装 LibreOffice Calc（make system-deps）后重新运行",))
    return doc


def has_calc(soffice: str) -> bool:
    """Whether this LibreOffice has Calc (its library beside the program): without it, LibreOffice keeps
    an Excel object of a .doc only as its picture."""
    return any(Path(os.path.realpath(soffice)).parent.glob("*sclo.*"))
