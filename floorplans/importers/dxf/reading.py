"""Reading only the part of a DXF drawing the import uses: the modelspace entities it sorts and the blocks it outlines.

Why: a CAD plan is mostly furniture (thousands of lines, arcs and ellipses on
layers the import never looks at, and large furniture blocks). ezdxf turns
every entity into an object; converting and binding those the import drops
anyway took most of the reading time. The raw tags are filtered before ezdxf
compiles them (``Drawing.load`` takes a tag stream): an entity group of the
ENTITIES section is kept when ``keep_entity(type, layer)`` says so (its
VERTEX, ATTRIB and SEQEND follow their owner), and a block's entities are kept
only for blocks some kept insert needs outlined (``outline_block(block,
layer)``, nested blocks included) and for the special ``*`` blocks. The
structure (sections, BLOCK/ENDBLK, tables, objects) stays whole, so ezdxf
checks the file as strictly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["read_used"]

_FOLLOWERS = frozenset({"VERTEX", "ATTRIB", "SEQEND"})


def read_used(filename: str, keep_entity: Callable[[str, str], bool], outline_block: Callable[[str, str], bool]) -> Any:
    """The ezdxf document holding the modelspace entities ``keep_entity`` keeps and the blocks kept inserts need.

    A binary DXF is read whole (ezdxf.readfile). Raises what ezdxf.readfile raises for a file that is not a DXF.
    """
    import ezdxf
    from ezdxf.document import Drawing
    from ezdxf.filemanagement import dxf_file_info
    from ezdxf.lldxf.validator import is_binary_dxf_file, is_dxf_file

    if is_binary_dxf_file(filename):
        return ezdxf.readfile(filename)
    if not is_dxf_file(filename):
        raise OSError(f"File '{filename}' is not a DXF file.")
    info = dxf_file_info(filename)
    with open(filename, encoding=info.encoding, errors="surrogateescape") as fp:
        tags = _Tags.of(fp.read())
    doc = Drawing.load(tags.filtered(keep_entity, outline_block))
    doc.filename = filename
    return doc


class _Tags:
    """A DXF text as its group codes and values, with the (start, end) of each structure group (a (0, TYPE) tag and the tags up to the next).

    Read as ezdxf's ``ascii_tags_loader`` reads (comments skipped, nothing after EOF, a bad group code an error
    naming its line), but in bulk: only the tags kept become ``DXFTag`` objects.
    """

    def __init__(self, codes: list[int], values: list[str]) -> None:
        self.codes, self.values = codes, values
        starts = [i for i, c in enumerate(codes) if c == 0]
        if codes and (not starts or starts[0] != 0):
            starts.insert(0, 0)  # tags before the first structure tag: passed on for ezdxf to judge
        self.groups = list(zip(starts, [*starts[1:], len(codes)], strict=True))

    @classmethod
    def of(cls, text: str) -> _Tags:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the file's last newline
        raw_codes, values = lines[0::2], lines[1::2]
        del raw_codes[len(values):]  # a group code without its value ends the file
        end = next((i + 1 for i, v in enumerate(values) if v == "EOF" and _is_int(raw_codes[i]) and int(raw_codes[i]) == 0),
                   len(values))  # nothing after EOF is read
        try:
            codes = [int(c) for c in raw_codes[:end]]
        except ValueError:
            from ezdxf.lldxf.const import DXFStructureError

            bad = next(n for n, c in enumerate(raw_codes) if not _is_int(c))
            raise DXFStructureError(f'Invalid group code "{raw_codes[bad]}" at line {2 * bad + 1}.') from None
        kept = [i for i in range(end) if codes[i] != 999]
        if len(kept) < end:
            return cls([codes[i] for i in kept], [values[i] for i in kept])
        return cls(codes[:end], values[:end])

    def value(self, group: tuple[int, int], code: int, default: str = "") -> str:
        """The group's first value of this group code (after its type)."""
        start, end = group
        try:
            return self.values[self.codes.index(code, start + 1, end)]
        except ValueError:
            return default

    def sections(self) -> Iterator[tuple[str, str, tuple[int, int]]]:
        """Each group with the section it lies in and its type."""
        section = ""
        for group in self.groups:
            head = self.values[group[0]]
            if head == "SECTION":
                section = self.value(group, 2)
            yield section, head, group
            if head == "ENDSEC":
                section = ""

    def needed_blocks(self, keep_entity: Callable[[str, str], bool], outline_block: Callable[[str, str], bool]) -> set[str]:
        """The blocks whose outline the import works out, and the blocks nested in them."""
        inner: dict[str, set[str]] = {}
        wanted: list[str] = []
        block = ""
        for section, head, group in self.sections():
            if section == "BLOCKS":
                if head == "BLOCK":
                    block = self.value(group, 2)
                    inner.setdefault(block, set())
                elif head == "INSERT" and block:
                    inner[block].add(self.value(group, 2))
            elif section == "ENTITIES" and head == "INSERT":
                layer = self.value(group, 8, "0")
                if keep_entity(head, layer) and outline_block(self.value(group, 2), layer):
                    wanted.append(self.value(group, 2))
        needed: set[str] = set()
        while wanted:
            name = wanted.pop()
            if name not in needed:
                needed.add(name)
                wanted += inner.get(name, ())
        return needed

    def filtered(self, keep_entity: Callable[[str, str], bool], outline_block: Callable[[str, str], bool]) -> Iterator[Any]:
        """The kept tags as ezdxf's raw ``DXFTag`` stream."""
        from ezdxf.lldxf.types import DXFTag

        needed = self.needed_blocks(keep_entity, outline_block)
        codes, values = self.codes, self.values
        keep_block = keeping = True
        for section, head, (start, end) in self.sections():
            if section == "ENTITIES" and head not in ("SECTION", "ENDSEC"):
                if head not in _FOLLOWERS:
                    keeping = keep_entity(head, self.value((start, end), 8, "0"))
                if not keeping:
                    continue
            elif section == "BLOCKS":
                if head == "BLOCK":
                    name = self.value((start, end), 2)
                    keep_block = name.startswith("*") or name in needed
                elif head not in ("ENDBLK", "SECTION", "ENDSEC") and not keep_block:
                    continue
            for i in range(start, end):
                yield DXFTag(codes[i], values[i])


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True
