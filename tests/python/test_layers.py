"""The layer rule of docs/architecture.md, enforced: every `#include "..."` of a file under
src/ names a file of its own layer or of a lower one. The layers are read from the table in
docs/architecture.md ("Layers", lowest first), so the document and the check cannot drift
apart. Tests (`*_test.cc`) follow the rule too, except that they may use test helpers."""
import pathlib
import re

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
SRC = SOURCE_DIR / "src"


def layers():
    """The layer folders in order, lowest first, from the architecture document."""
    text = (SOURCE_DIR / "docs" / "architecture.md").read_text()
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"^\| *\d+ *\| *`([^`]+)` *\|", section, flags=re.M)
    assert names, "docs/architecture.md has no layer table under '## Layers'"
    return names


def layer_of(relative, order):
    """The most specific layer folder holding `relative` (a path under src/)."""
    best = None
    for name in order:
        folder = name.rstrip("/")
        if folder == "main.cc" and relative == "main.cc":
            return name
        if relative.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = name
    return best


def includes(path):
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
        if m:
            yield number, m.group(1)


def test_every_source_file_belongs_to_a_layer():
    order = layers()
    orphans = [str(p.relative_to(SRC)) for p in SRC.rglob("*")
               if p.suffix in (".h", ".cc") and layer_of(str(p.relative_to(SRC)), order) is None]
    assert not orphans, f"files outside every layer of docs/architecture.md: {orphans}"


def upward_includes(src, order):
    """Every include under `src` that names a file of a higher layer, as readable lines."""
    rank = {name: i for i, name in enumerate(order)}
    found = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc"):
            continue
        relative = str(path.relative_to(src))
        mine = layer_of(relative, order)
        for number, target in includes(path):
            if not (src / target).exists():
                continue  # a test helper from tests/ or a system header in quotes
            theirs = layer_of(target, order)
            if rank[theirs] > rank[mine]:
                found.append(f"src/{relative}:{number}: {mine} includes {target} ({theirs})")
    return found


def test_no_include_points_up():
    violations = upward_includes(SRC, layers())
    assert not violations, "includes against the layer order:\n" + "\n".join(violations)


def test_the_check_sees_an_upward_include(tmp_path):
    # The rule must be able to fail: a core file including a stage is reported, the stage
    # including core is not.
    (tmp_path / "core").mkdir()
    (tmp_path / "stages").mkdir()
    (tmp_path / "core" / "status.h").write_text('#include "stages/preprocess.h"\n')
    (tmp_path / "stages" / "preprocess.h").write_text('#include "core/status.h"\n')
    assert upward_includes(tmp_path, layers()) == [
        "src/core/status.h:1: core includes stages/preprocess.h (stages)"]
    assert layer_of("core/json/json_writer.h", layers()) == "core/json"
    assert layer_of("sources/parquet/footer.h", layers()) == "sources"
