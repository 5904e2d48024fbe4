"""Reads a Dragnet server's public notices API as INTERPOL's own clients would.

Every answer is validated against INTERPOL's OpenAPI description (openapi-core), and the red
notices are read through the Python client generated from that description (de-interpol, PyPI).
Run by tests/interpol.rs:  python interpol_clients.py BASE_URL OPENAPI_YAML RED_ID YELLOW_ID HIDDEN_ID

The description types the items of a list's `_embedded.notices` as strings, though the service
answers objects (the shape `domain/interpol.md` gives, and every scraper reads); the validation
replaces that one schema with the object, and says so.
"""

import json
import sys
import urllib.error
import urllib.parse
import urllib.request

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from deutschland import interpol
from deutschland.interpol.api import default_api

BASE, SPEC, RED, YELLOW, HIDDEN = sys.argv[1:6]
# The description names INTERPOL's host; requests are matched against it.
SERVER = "https://ws-public.interpol.int"

LINK = {"type": "object", "properties": {"href": {"type": "string"}}, "required": ["href"]}
LIST_ITEM = {
    "type": "object",
    "properties": {
        "forename": {"type": "string"},
        "name": {"type": "string"},
        "date_of_birth": {"type": "string"},
        "entity_id": {"type": "string"},
        "nationalities": {"type": "array", "items": {"type": "string"}},
        "_links": {"type": "object", "properties": {"self": LINK, "images": LINK, "thumbnail": LINK}, "required": ["self"]},
    },
    "required": ["entity_id", "_links"],
}

spec = yaml.safe_load(open(SPEC, encoding="utf-8"))
for name in ("RedNotices", "YellowNotices", "UNNotices"):
    spec["components"]["schemas"][name]["properties"]["_embedded"]["properties"]["notices"]["items"] = LIST_ITEM
openapi = OpenAPI.from_dict(spec)
print("validating against INTERPOL's description, with _embedded.notices items as objects")


def fetch(path):
    try:
        with urllib.request.urlopen(BASE + path) as answer:
            return answer.status, answer.headers.get("content-type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


def validated(path):
    """The answer to `path`, checked to be 200 JSON that INTERPOL's description accepts."""
    status, content_type, body = fetch(path)
    assert status == 200, f"{path}: {status} {body!r}"
    assert content_type.startswith("application/json"), f"{path}: {content_type}"
    route, _, query = path.partition("?")
    request = MockRequest(SERVER, "get", route, args=dict(urllib.parse.parse_qsl(query)))
    openapi.validate_response(request, MockResponse(body, status_code=200))
    print(f"valid: {path}")
    return json.loads(body)


def not_found(path):
    """The description gives no 404; the body is the original's, as domain/interpol.md records it."""
    status, content_type, body = fetch(path)
    assert status == 404, f"{path}: {status}"
    assert content_type.startswith("application/json"), f"{path}: {content_type}"
    assert json.loads(body) == {"status": 404, "name": "NotFoundError", "message": "Not Found"}, body
    print(f"404 as the original: {path}")


red = validated("/notices/v1/red")
assert red["total"] >= 1 and red["query"]["page"] == 1, red
assert any(n["entity_id"] == RED.replace("-", "/") for n in red["_embedded"]["notices"]), red
validated("/notices/v1/red?name=Marchetti&forename=Luca&nationality=IT&sexId=M&ageMin=18&ageMax=99"
          "&arrestWarrantCountryId=FR&freeText=murder&page=1&resultPerPage=5")
validated(f"/notices/v1/red/{RED}")
images = validated(f"/notices/v1/red/{RED}/images")
picture = images["_embedded"]["images"][0]["picture_id"]
status, content_type, body = fetch(f"/notices/v1/red/{RED}/images/{picture}")
assert status == 200 and content_type == "image/svg+xml" and body.startswith(b"<svg"), (status, content_type)
print(f"picture served: /notices/v1/red/{RED}/images/{picture}")
validated("/notices/v1/yellow?nationality=IE")
validated(f"/notices/v1/yellow/{YELLOW}")
validated(f"/notices/v1/yellow/{YELLOW}/images")
validated("/notices/v1/un?name=Anyone")
for path in (f"/notices/v1/red/{HIDDEN}", "/notices/v1/red/2099-99999", f"/notices/v1/yellow/{RED}"):
    not_found(path)

# The generated client, pointed at this server. Its models take the list's items for strings (as
# the description does), so the list is read without its type check. Its link models cannot be
# built from any `_links.self` (a generator bug: `self` and `_self` collide, against INTERPOL's own
# service too), so the detail and the images come back raw: the client still builds the calls.
configuration = interpol.Configuration(host=BASE)
with interpol.ApiClient(configuration) as client:
    api = default_api.DefaultApi(client)
    found = api.notices_v1_red_get(name="Marchetti", forename="Luca", _check_return_type=False)
    assert found["total"] == 1, found
    detail = json.loads(api.notices_v1_red_notice_id_get(RED, _preload_content=False).data)
    assert detail["entity_id"] == RED.replace("-", "/"), detail
    assert detail["name"] == "MARCHETTI" and detail["arrest_warrants"][0]["issuing_country_id"] == "FR", detail
    images = json.loads(api.notices_v1_red_notice_id_images_get(RED, _preload_content=False).data)
    assert images["_links"]["notice"]["href"].endswith(f"/notices/v1/red/{RED}"), images
    print("the de-interpol client reads the list, the detail and the images")
print("ok")
