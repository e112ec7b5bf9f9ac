import { beforeAll, describe, expect, it } from "vitest";
import { recorded, type Recorded } from "@/e2e/fixtures/recorded";
import type { KratosResponse } from "../kratos/client";
import type { nextStep as NextStep } from "./flow-relay";

let nextStep: typeof NextStep;

beforeAll(async () => {
  ({ nextStep } = await import("./flow-relay"));
});

function answer(flow: string, state: string): KratosResponse {
  // A recorded redirect keeps its Location.
  const { status, body, location } = recorded(flow, state) as Recorded & { location?: string };
  return { status, body, setCookies: [], location: location ?? null };
}

const flowId = "0b7c3a4e-1111-4a4a-8a8a-123456789abc";

describe("nextStep over answers recorded from Kratos", () => {
  it("follows show_verification_ui after sign-up, before redirect_browser_to", () => {
    const success = answer("registration", "success");
    const verification = (
      success.body as { continue_with: { action: string; flow?: { id: string } }[] }
    ).continue_with.find((item) => item.action === "show_verification_ui");
    expect(nextStep("registration", flowId, success)).toEqual({
      location: `/verification?flow=${verification!.flow!.id}`,
    });
  });

  it("shows the next step of the two-step registration (a 400 that is not an error)", () => {
    const step = answer("registration", "choose-method");
    const id = (step.body as { id: string }).id;
    expect(step.status).toBe(400);
    expect(nextStep("registration", id, step)).toEqual({ location: `/registration?flow=${id}` });
  });

  it("shows Kratos's stored messages after a wrong password", () => {
    const invalid = answer("login", "invalid-credentials");
    const id = (invalid.body as { id: string }).id;
    expect(nextStep("login", id, invalid)).toEqual({ location: `/login?flow=${id}` });
  });

  it("restarts the flow with a notice on a CSRF violation", () => {
    expect(nextStep("login", flowId, answer("login", "csrf-violation"))).toEqual({ restart: "csrf" });
  });

  it("shows the new state of a verification flow", () => {
    expect(nextStep("verification", flowId, answer("verification", "passed-challenge"))).toEqual({
      location: `/verification?flow=${flowId}`,
    });
  });

  it("sends settings without a session to the login, returning afterwards", () => {
    expect(nextStep("settings", flowId, answer("settings", "no-session"))).toEqual({
      location: "/login?return_to=http%3A%2F%2Flocalhost%3A3000%2Fsettings",
    });
  });

  it("continues in the flow Kratos names when one expired", () => {
    const expired = {
      status: 410,
      body: {
        error: { id: "self_service_flow_expired", code: 410 },
        use_flow_id: "9b1c0a2d-2222-4b4b-9c9c-abcdefabcdef",
      },
      setCookies: [],
      location: null,
    };
    expect(nextStep("login", flowId, expired)).toEqual({
      location: "/login?flow=9b1c0a2d-2222-4b4b-9c9c-abcdefabcdef",
    });
  });

  for (const kind of ["recovery", "verification"] as const) {
    it(`continues in the fresh ${kind} flow Kratos redirects to when the flow expired (303, Kratos v1.3.1)`, () => {
      const expired = answer(kind, "expired-flow");
      expect(expired.status).toBe(303);
      expect(expired.body).toBeNull();
      const location = new URL(expired.location!);
      expect(location.pathname).toBe(`/self-service/${kind}/flows`);
      const fresh = location.searchParams.get("id")!;
      expect(fresh).not.toBe(flowId);
      expect(nextStep(kind, flowId, expired)).toEqual({ location: `/${kind}?flow=${fresh}` });
    });
  }

  it("does not take a redirect to another kind of flow for the fresh flow", () => {
    const expired = answer("recovery", "expired-flow");
    expect(nextStep("verification", flowId, expired)).toEqual({ location: "/error" });
  });

  it("continues in the fresh recovery flow after an expired recovery code (410, continue_with in its details)", () => {
    const expired = answer("recovery", "expired-code");
    expect(expired.status).toBe(410);
    const [shown] = (
      expired.body as { error: { details: { continue_with: { action: string; flow: { id: string } }[] } } }
    ).error.details.continue_with;
    expect(shown!.action).toBe("show_recovery_ui");
    expect(nextStep("recovery", flowId, expired)).toEqual({ location: `/recovery?flow=${shown!.flow.id}` });
  });

  it("continues in the flow Kratos names after an expired verification code (410 with use_flow_id)", () => {
    const expired = answer("verification", "expired-code");
    expect(expired.status).toBe(410);
    const fresh = (expired.body as { use_flow_id: string }).use_flow_id;
    expect(nextStep("verification", flowId, expired)).toEqual({ location: `/verification?flow=${fresh}` });
  });

  it("starts a fresh flow when Kratos does not know the flow (404, as Kratos v1.3.1 answers)", () => {
    const unknown = {
      status: 404,
      body: { error: { code: 404, status: "Not Found", message: "Unable to locate the resource" } },
      setCookies: [],
      location: null,
    };
    expect(nextStep("login", flowId, unknown)).toEqual({ restart: "expired" });
  });

  it("never follows a redirect off-site", () => {
    const offsite = {
      status: 422,
      body: { error: { id: "browser_location_change_required" }, redirect_browser_to: "https://evil.example/" },
      setCookies: [],
      location: null,
    };
    expect(nextStep("login", flowId, offsite)).toEqual({ location: "/error?reason=browser_location_change_required" });
  });
});
