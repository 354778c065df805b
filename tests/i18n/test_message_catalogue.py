"""Everything the API can say to a person has German words.

The code raises problems in English (``invalid``, ``Problem``, ``Conflict``,
``NotFound``, ``ValueError`` in validators …); the English text is the message's id in
``kokoma/i18n/locales/messages.de.json``. This test reads the source, collects every
message those calls can carry — literals, f-strings (their values become
placeholders), constants, and arguments handed through helper functions — and fails
for any without a German translation. It also derives the Pydantic error types the
request schemas can produce from the OpenAPI document and asks for each of them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kokoma
from kokoma.app import create_app
from kokoma.i18n import messages

PACKAGE = Path(kokoma.__file__).parent
# Operators' console and start-up checks speak English; nobody reads them in the UI.
NOT_FOR_READERS = ("cli/", "settings.py", "db.py", "migrate.py", "demo/")

# Call → (where the message is: position, keyword) and how the call words it.
RAISERS: dict[str, tuple[int, str, str]] = {
    "invalid": (1, "message", "{}"),
    "Problem": (1, "detail", "{}"),
    "Conflict": (0, "detail", "{}"),
    "Forbidden": (0, "detail", "{}"),
    "Unauthorized": (0, "detail", "{}"),
    "NotFound": (0, "what", "{} not found."),
    "problem_response": (1, "detail", "{}"),
    "ValueError": (0, "", "{}"),
    "TargetRefused": (0, "", "{}"),
    "PydanticCustomError": (1, "", "{}"),
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _normal(text: str) -> str:
    return _PLACEHOLDER.sub("{}", text)


@dataclass
class Module:
    path: str
    tree: ast.Module
    parents: dict[ast.AST, ast.AST]


def _modules() -> list[Module]:
    found = []
    for file in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(file.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        found.append(Module(file.relative_to(PACKAGE).as_posix(), tree, parents))
    return found


def _name_of(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for given in call.keywords:
        if keyword and given.arg == keyword:
            return given.value
    return call.args[position] if position < len(call.args) else None


def _assigned(statement: ast.Assign | ast.AnnAssign, name: str) -> list[list[ast.expr]]:
    """What ``statement`` may bind to ``name`` (``a, b = (x, y) if … else (z, w)`` too)."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    value = statement.value
    if value is None:
        return []
    for target in targets:
        if isinstance(target, ast.Name) and target.id == name:
            return [[value]]
        if isinstance(target, ast.Tuple):
            for index, element in enumerate(target.elts):
                if isinstance(element, ast.Name) and element.id == name:
                    options = (
                        [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                    )
                    return [[o.elts[index] for o in options if isinstance(o, ast.Tuple)]]
    return []


class Collector:
    """Resolves message expressions to their possible texts (``{}`` for values)."""

    def __init__(self, modules: list[Module]) -> None:
        self.modules = modules
        self.functions: dict[str, list[tuple[Module, ast.FunctionDef | ast.AsyncFunctionDef]]] = {}
        for module in modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.functions.setdefault(node.name, []).append((module, node))
        self.unresolved: list[str] = []
        self._seen: set[tuple[int, str]] = set()

    def _enclosing(self, module: Module, node: ast.AST) -> ast.AST | None:
        while node in module.parents:
            node = module.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def calls_of(self, name: str) -> Iterator[tuple[Module, ast.Call]]:
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call) and _name_of(node) == name:
                    yield module, node

    def texts(self, module: Module, node: ast.expr) -> list[str]:
        key = (id(node), module.path)
        if key in self._seen:
            return []
        self._seen.add(key)
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else []
        if isinstance(node, ast.JoinedStr):
            return [
                "".join(
                    part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
                )
            ]
        if isinstance(node, ast.IfExp):
            return self.texts(module, node.body) + self.texts(module, node.orelse)
        if isinstance(node, ast.Name):
            return self._name(module, node)
        if isinstance(node, ast.Call) and _name_of(node) == "str" and node.args:
            if isinstance(node.args[0], ast.Name):
                return []  # an exception's words, collected where it is raised
        if isinstance(node, ast.Call) and _name_of(node) in self.functions:
            return self._returns(_name_of(node) or "")
        self.unresolved.append(f"{module.path}:{node.lineno} {ast.unparse(node)}")
        return []

    def _returns(self, name: str) -> list[str]:
        found = []
        for module, function in self.functions[name]:
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    found += self.texts(module, node.value)
        return found

    def _name(self, module: Module, node: ast.Name) -> list[str]:
        function = self._enclosing(module, node)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = function.args
            positional = [a.arg for a in arguments.posonlyargs + arguments.args]
            if node.id in positional or node.id in [a.arg for a in arguments.kwonlyargs]:
                return self._passed(function, node.id, positional)
            for statement in ast.walk(function):
                if isinstance(statement, ast.Assign):
                    for value in _assigned(statement, node.id):
                        return self._all(module, value)
        # A constant of this module, else of the module it was imported from.
        for owner in [module, *self.modules]:
            for statement in owner.tree.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign):
                    values = _assigned(statement, node.id)
                    if values:
                        return self._all(owner, values[0])
        self.unresolved.append(f"{module.path}:{node.lineno} {node.id}")
        return []

    def _all(self, module: Module, values: list[ast.expr]) -> list[str]:
        return [text for value in values for text in self.texts(module, value)]

    def _passed(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, name: str, positional: list[str]
    ) -> list[str]:
        """What callers pass for parameter ``name`` of ``function`` (and its default)."""
        found = []
        position = positional.index(name) if name in positional else 10**6
        if positional and positional[0] in ("self", "cls"):
            position -= 1
        for module, call in self.calls_of(function.name):
            if module.path.startswith(NOT_FOR_READERS):
                continue
            argument = _argument(call, position, name)
            if argument is not None:
                found += self.texts(module, argument)
        defaults = function.args.defaults
        offset = len(positional) - len(defaults)
        if name in positional and positional.index(name) >= offset:
            found += self.texts(
                Module("", ast.Module([], []), {}), defaults[positional.index(name) - offset]
            )
        return found


