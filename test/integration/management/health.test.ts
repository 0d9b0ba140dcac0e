// RabbitMQ's health checks and aliveness test against an in-process broker.
import { describe, expect, it } from "vitest";
import { useNodeApi } from "./node-api.js";

const api = useNodeApi({ users: [{ name: "guest", password: "guest", tags: ["administrator"] }, { name: "mon", password: "p", tags: ["monitoring"] }] });

describe("GET /api/health/checks", () => {
  it("alarms and local-alarms pass without alarms", async () => {
    expect(await api.get("/health/checks/alarms")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await api.get("/health/checks/local-alarms")).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("port-listener knows the AMQP and HTTP ports and lists them when one is missing", async () => {
    const { amqpPort, httpPort } = api.broker;
    expect((await api.get(`/health/checks/port-listener/${amqpPort}`)).body).toEqual({ status: "ok", port: amqpPort });
    expect((await api.get(`/health/checks/port-listener/+${httpPort}`)).body).toEqual({ status: "ok", port: httpPort });
    expect(await api.get("/health/checks/port-listener/1")).toMatchObject({ status: 503, body: { status: "failed", reason: "No active listener", missing: 1, ports: [httpPort, amqpPort] } });
    expect(await api.get("/health/checks/port-listener/56x")).toMatchObject({ status: 400, body: { error: "bad_request", reason: "Invalid port" } });
  });

  it("protocol-listener normalises protocol names as RabbitMQ does", async () => {
    for (const p of ["amqp", "AMQP", "amqp091", "amqp0-9-1", "amqp1.0"]) expect((await api.get(`/health/checks/protocol-listener/${p}`)).body).toEqual({ status: "ok", protocol: "amqp" });
    expect((await api.get("/health/checks/protocol-listener/management")).body).toEqual({ status: "ok", protocol: "http" });
    expect(await api.get("/health/checks/protocol-listener/web-mqtt")).toMatchObject({ status: 503, body: { missing: "http/web-mqtt", protocols: ["http", "amqp"] } });
    expect((await api.get("/health/checks/protocol-listener/mqtts")).body.missing).toBe("mqtt/ssl");
  });

  it("certificate-expiration validates its value before its unit, with RabbitMQ's texts", async () => {
    expect((await api.get("/health/checks/certificate-expiration/1/Weeks")).body).toEqual({ status: "ok" });
    expect((await api.get("/health/checks/certificate-expiration/-1/days")).body).toEqual({ status: "ok" });
    expect((await api.get("/health/checks/certificate-expiration/x/hours")).body).toEqual({ error: "bad_request", reason: "Invalid expiration value." });
    expect((await api.get("/health/checks/certificate-expiration/1.5/days")).body.reason).toBe("Invalid expiration value.");
    expect((await api.get("/health/checks/certificate-expiration/1/day")).body).toEqual({ error: "bad_request", reason: "Time unit not recognised. Supported units: days, weeks, months, years." });
  });

  it("single-node checks, virtual-hosts and the deprecated node check", async () => {
    expect((await api.get("/health/checks/node-is-quorum-critical")).body).toEqual({ status: "ok", reason: "single node cluster" });
    expect((await api.get("/health/checks/node-is-mirror-sync-critical")).body).toEqual({ status: "ok", reason: "single node cluster" });
    expect((await api.get("/health/checks/virtual-hosts")).body).toEqual({ status: "ok" });
    expect((await api.get("/healthchecks/node")).body).toEqual({ status: "ok" });
    expect((await api.get(`/healthchecks/node/${encodeURIComponent(api.broker.nodeName)}`)).body).toEqual({ status: "ok" });
    expect((await api.get("/healthchecks/node/rabbit@nosuch")).status).toBe(404);
    expect((await api.get("/health/checks/bogus")).status).toBe(404);
  });
});

describe("GET /api/aliveness-test/{vhost}", () => {
  it("declares aliveness-test, sends a message through it and leaves the queue empty", async () => {
    expect(await api.get("/aliveness-test/%2F")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await api.get("/aliveness-test/%2F")).toMatchObject({ status: 200, body: { status: "ok" } });
    const totals = (await api.get("/overview")).body;
    expect(totals.object_totals.queues).toBe(1);
    expect(totals.queue_totals.messages).toBe(0);
  });

  it("404 for an unknown vhost, 401 for a user without access to it", async () => {
    expect(await api.get("/aliveness-test/nosuch")).toMatchObject({ status: 404, body: { error: "Object Not Found" } });
    expect((await api.send("DELETE", "/permissions/%2F/mon")).status).toBe(204);
    expect(await api.get("/aliveness-test/%2F", "mon:p")).toMatchObject({ status: 401, body: { error: "not_authorised", reason: "User not authorised to access virtual host" } });
  });
});
