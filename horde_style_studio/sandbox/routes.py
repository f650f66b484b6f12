"""The route table: every path lives under ``/api/v2`` so a client's base URL is ``http://host:port/api``."""

from __future__ import annotations

from starlette.routing import Route

from . import accounts, collections_api, examples, generate_api, status, style_reads, style_writes
from .constants import Behaviour, StyleKind

V2 = "/api/v2"


def _style_routes(kind: StyleKind) -> list[Route]:
    base = f"{V2}/styles/{kind}"
    return [
        Route(base, style_reads.list_styles(kind), methods=["GET"]),
        Route(base, style_writes.create_style(kind), methods=["POST"]),
        Route(f"{base}/{{style_id}}", style_reads.get_style(kind), methods=["GET"]),
        Route(f"{base}/{{style_id}}", style_writes.patch_style(kind), methods=["PATCH"]),
        Route(f"{base}/{{style_id}}", style_writes.delete_style(), methods=["DELETE"]),
        Route(
            f"{V2}/styles/{kind}_by_name/{{style_name}}", style_reads.get_style_by_name(kind), methods=["GET"]
        ),
    ]


def _example_routes() -> list[Route]:
    base = f"{V2}/styles/image/{{style_id}}/example"
    return [
        Route(base, examples.post_example(), methods=["POST"]),
        Route(f"{base}/{{example_id}}", examples.patch_example(), methods=["PATCH"]),
        Route(f"{base}/{{example_id}}", examples.delete_example(), methods=["DELETE"]),
    ]


def _collection_routes() -> list[Route]:
    base = f"{V2}/collections"
    return [
        Route(base, collections_api.list_collections(), methods=["GET"]),
        Route(base, collections_api.create_collection(), methods=["POST"]),
        Route(f"{base}/{{collection_id}}", collections_api.get_collection(), methods=["GET"]),
        Route(f"{base}/{{collection_id}}", collections_api.patch_collection(), methods=["PATCH"]),
        Route(f"{base}/{{collection_id}}", collections_api.delete_collection(), methods=["DELETE"]),
        Route(
            f"{V2}/collection_by_name/{{collection_name}}",
            collections_api.get_collection_by_name(),
            methods=["GET"],
        ),
    ]


def _generate_routes() -> list[Route]:
    base = f"{V2}/generate"
    return [
        Route(f"{base}/async", generate_api.submit("image"), methods=["POST"]),
        Route(f"{base}/text/async", generate_api.submit("text"), methods=["POST"]),
        Route(f"{base}/check/{{job_id}}", generate_api.check(), methods=["GET"]),
        Route(f"{base}/status/{{job_id}}", generate_api.status("image"), methods=["GET", "DELETE"]),
        Route(f"{base}/text/status/{{job_id}}", generate_api.status("text"), methods=["GET", "DELETE"]),
        Route("/sandbox-r2/{name}.png", generate_api.result_image(), methods=["GET"]),
    ]


def build_routes(behaviour: Behaviour) -> list[Route]:
    routes = [*_style_routes("image"), *_style_routes("text"), *_example_routes(), *_collection_routes()]
    routes += [
        Route(f"{V2}/find_user", accounts.find_user(), methods=["GET"]),
        Route(f"{V2}/users/{{user_id}}", accounts.get_user(), methods=["GET"]),
        Route(f"{V2}/status/models", status.active_models(), methods=["GET"]),
        Route("/sandbox-images/{name}.png", status.example_image(), methods=["GET"]),
        *_generate_routes(),
    ]
    if behaviour == "modern":
        # Only 5.1.13 has the contract endpoint: its 404 tells clients which server this is (REFERENCE §11.2).
        routes.append(Route(f"{V2}/status/style_contract", status.contract(), methods=["GET"]))
    return routes
