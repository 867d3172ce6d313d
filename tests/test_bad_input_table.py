"""The table of bad input (``chapters/_bad_input.md``, in the appendix "Reproducing and
extending this book") is complete and true.

**Rows** come from the fragment's pipe table: file, problem, message (one code span), test (one
code span naming a test function). In a row's message ``…`` stands for any text.

**Templates** are what the helpers can say, collected with :mod:`ast` from ``src/helpers/*.py``.
A *message expression* is one of:

1. the argument of ``X.append(…)`` or ``X.extend(…)``, or the value in ``X = …``, ``X: T = …``
   or ``X += …``, where the name ``X`` ends in ``problems``;
2. the value of a ``return`` in a *problem function*: a function of the helpers whose name ends
   in ``_problem`` or ``_problems``, or that is called by name inside an expression of rule 1
   (as ``unknown_keys`` is);
3. the list given to the call in a ``raise`` (``raise CorpusError([(path, "…")])``).

Inside a message expression, the messages are: a string literal or f-string itself; the messages
of each element of a list, list comprehension or generator; of the second item of a two-item
tuple (a ``(file, message)`` pair); of both branches of ``a if c else b`` and both sides of
``a + b``. Anything else (a name, a call) holds no message: its strings are collected where they
are made. A template is rendered with ``…`` for each placeholder, ``'…'`` for a ``!r`` one.

False positives are dropped by one rule: a template with no letter outside its placeholders
(``f"{where}: {problem}"``) only puts a row's name before another template's message.

**Matching**: a row matches a template when the row's message, read as a pattern, matches the
whole rendered template, or the template without a leading ``…: `` (the row or place that a
message starts with, which the table leaves out).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from helpers import paths

ROOT = paths.project_root()
TABLE = ROOT / "chapters" / "_bad_input.md"
HELPERS = ROOT / "src" / "helpers"
TESTS = ROOT / "tests"
PLACEHOLDER = "…"
WHERE = PLACEHOLDER + ": "
MESSAGE_LISTS = re.compile(r"problems$")
PROBLEM_FUNCTIONS = re.compile(r"_problems?$")


class Row(NamedTuple):
    """One row of the table."""

    file: str
    problem: str
    message: str
    test: str


class Template(NamedTuple):
    """A message the helpers can give, rendered, and where it is made."""

    text: str
    where: str


# --- the table ---------------------------------------------------------------------------------


def split_cells(line: str) -> list[str]:
    """The cells of one pipe-table line, with ``\\|`` read as a ``|`` inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def code_span(cell: str) -> str:
    """The text of a cell that is exactly one code span."""
    match = re.fullmatch(r"`([^`]+)`", cell)
    assert match, f"not one code span: {cell!r}"
    return match.group(1)


@cache
def table_rows() -> tuple[Row, ...]:
    """The body rows of the one table in the fragment."""
    text = TABLE.read_text(encoding="utf-8")
    [body] = re.findall(r"^:::\{table\}.*?\n\n(.*?)\n:::$", text, flags=re.M | re.S)
    header, divider, *lines = body.splitlines()
    assert split_cells(header) == ["file", "problem", "message", "test"]
    assert set(divider) <= set("|:- ")
    rows = []
    for line in lines:
        file, problem, message, test = split_cells(line)
        rows.append(Row(file, problem, code_span(message), code_span(test)))
    return tuple(rows)


def has_letter(text: str) -> bool:
    """Whether ``text`` has a letter outside its placeholders."""
    return re.search(r"[^\W\d_]", text.replace(PLACEHOLDER, "")) is not None


def fragment(message: str) -> str:
    """The longest literal piece of a row's message between placeholders, without the quotes,
    spaces and punctuation that border it."""
    pieces = [piece.strip(" '\"(),.:;") for piece in message.split(PLACEHOLDER)]
    return max(pieces, key=len)


def row_pattern(message: str) -> re.Pattern[str]:
    """A row's message as a pattern: literal text, with ``…`` standing for any text."""
    return re.compile(".+".join(re.escape(piece) for piece in message.split(PLACEHOLDER)))


def matches(row: Row, template: Template) -> bool:
    """Whether the row's message is the template (with or without its leading ``…: ``)."""
    pattern = row_pattern(row.message)
    texts = {template.text, template.text.removeprefix(WHERE)}
    return any(pattern.fullmatch(text) for text in texts)


# --- string literals ---------------------------------------------------------------------------


def is_string(node: ast.AST) -> bool:
    """A string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def render(node: ast.Constant | ast.JoinedStr) -> str:
    """A string literal as written; an f-string with ``…`` (``'…'`` for ``!r``) for each
    placeholder."""
    if isinstance(node, ast.Constant):
        return node.value
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append(part.value)
        else:
            quote = "'" if part.conversion == ord("r") else ""
            parts.append(quote + PLACEHOLDER + quote)
    return "".join(parts)


def literals(tree: ast.AST) -> list[str]:
    """Every string literal and f-string under ``tree``, rendered.

    The f-strings inside an f-string are parts of it and are not listed on their own."""
    inner = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in ast.walk(node)
        if part is not node
    }
    return [render(node) for node in ast.walk(tree) if is_string(node) and id(node) not in inner]


@cache
def parsed(path: Path) -> ast.Module:
    """A source file's syntax tree."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def helper_files() -> list[Path]:
    """The helper package's modules."""
    return sorted(HELPERS.glob("*.py"))


@cache
def helper_literals() -> tuple[str, ...]:
    """Every string literal in the helper package, rendered."""
    return tuple(text for path in helper_files() for text in literals(parsed(path)))


