//! End-to-end tests of `storyline serve`: a database built through the engine from small
//! invented articles, the server on a loopback port, and raw HTTP/1.1 requests.

mod common;

use common::Response;
use std::net::SocketAddr;
use std::sync::OnceLock;
use storyline_engine::Engine;
use storyline_server::{ServeOptions, Server, BODY_LIMIT, CSP};

const TOKEN: &str = "test-token-5f1c";

/// Script and markup planted in the fixture's title, body, outlet and URL.
const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>Evil</b>",
    "href=\"javascript:",
];

/// The server shared by every test: started once on a fresh database.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("serve.db");
        let mut engine = Engine::open(&db).expect("engine");
        let report = engine
            .ingest_bytes("fixture.jsonl", include_bytes!("fixture.jsonl"))
            .expect("ingest");
        assert_eq!(report.stored, 4, "{report:?}");
        engine.relink().expect("relink");
        drop(engine);
        common::start(db, TOKEN, dir)
    })
}

fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    common::request(server(), method, path, headers, body)
}

fn get(path: &str) -> Response {
    request("GET", path, &[], b"")
}

/// Checks a page like [`common::page`] and that no payload shows unescaped.
fn page(path: &str) -> Response {
    let res = common::page(server(), path);
    for p in PAYLOADS {
        assert!(!res.body.contains(p), "{path} shows {p} unescaped");
    }
    res
}

fn first_story() -> serde_json::Value {
    let list = get("/api/stories").json();
    list.as_array()
        .and_then(|l| l.first())
        .cloned()
        .expect("a story")
}

/// The id of the article whose title contains `needle`, from the run of every story.
fn article_id(needle: &str) -> String {
    for story in get("/api/stories").json().as_array().expect("list") {
        let id = story["id"].as_str().expect("id");
        let view = get(&format!("/api/stories/{id}")).json();
        for ev in view["timeline"].as_array().expect("timeline") {
            for a in ev["articles"].as_array().expect("articles") {
                if a["title"].as_str().is_some_and(|t| t.contains(needle)) {
                    return a["id"].as_str().expect("article id").to_string();
                }
            }
        }
    }
    panic!("no article titled {needle:?}")
}

#[test]
fn story_list_api_is_a_paged_list_with_ids() {
    let res = get("/api/stories");
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-security-policy"), Some(CSP));
    let list = res.json();
    let items = list.as_array().expect("a JSON list");
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|s| s["id"].is_string() && s["title"].is_string()));
    let total: usize = res
        .header("x-total-count")
        .expect("total")
        .parse()
        .expect("number");
    assert!(total >= items.len());
    let one = get("/api/stories?per_page=1&page=1").json();
    assert_eq!(one.as_array().map(Vec::len), Some(1));
    assert_eq!(get("/api/stories?per_page=100000").status, 400);
    assert_eq!(get("/api/stories?page=0").status, 400);
    assert_eq!(get("/api/stories?page=abc").status, 400);
    println!("stories: {total}");
}

#[test]
fn views_are_served_as_stored() {
    let story = first_story();
    let id = story["id"].as_str().expect("id");
    let view = get(&format!("/api/stories/{id}")).json();
    assert_eq!(view["id"], story["id"]);
    let event = &view["timeline"][0]["event"];
    let event_id = event["id"].as_str().expect("event id");
    let ev = get(&format!("/api/events/{event_id}")).json();
    assert_eq!(ev["event"]["id"], event["id"]);
    assert!(ev["event"]["explanations"].is_array());
    let article = get(&format!(
        "/api/articles/{}",
        article_id("Marrow Street bridge reopens")
    ))
    .json();
    assert_eq!(article["outlet"], "Valley Gazette");
    assert!(article["timexes"].as_array().is_some_and(|t| !t.is_empty()));
    let prefix = get(&format!("/api/stories/{}", &id[..8])).json();
    assert_eq!(prefix["id"], story["id"], "unique prefixes resolve");
    let health = get("/api/health").json();
    assert_eq!(health["status"], "ok");
}

