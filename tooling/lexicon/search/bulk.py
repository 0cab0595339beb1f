"""A new index's one segment, its postings gathered in memory and written term by term.

Whoosh's own writer sends every posting (every term of every field of every lemma) through
a sorting pool as a tuple, sorts them all, and hands them one by one to the posting writer,
which checks and appends each: about 10 µs a posting, most of a full index at 5 000 lemma's.
A new index needs none of that. Documents arrive in docnum order, so each term's postings,
appended as they come, are already sorted; each term's blocks are then written whole.

What lands on disk is what Whoosh's writer writes: the same blocks (ids, weights, values,
their statistics, the same pickling and compression), the same term infos, stored fields
and lengths, through Whoosh's own codec objects. `tests/test_search.py` compares the
segment files of the two byte for byte. Only a new, empty index is written this way; an update
goes through Whoosh's writer (deletions, merges).

Beside the segment it writes each term's document numbers and weights as plain arrays
(`Sidecar`): scoring needs only those, where Whoosh's blocks have to be decompressed and
unpickled whole, positions and all (a quarter of a search at 5 000 lemma's). The file is
named after its segment, so Whoosh deletes it with the segment when a merge replaces it;
segments that Whoosh's writer adds after an update have none and are read from their blocks.
"""

from __future__ import annotations

import marshal
import mmap
import struct
import sys
import warnings
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from whoosh.fields import FieldType
    from whoosh.writing import SegmentWriter

Run = tuple[array, array, list[bytes]]
"""A term's postings so far: docnums, weights (exact, as Whoosh keeps its block maximum) and
encoded values, in docnum order."""

Postings = dict[str, dict[bytes, Run]]
"""Per field name, per term (as bytes): its run."""


def _run() -> Run:
    return array("I"), array("d"), []


class BulkWriter(SegmentWriter):
    """A `SegmentWriter` for a new index that gathers postings per term (see the module).

    `add_document` takes the fields Whoosh's does, without boosts, term vectors or a
    separate spelling field (this schema has none; `__init__` refuses a schema that has).
    `append` adds another `BulkWriter`'s postings, for a half analysed elsewhere."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        for name, field in self.schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"BulkWriter: field {name!r} needs Whoosh's own writer")
        self.postings: Postings = defaultdict(dict)
        self.sidecar: SidecarWriter | None = None
        """Filled while the postings are written, saved once the segment is assembled."""

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        schema = self.schema
        perdoc = self.perdocwriter
        docnum = self.docnum
        names = sorted(fields)
        if any(name.startswith("_") for name in names):
            raise ValueError("BulkWriter: boosts and custom stored values are not supported")
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                terms = self.postings[name]
                scorable = field.scorable
                if type(field).index is FieldType.index:  # its terms as UTF-8, in one step
                    items = field.format.word_values(value, field.analyzer, mode="index")
                else:
                    items = field.index(value)
                for term, freq, weight, vbytes in items:
                    if scorable:
                        length += freq
                    tbytes = term if isinstance(term, bytes) else term.encode("utf-8")
                    run = terms.get(tbytes)
                    if run is None:
                        run = terms[tbytes] = _run()
                    run[0].append(docnum)
                    run[1].append(weight)
                    run[2].append(vbytes)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def append(self, postings: Postings, basedoc: int) -> None:
        """Append `postings` of documents numbered from 0 as documents from `basedoc` on
        (their stored fields are added separately, with `write_per_doc`)."""
        shift = basedoc.__add__
        for name, terms in postings.items():
            own = self.postings[name]
            for tbytes, (ids, weights, values) in terms.items():
                run = own.get(tbytes)
                if run is None:
                    run = own[tbytes] = _run()
                run[0].extend(map(shift, ids))
                run[1].extend(weights)
                run[2].extend(values)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        self.sidecar = SidecarWriter()
        try:
            fieldwriter = self.fieldwriter
            count = self.docnum
            # A field without terms gets no number in the term index, as in Whoosh's.
            for name in sorted(n for n, terms in self.postings.items() if terms):
                terms = self.postings[name]
                field = self.schema[name]
                known = [lengths.doc_field_length(d, name) for d in range(count)]
                fieldwriter.start_field(name, field)
                for tbytes in sorted(terms):
                    fieldwriter.start_term(tbytes)
                    run = terms[tbytes]
                    single = array("f", run[1])  # the weights as both files store them
                    _write_run(fieldwriter._postwriter, run, single, known)
                    fieldwriter.finish_term()
                    self.sidecar.add(name, tbytes, run[0], single)
                fieldwriter.finish_field()
            fieldwriter.close()
        finally:
            lengths.close()

    def _assemble_segment(self) -> None:
        # After the compound file is made: the side-car stays a file of its own, to be mapped.
        super()._assemble_segment()
        segment = self.get_segment()
        if self.sidecar is not None:
            self.sidecar.save(self.storage, segment.make_filename(SIDECAR),
                              segment.doc_count_all())


def _write_run(writer: Any, run: Run, single: array, lengths: list[int]) -> None:
    """One term's postings through Whoosh's posting writer, a block at a time: the blocks,
    statistics and bytes its `add_posting` makes one posting at a time (`single`: the
    weights as 32-bit floats). The last block is left buffered, for `finish_postings` to
    write as the last."""
    ids, weights, values = run
    limit = writer._blocklimit
    total = len(ids)
    for start in range(0, total, limit):
        end = min(start + limit, total)
        block = ids[start:end]
        writer._ids = block
        writer._weights = single[start:end]
        writer._values = [v for v in values[start:end] if v]
        writer._maxweight = max(0, max(weights[start:end]))
        found = [n for n in map(lengths.__getitem__, block) if n]
        writer._minlength = min(found) if found else None
        writer._maxlength = max(found) if found else 0
        if end < total:
            writer._write_block()


SIDECAR = ".lxp"
"""Extension of a segment's side-car file (see the module)."""
_MAGIC = b"LXP1"
_HEADER = struct.Struct("<4sQ")


