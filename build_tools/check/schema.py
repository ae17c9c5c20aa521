"""Validate documents against the JSON Schemas, with messages a contributor can act on.

The schemas in ``schemas/`` are the same files editors use for completion (through the
``# yaml-language-server: $schema=...`` line that starts every file); jsonschema's errors
are translated into our diagnostics, placed on the offending key or value.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from typing import TYPE_CHECKING

import fastjsonschema

from ..ids import did_you_mean
from .yamlfile import Document

if TYPE_CHECKING:  # jsonschema is imported when a document fails the compiled check: most commands never need it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["SCHEMA_DIR", "KINDS", "schema_file", "validate", "enum_values"]

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
KINDS = ("debate", "claim", "evidence", "argument")
_NOUN = {"debate": "debate.yaml", "claim": "a claim", "evidence": "a piece of evidence", "argument": "an argument"}


def schema_file(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@cache
def _validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    resources = []
    for name in (*KINDS, "common"):
        contents = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
        resources.append((f"{name}.schema.json", Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = json.loads(schema_file(kind).read_text("utf-8"))
    return Draft202012Validator(schema, registry=registry)


def enum_values(kind: str, *path: str) -> list[str]:
    """The allowed values of an enumerated field, e.g. ``enum_values("claim", "role")``."""
    schema = json.loads(schema_file(kind).read_text("utf-8"))
    for key in path:
        schema = schema["properties"][key]
    return list(schema["enum"])


@cache
def _valid(kind: str):
    """A compiled check (fastjsonschema) that a document of ``kind`` is valid, for the common case.

    fastjsonschema knows drafts up to 7, where keywords beside a ``$ref`` are ignored; the schema is
    given to it with every ``$ref`` replaced by what it names (combined with its siblings by ``allOf``),
    which means the same in every draft.
    """
    schemas = {f"{name}.schema.json": json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
               for name in (*KINDS, "common")}
    name = f"{kind}.schema.json"
    inlined = _inline(schemas[name], name, schemas, 0)
    inlined["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(inlined, use_default=False, use_formats=False, detailed_exceptions=False)


def _inline(node, base: str, schemas: dict, depth: int):
    if depth > 64:
        raise ValueError(f"{base}: the schema's references go in a circle")
    if isinstance(node, list):
        return [_inline(item, base, schemas, depth) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {k: _inline(v, base, schemas, depth) for k, v in node.items() if k not in ("$ref", "$defs", "$schema", "$id")}
    if "$ref" not in node:
        return rest
    file, _, pointer = node["$ref"].partition("#")
    target_base = file or base
    target = schemas[target_base]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved = _inline(target, target_base, schemas, depth + 1)
    checks = {k: v for k, v in rest.items() if k not in ("description", "title", "examples", "default")}
    return {"allOf": [resolved, checks]} if checks else resolved


def validate(doc: Document, kind: str) -> bool:
    """Add a diagnostic to ``doc`` for each schema violation; True when there was none."""
    try:
        _valid(kind)(doc.data)
        return True
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema says what is wrong, and where
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        _report(doc, kind, error)
    return not errors


def _report(doc: Document, kind: str, error: ValidationError) -> None:
    path = tuple(error.absolute_path)
    where = _field_name(path, kind)
    handler = _HANDLERS.get(error.validator, _generic)
    handler(doc, kind, error, path, where)


def _field_name(path: tuple, kind: str) -> str:
    if not path:
        return _NOUN[kind]
    parts = [str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path]
    return "'" + ".".join(parts).replace(".[", "[") + "'"


def _additional(doc, kind, error, path, where):
    allowed = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key not in allowed:
            doc.error(
                "unknown-key",
                f"unknown key '{key}' in {where}{did_you_mean(key, allowed)} (allowed: {', '.join(allowed)})",
                doc.position(path + (key,), key=True),
            )


def _required(doc, kind, error, path, where):
    for key in error.validator_value:
        if key not in error.instance:
            doc.error("missing-key", f"{where} needs the key '{key}'", doc.position(path))


def _enum(doc, kind, error, path, where):
    allowed = [str(v) for v in error.validator_value]
    shown = error.instance if isinstance(error.instance, str) else json.dumps(error.instance)
    doc.error(
        "bad-value",
        f"{where} cannot be '{shown}'{did_you_mean(str(error.instance), allowed)} (allowed: {', '.join(allowed)})",
        doc.position(path),
    )


_YAML_TYPE = {bool: "a boolean", int: "a number", float: "a number", type(None): "empty",
              str: "text", list: "a list", dict: "a mapping"}
_JSON_TYPE = {"string": "text", "array": "a list", "object": "a mapping", "boolean": "true or false",
              "integer": "a whole number", "number": "a number"}


def _type(doc, kind, error, path, where):
    expected = error.validator_value
    wanted = _JSON_TYPE.get(expected, expected) if isinstance(expected, str) else " or ".join(expected)
    got = _YAML_TYPE.get(type(error.instance), type(error.instance).__name__)
    if error.instance is None:
        message = f"{where} is empty: it needs {wanted}"
    elif expected == "string" and isinstance(error.instance, (bool, int, float)):
        message = f"{where} must be text, but YAML reads {error.instance!r} as {got}: put it in quotes"
    else:
        message = f"{where} must be {wanted}, not {got}"
    doc.error("wrong-type", message, doc.position(path))


def _pattern(doc, kind, error, path, where):
    hint = error.schema.get("x-hint", f"it must match {error.validator_value}")
    doc.error("bad-value", f"{where} cannot be '{error.instance}': {hint}", doc.position(path))


def _min_length(doc, kind, error, path, where):
    doc.error("bad-value", f"{where} is empty: write some text", doc.position(path))


def _max_length(doc, kind, error, path, where):
    doc.error("bad-value", f"{where} is longer than {error.validator_value} characters", doc.position(path))


def _unique(doc, kind, error, path, where):
    seen: set = set()
    for i, item in enumerate(error.instance):
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            doc.error("duplicate-item", f"{where} lists {json.dumps(item)} twice: keep one", doc.position(path + (i,)))
        seen.add(key)


def _min_items(doc, kind, error, path, where):
    doc.error("bad-value", f"{where} needs at least {error.validator_value} item(s)", doc.position(path))


def _minimum(doc, kind, error, path, where):
    doc.error("bad-value", f"{where} must be at least {error.validator_value}", doc.position(path))


def _maximum(doc, kind, error, path, where):
    doc.error("bad-value", f"{where} must be at most {error.validator_value}", doc.position(path))


def _any_of(doc, kind, error, path, where):
    """Report the branch meant by the value's own type (an id string, or a mapping)."""
    same_type = [e for e in error.context if (e.validator != "type" or e.relative_path)
                 and not (e.validator == "enum" and not e.relative_path and not isinstance(error.instance, str))]
    if same_type:
        for sub in same_type:
            _report(doc, kind, sub)
        return
    expected = error.schema.get("x-expected", "one of the documented forms")
    got = _YAML_TYPE.get(type(error.instance), type(error.instance).__name__)
    doc.error("wrong-type", f"{where} cannot be {got}: it must be {expected}", doc.position(path))


def _generic(doc, kind, error, path, where):
    doc.error("schema", f"{where}: {error.message}", doc.position(path))


_HANDLERS = {
    "additionalProperties": _additional,
    "required": _required,
    "enum": _enum,
    "type": _type,
    "pattern": _pattern,
    "minLength": _min_length,
    "maxLength": _max_length,
    "uniqueItems": _unique,
    "minItems": _min_items,
    "minimum": _minimum,
    "maximum": _maximum,
    "anyOf": _any_of,
}