#[test]
fn entities_resolve_by_name_and_id() {
    let by_name = get("/api/entities/dana%20whitfield");
    assert_eq!(by_name.status, 200, "{}", by_name.body);
    let found = by_name.json();
    let first = &found.as_array().expect("list")[0];
    assert_eq!(first["entity"]["kind"], "PER");
    let id = first["entity"]["id"].as_str().expect("id");
    let by_id = get(&format!("/api/entities/{id}")).json();
    assert_eq!(by_id[0]["entity"]["id"], first["entity"]["id"]);
    let html = page(&format!("/entities/{id}"));
    assert!(html.body.contains("Dana Whitfield"));
    assert!(html.body.contains("<h3>Events</h3>"));
}

#[test]
fn unknown_ids_are_404() {
    for path in [
        "/api/stories/ffffffffffffffff",
        "/api/events/nothing-here",
        "/api/articles/0000000000000000",
        "/api/entities/Nobody%20At%20All",
        "/api/nope",
    ] {
        let res = get(path);
        assert_eq!(res.status, 404, "{path}");
        assert!(res.json()["error"].is_string(), "{path}");
    }
    for path in ["/stories/ffffffffffffffff", "/articles/zz", "/no/such/page"] {
        let res = get(path);
        assert_eq!(res.status, 404, "{path}");
        assert!(res.body.contains("Not found"));
        assert_eq!(res.header("content-security-policy"), Some(CSP));
    }
}

#[test]
fn pages_render_with_escaped_payloads() {
    let index = page("/");
    let story = first_story();
    let id = story["id"].as_str().expect("id");
    assert!(index.body.contains(&format!("/stories/{id}")));
    let story_page = page(&format!("/stories/{id}"));
    assert!(story_page.body.contains("<svg class=\"timeline\""));
    assert!(story_page.body.contains("/events/"));
    let view = get(&format!("/api/stories/{id}")).json();
    let event_id = view["timeline"][0]["event"]["id"].as_str().expect("event");
    let event_page = page(&format!("/events/{event_id}"));
    assert!(event_page.body.contains("Similarity"));

    let bridge = page(&format!(
        "/articles/{}",
        article_id("Marrow Street bridge reopens")
    ));
    assert!(
        bridge
            .body
            .contains("<mark class=\"timex\" title=\"DATE 2023-04-03\">Monday</mark>"),
        "{}",
        bridge.body
    );
    assert!(bridge.body.contains("class=\"ent per\""));
    assert!(bridge.body.contains("<blockquote>"));
    assert!(bridge
        .body
        .contains("href=\"https://valley-gazette.example/2023/04/03/bridge\""));

    let xss = page(&format!("/articles/{}", article_id("Flood warning")));
    assert!(xss
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; Flood warning"));
    assert!(
        xss.body.contains("&lt;img src=x onerror=alert(1)&gt;") || !xss.body.contains("onerror")
    );
    assert!(xss.body.contains("&lt;b&gt;Evil&lt;/b&gt; Times"));
}

#[test]
fn every_story_event_and_article_page_renders() {
    let mut pages = 0;
    for story in get("/api/stories").json().as_array().expect("list") {
        let id = story["id"].as_str().expect("id");
        page(&format!("/stories/{id}"));
        pages += 1;
        for ev in get(&format!("/api/stories/{id}")).json()["timeline"]
            .as_array()
            .expect("timeline")
        {
            page(&format!(
                "/events/{}",
                ev["event"]["id"].as_str().expect("event")
            ));
            pages += 1;
            for a in ev["articles"].as_array().expect("articles") {
                page(&format!("/articles/{}", a["id"].as_str().expect("article")));
                pages += 1;
            }
        }
    }
    println!("pages rendered: {pages}");
    assert!(pages >= 6);
}

#[test]
fn other_host_names_are_refused() {
    let res = request("GET", "/api/health", &[("Host", "rebound.example")], b"");
    assert_eq!(res.status, 421, "{}", res.body);
    assert_eq!(res.header("content-security-policy"), Some(CSP));
    assert_eq!(
        request("GET", "/api/health", &[("Host", "127.0.0.1:9")], b"").status,
        200
    );
}

#[test]
fn writes_need_the_token() {
    let body = br#"{"text": "A short note."}"#;
    let json = ("Content-Type", "application/json");
    assert_eq!(request("POST", "/api/articles", &[json], body).status, 401);
    let wrong = ("Authorization", "Bearer not-the-token");
    assert_eq!(
        request("POST", "/api/articles", &[json, wrong], body).status,
        401
    );
}

#[test]
fn bad_bodies_are_rejected() {
    let bearer = format!("Bearer {TOKEN}");
    let auth = ("Authorization", bearer.as_str());
    let json = ("Content-Type", "application/json");
    let bad = request("POST", "/api/articles", &[auth, json], b"{\"text\": ");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"]
        .as_str()
        .is_some_and(|e| e.contains("not a valid article")));
    let unknown = request(
        "POST",
        "/api/articles",
        &[auth, json],
        br#"{"text": "x", "colour": 1}"#,
    );
    assert_eq!(unknown.status, 400);
    assert_eq!(
        request("POST", "/api/articles", &[auth], b"   ").status,
        400
    );
    let huge = vec![b'a'; BODY_LIMIT + 1024];
    let over = request("POST", "/api/articles", &[auth], &huge);
    assert_eq!(over.status, 413, "{}", over.body);
}

