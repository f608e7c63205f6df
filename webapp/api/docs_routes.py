"""``/api/v1/docs``: the OpenAPI document as a page people read – no script, nothing from elsewhere (the
Content-Security-Policy and the offline rule hold), phone-width like every page."""

from __future__ import annotations

from typing import Any

import flask
from flask import current_app, render_template

from webapp.api.routes import OPEN_ENDPOINTS, bp

METHODS = ("get", "post", "put", "patch", "delete")


def _resolved(node: Any, spec: dict, depth: int = 0) -> Any:
    """``node`` with every ``$ref`` to a component replaced by the component (nested schemas a few levels deep)."""
    if depth > 6:
        return node
    if isinstance(node, dict):
        if "$ref" in node:
            _hash, _components, kind, name = node["$ref"].split("/")
            return _resolved(spec["components"][kind][name], spec, depth + 1)
        return {key: _resolved(value, spec, depth + 1) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolved(value, spec, depth + 1) for value in node]
    return node


def _kind(schema: dict) -> str:
    """A field's type in a few words: "string (A1, A2 …)", "integer 1–48", "list of string"."""
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(k for k in kind if k != "null")
    if kind == "array":
        return f"Liste von {_kind(schema.get('items', {}))}"
    limits = [f"{schema[a]}–{schema[b]}" for a, b in (("minimum", "maximum"), ("minLength", "maxLength")) if a in schema and b in schema]
    if "format" in schema:
        kind = f"{kind} ({schema['format']})"
    return " ".join([kind, *limits])


def _fields(schema: dict) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [
        {"name": name, "kind": _kind(field), "required": name in required, "description": field.get("description", "")}
        for name, field in schema.get("properties", {}).items()
        if not field.get("readOnly")
    ]


def operations(spec: dict) -> list[dict[str, Any]]:
    """Every operation of the document, in path order, as the page lists it."""
    out = []
    for path, item in sorted(spec["paths"].items()):
        for method in METHODS:
            if method not in item:
                continue
            op = _resolved(item[method], spec)
            parameters = [*_resolved(item.get("parameters", []), spec), *op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "kind": _kind(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in parameters
                    ],
                    "body": _fields(body) if body else [],
                    "responses": [(code, answer.get("description", "")) for code, answer in op.get("responses", {}).items()],
                }
            )
    return out


def docs():
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    spec = api.spec.to_dict()
    return render_template("api/docs.html", info=spec["info"], operations=operations(spec))


# A plain Flask route on the API's blueprint: a page about the document, not an operation of it.
flask.Blueprint.add_url_rule(bp, "/docs", "docs", docs)
OPEN_ENDPOINTS.add("api.docs")