def raised_messages() -> tuple[set[str], list[str]]:
    modules = _modules()
    collector = Collector(modules)
    found: set[str] = set()
    for module in modules:
        if module.path.startswith(NOT_FOR_READERS):
            continue
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef) and node.name in RAISERS:
                # What the problem says when raised without words (``Unauthorized()``).
                wording = RAISERS[node.name][2]
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        for default in item.args.defaults + item.args.kw_defaults:
                            if default is not None:
                                found.update(
                                    wording.format(text)
                                    for text in collector.texts(module, default)
                                )
            if isinstance(node, ast.Dict):
                # Field errors written out: {"field": …, "message": "…", "type": …}
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "message":
                        found.update(collector.texts(module, value))
            if not isinstance(node, ast.Call) or _name_of(node) not in RAISERS:
                continue
            position, keyword, wording = RAISERS[_name_of(node) or ""]
            argument = _argument(node, position, keyword)
            if argument is None:
                continue
            found.update(wording.format(text) for text in collector.texts(module, argument))
    # Where problems are built and translated, messages are parameters by design.
    plumbing = ("errors.py", "i18n/", "logging_setup.py")
    unresolved = [entry for entry in collector.unresolved if not entry.startswith(plumbing)]
    return found, unresolved


def test_every_message_the_code_raises_has_german_words():
    found, unresolved = raised_messages()
    assert len(found) > 100  # the scan sees the services, not nothing
    assert "Consent needs the date it was given." in found
    assert "The slug '{}' is already taken." in found
    assert "Case not found." in found
    assert "Not authenticated." in found
    assert "This password is too common; choose another one." in found
    assert not unresolved, (
        "Messages the scan cannot read; pass text (or an f-string) to the raising call: "
        f"{unresolved}"
    )
    german = {_normal(key) for key in messages.catalogue("de")["messages"]}
    missing = sorted(text for text in found if _normal(text) not in german)
    assert not missing, (
        "Add these messages to backend/kokoma/i18n/locales/messages.de.json: " + "\n".join(missing)
    )


def test_translations_use_only_the_values_the_english_message_has():
    for source, target in messages.catalogue("de")["messages"].items():
        assert set(_PLACEHOLDER.findall(target)) <= set(_PLACEHOLDER.findall(source)), source
    for kind, template in messages.catalogue("de")["types"].items():
        assert "{}" not in template, kind


def _schema_error_types(schema: Any, found: set[str]) -> None:
    """The Pydantic error types a value described by ``schema`` can fail with."""
    if isinstance(schema, list):
        for item in schema:
            _schema_error_types(item, found)
        return
    if not isinstance(schema, dict):
        return
    kind, form = schema.get("type"), schema.get("format")
    kind = kind if isinstance(kind, str) else None  # a property called "type" is no keyword
    form = form if isinstance(form, str) else None
    by_keyword = {
        "maxLength": "string_too_long",
        "minLength": "string_too_short",
        "pattern": "string_pattern_mismatch",
        "maxItems": "too_long",
        "minItems": "too_short",
        "minimum": "greater_than_equal",
        "maximum": "less_than_equal",
        "exclusiveMinimum": "greater_than",
        "exclusiveMaximum": "less_than",
        "enum": "enum",
        "const": "literal_error",
        "required": "missing",
    }
    found.update(error for keyword, error in by_keyword.items() if keyword in schema)
    if schema.get("additionalProperties") is False:
        found.add("extra_forbidden")
    found.update(
        {
            "string": {"string_type"},
            "integer": {"int_type", "int_parsing", "int_from_float"},
            "number": {"float_type", "float_parsing"},
            "boolean": {"bool_type", "bool_parsing"},
            "array": {"list_type"},
            "object": {"model_attributes_type", "dict_type"},
        }.get(kind, set())
    )
    found.update(
        {
            "uuid": {"uuid_type", "uuid_parsing"},
            "date": {"date_type", "date_parsing", "date_from_datetime_inexact"},
            "date-time": {"datetime_type", "datetime_parsing", "timezone_aware"},
            "uri": {"url_type", "url_parsing", "url_too_long", "url_scheme"},
        }.get(form, set())
    )
    for value in schema.values():
        _schema_error_types(value, found)


def test_every_validation_error_the_schemas_can_produce_has_german_words():
    document = create_app().openapi()
    found = {"json_invalid", "missing", "extra_forbidden", "string_too_short"}
    _schema_error_types(document["components"]["schemas"], found)
    for path in document["paths"].values():
        for operation in path.values():
            _schema_error_types(operation.get("parameters", []), found)
    types = messages.catalogue("de")["types"]
    missing = sorted(found - set(types))
    assert not missing, f"Add these Pydantic error types to messages.de.json: {missing}"