@cache
def defined_tests() -> dict[str, list[ast.FunctionDef]]:
    """Every module-level test function in ``tests/*.py``, by name."""
    found: dict[str, list[ast.FunctionDef]] = {}
    for path in sorted(TESTS.glob("*.py")):
        for node in parsed(path).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                found.setdefault(node.name, []).append(node)
    return found


# --- the helpers' messages ---------------------------------------------------------------------


def messages(node: ast.AST | None) -> Iterator[ast.Constant | ast.JoinedStr]:
    """The messages in a message expression (see the module's docstring)."""
    if node is None:
        return
    if is_string(node):
        yield node
    elif isinstance(node, ast.List):
        for element in node.elts:
            yield from messages(element)
    elif isinstance(node, ast.ListComp | ast.GeneratorExp):
        yield from messages(node.elt)
    elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
        yield from messages(node.elts[1])
    elif isinstance(node, ast.IfExp):
        yield from messages(node.body)
        yield from messages(node.orelse)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from messages(node.left)
        yield from messages(node.right)


def is_message_list(node: ast.AST) -> bool:
    """A name that ends in ``problems``."""
    return isinstance(node, ast.Name) and MESSAGE_LISTS.search(node.id) is not None


def added_to_problems(node: ast.AST) -> list[ast.AST]:
    """The message expressions of rule 1 that ``node`` is, if any."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("append", "extend") and is_message_list(node.func.value):
            return list(node.args)
    if isinstance(node, ast.Assign) and any(is_message_list(t) for t in node.targets):
        return [node.value]
    if isinstance(node, ast.AugAssign | ast.AnnAssign) and is_message_list(node.target):
        return [node.value] if node.value is not None else []
    return []


def raised(node: ast.AST) -> list[ast.AST]:
    """The message expression of rule 3 that ``node`` is, if any."""
    if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
        first = node.exc.args[0]
        return [first] if isinstance(first, ast.List | ast.ListComp) else []
    return []


def called_names(nodes: list[ast.AST]) -> set[str]:
    """The names of the functions called by name anywhere inside ``nodes``."""
    return {
        call.func.id
        for node in nodes
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
    }


def returned(node: ast.AST) -> list[ast.AST]:
    """The values a function returns (rule 2), not those of functions defined inside it."""
    values = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Return) and child.value is not None:
            values.append(child.value)
        elif not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            values += returned(child)
    return values


@cache
def templates() -> tuple[Template, ...]:
    """Every message template the helpers can give (see the module's docstring)."""
    expressions: list[tuple[Path, ast.AST]] = []
    functions: list[tuple[Path, ast.FunctionDef]] = []
    for path in helper_files():
        for node in ast.walk(parsed(path)):
            expressions += [(path, e) for e in added_to_problems(node) + raised(node)]
            if isinstance(node, ast.FunctionDef):
                functions.append((path, node))
    sources = called_names([e for _, e in expressions])
    expressions += [
        (path, value)
        for path, function in functions
        if PROBLEM_FUNCTIONS.search(function.name) or function.name in sources
        for value in returned(function)
    ]
    found = {
        Template(render(message), f"{path.name}:{message.lineno}")
        for path, expression in expressions
        for message in messages(expression)
    }
    return tuple(sorted(template for template in found if has_letter(template.text)))


# --- the tests ---------------------------------------------------------------------------------


def test_the_table_has_one_row_per_problem_grouped_by_file():
    rows = table_rows()
    assert len(rows) == len(set(rows)) > 0
    order = list(dict.fromkeys(row.file for row in rows))
    assert [row.file for row in rows] == sorted((row.file for row in rows), key=order.index)
    assert all(row.file and row.problem for row in rows)


def test_every_file_the_table_names_exists():
    named = {name for row in table_rows() for name in re.findall(r"`([^`]+)`", row.file)}
    assert named
    assert [
        n for n in sorted(named) if not (ROOT / n).is_file() and not (ROOT / "data" / n).is_file()
    ] == []


def test_every_row_names_a_test_that_asserts_its_message():
    functions = defined_tests()
    missing = sorted({row.test for row in table_rows() if row.test not in functions})
    assert missing == [], "tests named in the table but not found in tests/*.py"
    unchecked = [
        (row.test, fragment(row.message))
        for row in table_rows()
        if not any(
            fragment(row.message) in text
            for function in functions[row.test]
            for text in literals(function)
        )
    ]
    assert unchecked == [], "tests that do not assert their row's message"


def test_every_row_gives_a_message_the_helpers_give():
    assert all(has_letter(fragment(row.message)) for row in table_rows())
    absent = [
        row.message
        for row in table_rows()
        if not any(fragment(row.message) in text for text in helper_literals())
    ]
    assert absent == [], "messages with text that is not in src/helpers"
    unmatched = [
        row.message for row in table_rows() if not any(matches(row, t) for t in templates())
    ]
    assert unmatched == [], "messages the helpers cannot give"


def test_every_message_the_helpers_give_has_a_row():
    missing = [t for t in templates() if not any(matches(row, t) for row in table_rows())]
    assert missing == [], "messages with no row in chapters/_bad_input.md"


def defines_an_input_error(module: ast.Module) -> bool:
    """Whether the module defines ``InputError`` or a class based on it."""
    return any(
        isinstance(node, ast.ClassDef)
        and (node.name == "InputError" or any(ast.unparse(b) == "InputError" for b in node.bases))
        for node in module.body
    )


def test_every_module_with_an_input_error_gives_messages():
    """The collection rules find messages in every module that defines an input error."""
    modules = {path.name for path in helper_files() if defines_an_input_error(parsed(path))}
    found = {template.where.split(":")[0] for template in templates()}
    assert modules and modules <= found
