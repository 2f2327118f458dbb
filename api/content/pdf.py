"""Count the pages of a PDF without a PDF library: read the page tree's /Count.

Handles classic files (objects in plain text) and PDF 1.5+ files whose dictionaries
sit in compressed object streams. Incremental updates redefine objects later in the
file; the last definition wins, as in a reader. Anything unexpected gives None.
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b(.*?)\bendobj", re.DOTALL)
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
_CATALOG = re.compile(rb"/Type\s*/Catalog\b")
_PAGES_REF = re.compile(rb"/Pages\s+(\d+)\s+\d+\s+R")
_PAGES = re.compile(rb"/Type\s*/Pages\b")
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_COUNT = re.compile(rb"/Count\s+(\d+)")
_PARENT = re.compile(rb"/Parent\s+\d+\s+\d+\s+R")
_INT = re.compile(rb"/(N|First)\s+(\d+)")

# A decompressed object stream larger than this is not a page tree worth reading.
MAX_INFLATED = 16 * 1024 * 1024


def _inflate(body: bytes) -> bytes | None:
    stream = _STREAM.search(body)
    if stream is None or b"/FlateDecode" not in body[: stream.start()]:
        return None
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(stream.group(1), MAX_INFLATED)
    except zlib.error:
        return None
    return data


def _object_stream(body: bytes) -> dict[int, bytes]:
    """The objects packed in one /Type /ObjStm stream."""
    header = dict(_INT.findall(body[: body.find(b"stream")]))
    data = _inflate(body)
    if data is None or b"N" not in header or b"First" not in header:
        return {}
    count, first = int(header[b"N"]), int(header[b"First"])
    numbers = data[:first].split()
    if len(numbers) < count * 2:
        return {}
    pairs = [(int(numbers[2 * i]), int(numbers[2 * i + 1])) for i in range(count)]
    objects = {}
    for index, (number, offset) in enumerate(pairs):
        end = pairs[index + 1][1] if index + 1 < count else len(data) - first
        objects[number] = data[first + offset : first + end]
    return objects


def _objects(data: bytes) -> dict[int, bytes]:
    objects: dict[int, bytes] = {}
    for match in _OBJECT.finditer(data):
        number, body = int(match.group(1)), match.group(2)
        if b"/ObjStm" in body[: body.find(b"stream")]:
            objects.update(_object_stream(body))
        else:
            objects[number] = body
    return objects


def count_pdf_pages(data: bytes) -> int | None:
    """The number of pages of the PDF in ``data``, or None when it cannot tell."""
    if not data.lstrip().startswith(b"%PDF-"):
        return None
    objects = _objects(data)
    # The catalog names the root of the page tree; its /Count is the page count.
    for body in objects.values():
        if _CATALOG.search(body):
            ref = _PAGES_REF.search(body)
            root = objects.get(int(ref.group(1))) if ref else None
            count = _COUNT.search(root) if root else None
            if count:
                return int(count.group(1))
    roots = [
        int(count.group(1))
        for body in objects.values()
        if _PAGES.search(body)
        and not _PARENT.search(body)
        and (count := _COUNT.search(body))
    ]
    if roots:
        return max(roots)
    pages = sum(1 for body in objects.values() if _PAGE.search(body))
    return pages or None
