import { describe, expect, it } from "vitest";
import { describeContent } from "../../src/decode/looksLike.js";
import type { InputFormat } from "../../src/types.js";

const said = (text: string, format: InputFormat | null = null): string => describeContent(Buffer.from(text), format, Buffer.byteLength(text)).text;

describe("what an input with no pod or event looks like, in one line", () => {
  it("kubectl's human output, with the way to capture instead", () => {
    expect(said("NAME                     READY   STATUS    RESTARTS   AGE\nweb-7d4b9c8f6d-x2x9k     1/1     Running   0          3d\n")).toBe("looks like kubectl table output: capture with -o json");
    expect(said("NAMESPACE     NAME      READY   STATUS\nshop   web-0   1/1   Running\n")).toBe("looks like kubectl table output: capture with -o json");
    expect(said("LAST SEEN   TYPE      REASON    OBJECT        MESSAGE\n3m          Normal    Pulled    pod/web-0     ok\n")).toBe("looks like kubectl table output: capture with -o json");
    expect(said("Name:             web-0\nNamespace:        shop\nPriority:         0\n")).toBe("looks like kubectl describe text: capture with kubectl get -o json");
    expect(said("No resources found in shop namespace.\n")).toBe("looks like kubectl output that found nothing");
  });

  it("empty, text, scripts and binary data are not capture formats; JSON and YAML are", () => {
    expect(describeContent(Buffer.alloc(0), null, 0)).toEqual({ text: "empty file", captureFormat: false });
    expect(describeContent(Buffer.alloc(0), null, 0, true)).toEqual({ text: "a damaged compressed stream: nothing could be inflated", captureFormat: true });
    expect(said("\n \n")).toBe("empty file (blank lines only)");
    expect(said("# Captures\n\nTaken during the incident.\n")).toBe("looks like text, not a capture");
    expect(said("#!/bin/sh\noc adm must-gather\n")).toBe("looks like a script, not a capture");
    expect(describeContent(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), null, 8).text).toBe("looks like binary data, not a capture");
    expect(describeContent(Buffer.from("apiVersion: v1\nkind: ConfigMap\n"), "yaml", 30)).toEqual({ text: "YAML, but no Pod or Event", captureFormat: true });
    expect(describeContent(Buffer.from('{"kind":"Node"}\n'), "object-stream", 16)).toEqual({ text: "JSON, but no Pod or Event", captureFormat: true });
    expect(describeContent(Buffer.from('{"kind":"Po'), null, 11)).toEqual({ text: "JSON, but no complete record", captureFormat: true });
  });
});
