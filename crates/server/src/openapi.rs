//! The OpenAPI 3 description of the JSON API, kept as data beside the routes.

use crate::data::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use serde_json::{json, Value};

/// A JSON response described by a short text.
fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

/// The error response body.
fn error(description: &str) -> Value {
    json_response(description, json!({ "$ref": "#/components/schemas/Error" }))
}

/// A `GET /api/<kind>/{id}` operation returning one view.
fn by_id(kind: &str, param: &str, what: &str) -> Value {
    json!({ "get": {
        "summary": format!("One {kind}, by full id or unique id prefix"),
        "parameters": [{ "name": param, "in": "path", "required": true, "schema": { "type": "string" } }],
        "responses": {
            "200": json_response(what, json!({ "type": if kind == "entity" { "array" } else { "object" } })),
            "400": error("ambiguous id prefix"),
            "404": error("nothing has this id"),
        }
    }})
}

/// The OpenAPI document of every `/api` route.
pub(crate) fn document() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "storyline API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories, events, articles and entities linked by storyline. Reads are open; writes need `Authorization: Bearer <token>`."
        },
        "paths": {
            "/api/health": { "get": {
                "summary": "Liveness and article count",
                "responses": { "200": json_response("ok", json!({ "type": "object" })) }
            }},
            "/api/stories": { "get": {
                "summary": "Story summaries in story order, one page at a time; the total is in X-Total-Count",
                "parameters": [
                    { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
                    { "name": "per_page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE } }
                ],
                "responses": {
                    "200": json_response("story summaries", json!({ "type": "array", "items": { "type": "object", "required": ["id", "title"] } })),
                    "400": error("page or per_page out of range"),
                }
            }},
            "/api/stories/{id}": by_id("story", "id", "the story with its timeline"),
            "/api/events/{id}": by_id("event", "id", "the event with its articles and explanations"),
            "/api/articles/{id}": by_id("article", "id", "the analysed article with its links"),
            "/api/entities/{id_or_name}": by_id("entity", "id_or_name", "every entity with this id, name or variant"),
            "/api/articles": { "post": {
                "summary": "Ingest one article, then relink",
                "security": [{ "bearer": [] }],
                "requestBody": { "required": true, "content": {
                    "application/json": { "schema": { "$ref": "#/components/schemas/NewArticle" } },
                    "text/plain": { "schema": { "type": "string" } }
                }},
                "responses": {
                    "200": json_response("already stored", json!({ "type": "object" })),
                    "201": json_response("stored and linked", json!({ "type": "object" })),
                    "400": error("bad JSON or empty body"),
                    "401": error("missing or wrong token"),
                    "413": error("body over the size limit"),
                    "422": json_response("the input was rejected; `rejected` says why", json!({ "type": "object" })),
                }
            }},
            "/api/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": json_response("OpenAPI document", json!({ "type": "object" })) }
            }}
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
                "NewArticle": { "type": "object", "required": ["text"], "additionalProperties": false, "properties": {
                    "text": { "type": "string" },
                    "title": { "type": "string" },
                    "url": { "type": "string" },
                    "outlet": { "type": "string" },
                    "published": { "type": "string", "description": "a date or date-time" }
                }}
            }
        }
    })
}