#[test]
fn posted_articles_are_stored_and_linked() {
    let bearer = format!("Bearer {TOKEN}");
    let auth = ("Authorization", bearer.as_str());
    let json = ("Content-Type", "application/json");
    let body = br#"{"title": "Ferry timetable changes at Port Elsa", "outlet": "Quay Weekly", "published": "2023-04-15", "text": "PORT ELSA - The Port Elsa Transit Authority changed the ferry timetable on Saturday while the Marrow Street bridge is studied by engineers, Mayor Dana Whitfield said."}"#;
    let res = request("POST", "/api/articles", &[auth, json], body);
    assert_eq!(res.status, 201, "{}", res.body);
    let report = res.json();
    assert_eq!(report["stored"], 1);
    assert!(report["link"]["articles"].as_u64().is_some_and(|n| n >= 5));
    let again = request("POST", "/api/articles", &[auth, json], body);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["already_stored"], 1);
    let text = request(
        "POST",
        "/api/articles",
        &[auth, ("Content-Type", "text/plain")],
        b"Gulls nested on the old pier of Port Elsa this spring, the harbour office said.",
    );
    assert_eq!(text.status, 201, "{}", text.body);
    page(&format!("/articles/{}", article_id("Ferry timetable")));
}

#[test]
fn openapi_lists_every_api_route() {
    let doc = get("/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().expect("paths");
    let story = first_story();
    let id = story["id"].as_str().expect("id");
    let routed = [
        "/api/health",
        "/api/stories",
        "/api/stories/{id}",
        "/api/events/{id}",
        "/api/articles/{id}",
        "/api/entities/{id_or_name}",
        "/api/articles",
        "/api/openapi.json",
    ];
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    let mut expected = routed.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            let concrete = path.replace("{id}", id).replace("{id_or_name}", "x");
            let res = request(&method.to_uppercase(), &concrete, &[], b"");
            assert_ne!(res.status, 405, "{method} {path}");
            assert!(
                !res.body.contains("there is no page at"),
                "{method} {path} is not routed"
            );
        }
    }
}

#[test]
fn assets_come_from_the_embedded_table() {
    let css = get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains("svg.timeline"));
    assert_eq!(get("/assets/..%2FCargo.toml").status, 404);
    assert_eq!(get("/assets/../Cargo.toml").status, 404);
}

#[test]
fn a_missing_database_is_created_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("new").join("empty.db");
    let addr = common::start(db.clone(), TOKEN, dir);
    let health = common::request(addr, "GET", "/api/health", &[], b"").json();
    assert_eq!(health["articles"], 0);
    assert!(common::page(addr, "/").body.contains("No stories yet"));
    assert_eq!(
        common::request(addr, "GET", "/api/stories", &[], b"").body,
        "[]"
    );
    assert!(db.is_file());
}

#[test]
fn remote_addresses_need_allow_remote() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut opts = ServeOptions::new("/nonexistent/never-created.db");
    opts.addr = "0.0.0.0:0".parse().expect("addr");
    let err = runtime.block_on(Server::bind(opts)).err().expect("refused");
    assert!(err.to_string().contains("--allow-remote"), "{err}");
}
