/**
 * Layer 7, generated types pinned: APIG. Checked by `tsc -p tsconfig.json` (part of `npm test`); never executed.
 * `expectTypeOf` fails the compile when a type drifts; every `@ts-expect-error` line fails the compile when the
 * mistake it holds stops being a compile error. Types come from the public entry point, as a consumer sees them.
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createApigClient,
  type ApigClient,
  type CallOptions,
  type ElbIngressDetails,
  type IngressIpsJob,
  type IngressIpsJobHandle,
  type IngressIpsRequest,
  type InstanceDetails,
  type InstanceStatus,
  type IpDetail,
} from "../../src/index.js";

declare const apig: ApigClient;
declare const details: InstanceDetails;
declare const job: IngressIpsJobHandle;

type AllInstanceStatuses =
  | "Creating"
  | "CreateSuccess"
  | "CreateFail"
  | "Initing"
  | "Registering"
  | "Running"
  | "InitingFailed"
  | "RegisterFailed"
  | "Installing"
  | "InstallFailed"
  | "Updating"
  | "UpdateFailed"
  | "Rollbacking"
  | "RollbackSuccess"
  | "RollbackFailed"
  | "Deleting"
  | "DeleteFailed"
  | "Unregistering"
  | "UnRegisterFailed"
  | "CreateTimeout"
  | "InitTimeout"
  | "RegisterTimeout"
  | "InstallTimeout"
  | "UpdateTimeout"
  | "RollbackTimeout"
  | "DeleteTimeout"
  | "UnregisterTimeout"
  | "Starting"
  | "Freezing"
  | "Frozen"
  | "Restarting"
  | "RestartFail"
  | "Unhealthy"
  | "RestartTimeout"
  | "Resizing"
  | "ResizeFailed"
  | "ResizeTimeout";
type AllInstanceStatusCodes =
  | 1
  | 2
  | 3
  | 4
  | 5
  | 6
  | 7
  | 8
  | 10
  | 11
  | 12
  | 13
  | 20
  | 21
  | 22
  | 23
  | 24
  | 25
  | 26
  | 27
  | 28
  | 29
  | 30
  | 31
  | 32
  | 33
  | 34
  | 35
  | 36
  | 37
  | 38
  | 39
  | 40
  | 41
  | 42
  | 43
  | 44;

describe("APIG types", () => {
  it("createApigClient returns an ApigClient", () => {
    expectTypeOf(createApigClient).returns.toEqualTypeOf<ApigClient>();
    expectTypeOf(createApigClient).parameter(0).toHaveProperty("projectId").toEqualTypeOf<string | undefined>();
  });

  it("getInstance: (instanceId, options?) → InstanceDetails with literal-union enums", () => {
    expectTypeOf(apig.getInstance).parameters.toEqualTypeOf<[instanceId: string, options?: CallOptions]>();
    expectTypeOf(apig.getInstance).returns.resolves.toEqualTypeOf<InstanceDetails>();
    // No response field is required: the reference shows none as always present.
    expectTypeOf(details.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(details.instance_name).toEqualTypeOf<string | undefined>();
    expectTypeOf(details.status).toEqualTypeOf<AllInstanceStatuses | undefined>();
    expectTypeOf<InstanceStatus>().toEqualTypeOf<AllInstanceStatuses>();
    expectTypeOf(details.instance_status).toEqualTypeOf<AllInstanceStatusCodes | undefined>();
    expectTypeOf(details.loadbalancer_provider).toEqualTypeOf<"lvs" | "elb" | undefined>();
    expectTypeOf(details.ingress_ip).toEqualTypeOf<string | undefined>();
    expectTypeOf(details.ingress_ip_v6).toEqualTypeOf<string | undefined>();
    expectTypeOf(details.publicips).toEqualTypeOf<{ ip_address?: string; ipv6_address?: string; bandwidth_size?: number }[] | undefined>();
    expectTypeOf(details.privateips).toEqualTypeOf<{ ip_address?: string; ipv6_address?: string; bandwidth_size?: number }[] | undefined>();
    expectTypeOf(details.unreliable_ips).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(details.cbc_operation_locks).toEqualTypeOf<{ lock_scene?: "TO_PERIOD_LOCK" | "PEC_CHG_LOCK"; lock_source_id?: string }[] | undefined>();
  });

  it("registerIngressIps / deregisterIngressIps: (instanceId, body, options?) → a handle carrying the 202 body", () => {
    for (const method of [apig.registerIngressIps, apig.deregisterIngressIps]) {
      expectTypeOf(method).parameters.toEqualTypeOf<[instanceId: string, body: IngressIpsRequest, options?: CallOptions]>();
      expectTypeOf(method).returns.resolves.toEqualTypeOf<IngressIpsJobHandle>();
    }
    expectTypeOf<IngressIpsJobHandle>().toExtend<IngressIpsJob>();
    expectTypeOf(job.job_id).toEqualTypeOf<string | undefined>();
    expectTypeOf(job.instance_id).toEqualTypeOf<string | undefined>();
    expectTypeOf(job.message).toEqualTypeOf<string | undefined>();
    expectTypeOf(job.wait).returns.resolves.toEqualTypeOf<InstanceDetails>();
  });

  it("request body types match the spec exactly", () => {
    expectTypeOf<IngressIpsRequest>().toEqualTypeOf<{ elbs: ElbIngressDetails[] }>();
    expectTypeOf<ElbIngressDetails>().toEqualTypeOf<{ elb_id: string; public_ips?: IpDetail[]; private_ips?: IpDetail[]; global_eips?: IpDetail[] }>();
    expectTypeOf<IpDetail>().toEqualTypeOf<{ type: "v4" | "v6"; ip: string }>();
    expectTypeOf<IngressIpsJob>().toEqualTypeOf<{ instance_id?: string; message?: string; job_id?: string }>();
  });

  it("a wrong field name, enum value, missing field or extra property does not compile", () => {
    const ok: IngressIpsRequest = { elbs: [{ elb_id: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab", public_ips: [{ type: "v4", ip: "192.0.2.10" }] }] };
    // @ts-expect-error wrong field name: elbid instead of elb_id
    const wrongName: IngressIpsRequest = { elbs: [{ elbid: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab" }] };
    // @ts-expect-error wrong enum value: v5 is no IP version
    const wrongEnum: IpDetail = { type: "v5", ip: "192.0.2.10" };
    // @ts-expect-error wrong enum case: V4 is not v4
    const wrongCase: IpDetail = { type: "V4", ip: "192.0.2.10" };
    // @ts-expect-error missing required field: ip
    const missingIp: IpDetail = { type: "v4" };
    // @ts-expect-error missing required field: elb_id
    const missingElbId: ElbIngressDetails = { public_ips: [] };
    // @ts-expect-error missing required field: elbs
    const missingElbs: IngressIpsRequest = {};
    // @ts-expect-error extra property in the request body
    void apig.registerIngressIps("gw", { elbs: ok.elbs, dry_run: true });
    // @ts-expect-error extra property in a nested request object
    void apig.deregisterIngressIps("gw", { elbs: [{ elb_id: "0b3e4a5d-1f2c-4d7e-9a8b-1234567890ab", port: 80 }] });
    // @ts-expect-error wrong type: elb_id is a string
    void apig.registerIngressIps("gw", { elbs: [{ elb_id: 42 }] });
    // @ts-expect-error the instance id is a string
    void apig.getInstance(42);
    // @ts-expect-error result field misspelled: jobid instead of job_id
    void job.jobid;
    // @ts-expect-error status values are literal: "running" is not a status
    void (details.status === "running");
    // @ts-expect-error instance_status is a literal union without 9
    const code: InstanceDetails["instance_status"] = 9;
    void [ok, wrongName, wrongEnum, wrongCase, missingIp, missingElbId, missingElbs, code];
  });
});
