import { describe, expect, it } from "vitest";
import { recorded } from "@/e2e/fixtures/recorded";
import { apiFieldName, fieldErrorsOf, startAnswer, submissionAnswer } from "./kratos-answer";

type Envelope = {
  success: boolean;
  error?: string;
  code?: string;
  flow_id?: string;
  data?: { id?: string; csrf_token?: string };
};
const read = async (response: Response) => (await response.json()) as Envelope;

const answer = (status: number, body: unknown, setCookies: string[] = []) => ({
  status,
  body,
  setCookies,
  location: null,
});

describe("the JSON API's answers to Kratos's answers (recorded from our Kratos)", () => {
  it("names trait inputs as the API's fields", () => {
    expect(apiFieldName("traits.email")).toBe("email");
    expect(apiFieldName("traits.name.first")).toBe("first_name");
    expect(apiFieldName("traits.name.last")).toBe("last_name");
    expect(apiFieldName("traits.phone_number")).toBe("phone_number");
    expect(apiFieldName("identifier")).toBe("identifier");
  });

  it("answers wrong credentials with 400, Kratos's message as the error and the flow to retry in", async () => {
    const { status, body } = recorded("login", "invalid-credentials");
    const response = submissionAnswer(answer(status, body));
    expect(response.status).toBe(400);
    const json = await read(response);
    expect(json.success).toBe(false);
    expect(json.error).toMatch(/credentials are invalid/);
    expect(json.code).toBe("validation_failed");
    expect(json.flow_id).toBe((body as { id: string }).id);
  });

  it("answers a CSRF violation with 403 and asks for a new flow", async () => {
    const { status, body } = recorded("login", "csrf-violation");
    const response = submissionAnswer(answer(status, body));
    expect(response.status).toBe(403);
    expect(await read(response)).toMatchObject({ success: false, code: "security_csrf_violation" });
  });

  it("relays Set-Cookie headers byte for byte on success", async () => {
    const { body } = recorded("registration", "success");
    const cookie = "ory_kratos_session=MTc+/ab==; Path=/; HttpOnly; SameSite=Lax";
    const response = submissionAnswer(answer(200, body, [cookie]));
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([cookie]);
    expect((await read(response)).success).toBe(true);
  });

  it("treats a 400 without error messages as the next step of the flow", async () => {
    const { body } = recorded("registration", "choose-method");
    const response = submissionAnswer(answer(400, body));
    expect(response.status).toBe(200);
    expect((await read(response)).data?.id).toBe((body as { id: string }).id);
  });

  it("lifts the CSRF token out of a started flow", async () => {
    const { body } = recorded("registration", "choose-profile");
    const response = startAnswer(answer(200, body));
    const json = await read(response);
    expect(json.data?.csrf_token).toBeTruthy();
    expect(json.data?.csrf_token).toBe(
      (body as { ui: { nodes: { attributes: { name?: string; value?: string } }[] } }).ui.nodes.find(
        (node) => node.attributes.name === "csrf_token",
      )?.attributes.value,
    );
  });

  it("maps field messages to the API's names", () => {
    const flow = {
      id: "x",
      ui: {
        nodes: [
          {
            type: "input",
            group: "default",
            attributes: { name: "traits.email", type: "email", node_type: "input" },
            messages: [{ id: 4000001, type: "error", text: 'is not valid "email"' }],
            meta: {},
          },
        ],
      },
    };
    expect(fieldErrorsOf(flow as never)).toEqual({ email: ['is not valid "email"'] });
  });
});