class SidecarWriter:
    """Gathers each term's document numbers and weights (as Whoosh stores them: 32-bit floats)
    for one segment, written as [magic, table length, table, arrays]."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, bytes], tuple[int, int]] = {}
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, fieldname: str, tbytes: bytes, ids: array, single: array) -> None:
        self.table[fieldname, tbytes] = (self.size, len(ids))
        for chunk in (ids.tobytes(), single.tobytes()):
            self.chunks.append(chunk)
            self.size += len(chunk)

    def save(self, storage: Any, name: str, documents: int) -> None:
        table = marshal.dumps((sys.byteorder, documents, self.table))
        out = storage.create_file(name)
        try:
            out.write(_HEADER.pack(_MAGIC, len(table)))
            out.write(table)
            for chunk in self.chunks:
                out.write(chunk)
        finally:
            out.close()


class Sidecar:
    """A segment's side-car, mapped read-only: a term's document numbers and weights as
    arrays. `open` gives None when the segment has none or it does not fit the segment
    (another machine's byte order, another document count, a damaged file): the caller then
    reads Whoosh's blocks."""

    def __init__(self, mapped: mmap.mmap, start: int,
                 table: dict[tuple[str, bytes], tuple[int, int]]) -> None:
        self.mapped = mapped
        self.start = start
        self.table = table

    @classmethod
    def open(cls, folder: Path, segment: Any) -> Sidecar | None:
        path = folder / segment.make_filename(SIDECAR)
        try:
            with path.open("rb") as f:
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        try:
            magic, length = _HEADER.unpack_from(mapped, 0)
            order, documents, table = marshal.loads(mapped[_HEADER.size:_HEADER.size + length])
            if magic != _MAGIC or order != sys.byteorder or \
                    documents != segment.doc_count_all() or not isinstance(table, dict) or \
                    8 * sum(count for _, count in table.values()) != \
                    len(mapped) - _HEADER.size - length:
                raise ValueError(path)
        except (struct.error, ValueError, EOFError, TypeError):
            mapped.close()
            return None
        return cls(mapped, _HEADER.size + length, table)

    def get(self, fieldname: str, tbytes: bytes
            ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]] | None:
        """The term's document numbers and weights (as doubles), None if it has none here:
        copies, so that the file can be closed while they are in use."""
        found = self.table.get((fieldname, tbytes))
        if found is None:
            return None
        offset, count = found
        at = self.start + offset
        ids = np.frombuffer(self.mapped, dtype=np.uintc, count=count,
                            offset=at).astype(np.intp)
        weights = np.frombuffer(self.mapped, dtype=np.float32, count=count,
                                offset=at + 4 * count).astype(np.float64)
        return ids, weights

    def close(self) -> None:
        self.mapped.close()
