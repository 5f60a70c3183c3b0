"""Word 97–2003 (.doc) and WPS Writer (.wps) files, as many departments still publish them: converted
to .docx by LibreOffice (the `soffice` the project installs, `make system-deps`) in a folder of its
own, then read like any .docx. No Python library reads the binary Word format well enough for
tables; LibreOffice does."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..model.document import Document
from ..model.errors import ReportError
from .docx import read_docx
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
        return read_docx(path, converted.read_bytes())
