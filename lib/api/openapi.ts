// The JSON API described for its clients, served at /api/auth/openapi.json.
// e2e/specs/api/*.spec.ts validates every answer they receive from the real
// stack against the schema this document gives for that path, method and status.

const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const success = (data: object) => ({
  type: "object",
  required: ["success", "data"],
  additionalProperties: false,
  properties: { success: { const: true }, data },
});
const failure = (description: string) => ({ description, ...json(ref("Failure")) });
const nullableText = { type: ["string", "null"] };

const nativeHeader = {
  name: "X-Session-Token",
  in: "header",
  required: false,
  description:
    "Native apps only: their session token, or empty before they have one. Its presence (or `Authorization: Bearer`) selects API flows; without it the caller is a browser and gets browser flows and cookies.",
  schema: { type: "string" },
};

const flowStart = (kind: string) => ({
  summary: `Start a ${kind} flow`,
  parameters: [nativeHeader],
  responses: {
    "200": {
      description: `The new flow. Browsers also get Kratos's CSRF cookie (Set-Cookie) and send \`csrf_token\` back.`,
      ...json(success(ref("Flow"))),
    },
    "400": failure("Already signed in (`session_already_available`)."),
    "503": failure("Kratos is not answering."),
  },
});

const flowSubmit = (kind: string, body: object) => ({
  summary: `Submit a ${kind} flow`,
  parameters: [nativeHeader],
  requestBody: { required: true, ...json(body) },
  responses: {
    "200": {
      description:
        "Signed in: the session (and `session_token` for native apps; browsers get the session cookie). Or, for multi-step methods (a code was sent), the flow's next step.",
      ...json(success({ oneOf: [ref("SessionResult"), ref("Flow")] })),
    },
    "400": failure("Kratos's validation messages, per field in `fields`; keep using `flow_id`."),
    "403": failure("Sent from another site, or Kratos's CSRF check failed: start a new flow."),
    "404": failure("No such flow."),
    "410": failure("The flow expired; continue in `flow_id`."),
    "413": failure("Body too large."),
    "415": failure("Not application/json."),
    "429": failure("Too many attempts; see Retry-After."),
    "503": failure("Kratos is not answering."),
  },
});

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Kratos self-service UI: JSON API",
    version: "1.0.0",
    description:
      "Sign-up, sign-in, sign-out and the session for apps on the same site (browser flows, cookies) and native apps (API flows, session tokens), and a protected example resource. Every answer is `{ success: true, data }` or `{ success: false, error }`.",
  },
  paths: {
    "/api/auth/flows/registration": {
      get: flowStart("registration"),
      post: flowSubmit("registration", ref("RegistrationRequest")),
    },
    "/api/auth/flows/login": { get: flowStart("login"), post: flowSubmit("login", ref("LoginRequest")) },
    "/api/auth/flows/logout": {
      get: {
        summary: "A browser's logout URL and token",
        responses: {
          "200": {
            description: "Open `logout_url`, or DELETE this path with `logout_token`.",
            ...json(success(ref("LogoutFlow"))),
          },
          "400": failure("Native clients DELETE instead."),
          "401": failure("No session."),
        },
      },
      delete: {
        summary: "End the session",
        parameters: [nativeHeader],
        requestBody: {
          required: false,
          description: "Browsers send the token from GET; native apps send nothing but their token header.",
          ...json({
            type: "object",
            properties: { logout_token: { type: "string" } },
          }),
        },
        responses: {
          "200": {
            description: "Signed out; browsers get Kratos's cookie-clearing Set-Cookie.",
            ...json(success(ref("LoggedOut"))),
          },
          "400": failure("Missing or malformed logout_token."),
          "401": failure("No such session."),
          "403": failure("Sent from another site."),
        },
      },
    },
    "/api/auth/whoami": {
      get: {
        summary: "The signed-in user",
        parameters: [nativeHeader],
        responses: {
          "200": {
            description: "The user, as Kratos's session and the app's record know them.",
            ...json(success(ref("User"))),
          },
          "401": failure('No valid session: `{ "success": false, "error": "Invalid session" }`.'),
          "403": failure("The session needs its second factor (`session_aal2_required`)."),
        },
      },
    },
    "/api/documents": {
      get: {
        summary: "The caller's documents",
        parameters: [nativeHeader],
        responses: {
          "200": { description: "Only the caller's own documents.", ...json(success(ref("DocumentList"))) },
          "401": failure("No valid session."),
        },
      },
      post: {
        summary: "Create a document",
        parameters: [nativeHeader],
        requestBody: { required: true, ...json(ref("DocumentInput")) },
        responses: {
          "201": { description: "The new document.", ...json(success(ref("Document"))) },
          "400": failure("Invalid title or body, per field."),
          "401": failure("No valid session."),
          "403": failure("Sent from another site."),
          "415": failure("Not application/json."),
        },
      },
    },
  },
  components: {
    schemas: {
      Failure: {
        type: "object",
        required: ["success", "error"],
        additionalProperties: false,
        properties: {
          success: { const: false },
          error: { type: "string", minLength: 1 },
          code: { type: "string" },
          fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          flow_id: { type: "string", format: "uuid" },
          redirect_browser_to: { type: "string" },
        },
      },
      Flow: {
        type: "object",
        description: "Kratos's flow as it returned it, plus `csrf_token` lifted out of its nodes.",
        required: ["id", "type", "expires_at", "issued_at", "ui"],
        properties: {
          id: { type: "string", format: "uuid" },
          type: { enum: ["browser", "api"] },
          expires_at: { type: "string", format: "date-time" },
          issued_at: { type: "string", format: "date-time" },
          csrf_token: { type: "string", description: "Empty for API flows." },
          state: { type: "string" },
          ui: {
            type: "object",
            required: ["action", "method", "nodes"],
            properties: {
              action: { type: "string" },
              method: { type: "string" },
              messages: { type: "array", items: { type: "object", required: ["id", "text", "type"] } },
              nodes: {
                type: "array",
                items: { type: "object", required: ["type", "group", "attributes", "messages", "meta"] },
              },
            },
          },
        },
      },
      Session: {
        type: "object",
        required: ["id", "active", "identity"],
        properties: {
          id: { type: "string", format: "uuid" },
          active: { const: true },
          expires_at: { type: "string", format: "date-time" },
          authenticated_at: { type: "string", format: "date-time" },
          identity: {
            type: "object",
            required: ["id", "schema_id", "traits"],
            properties: {
              id: { type: "string", format: "uuid" },
              schema_id: { type: "string" },
              traits: { type: "object" },
            },
          },
        },
      },
      SessionResult: {
        type: "object",
        required: ["session"],
        properties: {
          session: ref("Session"),
          session_token: { type: "string", description: "Native apps only." },
          identity: { type: "object" },
          continue_with: { type: ["array", "null"] },
        },
      },
      RegistrationRequest: {
        type: "object",
        required: ["flow_id"],
        properties: {
          flow_id: { type: "string", format: "uuid" },
          csrf_token: { type: "string", description: "From the flow; browsers only." },
          method: { type: "string", default: "password", examples: ["password", "code"] },
          email: { type: "string" },
          password: { type: "string" },
          first_name: { type: "string" },
          last_name: { type: "string" },
          code: { type: "string" },
          traits: { type: "object", description: "Any other traits; flat fields are traits too." },
        },
      },
      LoginRequest: {
        type: "object",
        required: ["flow_id"],
        properties: {
          flow_id: { type: "string", format: "uuid" },
          csrf_token: { type: "string" },
          method: { type: "string", default: "password" },
          identifier: { type: "string" },
          password: { type: "string" },
          code: { type: "string" },
          totp_code: { type: "string" },
          lookup_secret: { type: "string" },
        },
      },
      LogoutFlow: {
        type: "object",
        required: ["logout_url", "logout_token"],
        additionalProperties: false,
        properties: { logout_url: { type: "string" }, logout_token: { type: "string" } },
      },
      LoggedOut: {
        type: "object",
        required: ["logged_out"],
        additionalProperties: false,
        properties: { logged_out: { const: true } },
      },
      User: {
        type: "object",
        required: ["id", "email", "first_name", "last_name", "username", "authenticated", "app_user"],
        additionalProperties: false,
        properties: {
          id: { type: "string", format: "uuid" },
          email: nullableText,
          first_name: nullableText,
          last_name: nullableText,
          username: nullableText,
          authenticated: { const: true },
          app_user: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                required: ["created_at", "verified_at"],
                additionalProperties: false,
                properties: {
                  created_at: { type: "string", format: "date-time" },
                  verified_at: { type: ["string", "null"], format: "date-time" },
                },
              },
            ],
          },
        },
      },
      DocumentInput: {
        type: "object",
        required: ["title"],
        properties: { title: { type: "string", maxLength: 200 }, body: { type: "string", maxLength: 20000 } },
      },
      Document: {
        type: "object",
        required: ["id", "title", "body", "created_at"],
        additionalProperties: false,
        properties: {
          id: { type: "string", format: "uuid" },
          title: { type: "string" },
          body: { type: "string" },
          created_at: { type: "string", format: "date-time" },
        },
      },
      DocumentList: {
        type: "object",
        required: ["user_id", "documents"],
        additionalProperties: false,
        properties: {
          user_id: { type: "string", format: "uuid" },
          documents: { type: "array", items: ref("Document") },
        },
      },
    },
  },
} as const;
