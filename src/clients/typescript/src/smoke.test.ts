// A tour of the API as a frontend team writes it: types from openapi-typescript and calls through
// openapi-fetch, both with their default options, compiled with `tsc --strict`. Runs against a live
// service: FACHPLAN_BASE_URL (default http://localhost:8080/api/v1) and FACHPLAN_ADMIN_KEY.
import assert from "node:assert/strict";
import { before, test } from "node:test";

import createClient from "openapi-fetch";

import type { components, paths } from "../generated/schema.js";

type Measure = components["schemas"]["Measure"];
type Problem = components["schemas"]["Problem"];
type MeasureWebhookEvent = components["schemas"]["MeasureWebhookEvent"];

const baseUrl = process.env.FACHPLAN_BASE_URL ?? "http://localhost:8080/api/v1";
const adminKey = process.env.FACHPLAN_ADMIN_KEY ?? "";

const anonymous = createClient<paths>({ baseUrl });
let editor = anonymous;

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && "type" in body && "status" in body;
}

before(async () => {
  assert.ok(adminKey, "set FACHPLAN_ADMIN_KEY to an admin key of the running service");
  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });
  const { data, error } = await admin.POST("/api-keys", {
    body: { name: `TypeScript smoke tour ${Date.now()}`, role: "EDITOR" },
  });
  if (error) throw new Error(`creating an editor key: ${error.title}`);
  editor = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${data.key}` } });
});

test("a filtered list page links to the next one", async () => {
  const { data, error, response } = await anonymous.GET("/measures", {
    params: { query: { actionField: "W", limit: 2 } },
  });
  if (error) throw new Error(error.title);
  assert.equal(data.items.length, 2);
  assert.ok(data.items.every((m: Measure) => m.actionField === "W"));
  assert.ok(data.nextCursor);
  assert.match(response.headers.get("Link") ?? "", /rel="next"/);
});

test("a detail read answers 304 to its own ETag", async () => {
  const first = await anonymous.GET("/measures/{measureRef}", { params: { path: { measureRef: "W1" } } });
  if (first.error) throw new Error(first.error.title);
  assert.equal(first.data.code, "W1");
  const etag = first.response.headers.get("ETag");
  assert.ok(etag);

  const again = await anonymous.GET("/measures/{measureRef}", {
    params: { path: { measureRef: "W1" }, header: { "If-None-Match": etag } },
  });
  assert.equal(again.response.status, 304);
  assert.equal(again.data, undefined);
  assert.ok(!isProblem(again.error), "a 304 carries no problem");
});

test("create, patch one member, and a stale If-Match is a 412 problem", async () => {
  // `public`, `illustrative` and `status` have defaults: a client may leave them out.
  const created = await editor.POST("/measures", {
    body: {
      actionField: "S",
      title: "Sprachcafé (TypeScript-Tour)",
      guidelines: ["L1"],
      targetGroups: ["ASYLUM_SEEKERS"],
      districts: ["PROHLIS"],
    },
  });
  if (created.error) throw new Error(created.error.title);
  assert.equal(created.response.status, 201);
  assert.ok(created.response.headers.get("Location")?.endsWith(created.data.id));
  const etag = created.response.headers.get("ETag") ?? "";

  const patched = await editor.PATCH("/measures/{measureRef}", {
    params: { path: { measureRef: created.data.id }, header: { "If-Match": etag } },
    body: { progress: 10 },
    headers: { "Content-Type": "application/merge-patch+json" },
  });
  if (patched.error) throw new Error(patched.error.title);
  assert.equal(patched.data.progress, 10);
  assert.deepEqual(patched.data.districts, ["PROHLIS"]);
  assert.deepEqual(patched.data.guidelines, ["L1"]);

  const stale = await editor.PATCH("/measures/{measureRef}", {
    params: { path: { measureRef: created.data.id }, header: { "If-Match": etag } },
    body: { progress: 20 },
    headers: { "Content-Type": "application/merge-patch+json" },
  });
  assert.equal(stale.response.status, 412);
  assert.ok(isProblem(stale.error));
  assert.equal(stale.error.status, 412);
  assert.match(stale.error.type, /^urn:fachplan:problem:/);
});

test("problem bodies are typed: 404 and a 422 with pointers", async () => {
  const missing = await anonymous.GET("/measures/{measureRef}", { params: { path: { measureRef: "W999" } } });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.error?.type, "urn:fachplan:problem:not-found");
  assert.equal(missing.response.headers.get("Content-Type"), "application/problem+json");

  const invalid = await editor.POST("/measures", {
    body: { actionField: "S", title: "Ungültig", targetGroups: ["NOBODY"] },
  });
  assert.equal(invalid.response.status, 422);
  assert.ok(invalid.error);
  assert.equal(invalid.error.errors?.[0]?.pointer, "/targetGroups/0");
});

test("an indicator value is created without its defaulted state", async () => {
  const indicators = await editor.GET("/indicators", { params: { query: { limit: 1 } } });
  if (indicators.error) throw new Error(indicators.error.title);
  const indicator = indicators.data.items[0];
  assert.ok(indicator);
  const created = await editor.POST("/indicator-values", {
    body: { indicator: indicator.id, period: "2031", value: 7 },
  });
  if (created.error) throw new Error(`${created.error.title}: ${created.error.detail ?? ""}`);
  assert.equal(created.data.state, "DRAFT");
});

test("the capacity chart comes as JSON, as CSV and as an SVG picture", async () => {
  const query = { scenario: "STABLE_ALLOCATION", from: "2019-03", to: "2019-05" };
  const json = await anonymous.GET("/capacity-chart", { params: { query } });
  if (json.error) throw new Error(json.error.title);
  // The operation offers JSON and CSV by Accept, so the body is typed CapacityChart | string.
  assert.ok(typeof json.data !== "string");
  assert.equal(json.data.points.length, 3);
  assert.equal(json.data.points[0]?.personsToHouse, 2718);

  const csv = await anonymous.GET("/capacity-chart", {
    params: { query },
    headers: { Accept: "text/csv" },
    parseAs: "text",
  });
  if (csv.error) throw new Error("CSV refused");
  assert.match(csv.response.headers.get("Content-Type") ?? "", /^text\/csv/);
  const [header, ...rows] = csv.data.trim().split("\n");
  assert.match(header ?? "", /^scenario,scenarioVersion,period,/);
  assert.equal(rows.length, 3);

  const svg = await anonymous.GET("/capacity-chart", {
    params: { query, header: { "Accept-Language": "en-GB,en;q=0.9" } },
    headers: { Accept: "image/svg+xml" },
    parseAs: "text",
  });
  if (svg.error) throw new Error("SVG refused");
  assert.match(svg.response.headers.get("Content-Type") ?? "", /^image\/svg\+xml/);
  assert.equal(svg.response.headers.get("Content-Language"), "en");
  assert.match(svg.data, /<svg[\s>]/);
  assert.match(svg.data, />persons to be housed</);
});

test("a webhook payload has a type", () => {
  const event: MeasureWebhookEvent = JSON.parse(
    '{"type":"measure.status_changed","timestamp":"2026-11-30T06:15:00Z",' +
      '"data":{"id":"0b9a6a0e-6bd4-4a8f-9a44-2f2b1a0c1d10","code":"W3","plan":"DD-FAI-2022",' +
      '"status":"IMPLEMENTATION","progress":40,"version":4}}',
  );
  assert.equal(event.data.code, "W3");
  assert.equal(event.type, "measure.status_changed");
});
