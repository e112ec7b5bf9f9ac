// Ports of the stack the e2e suite starts; they differ from `npm run stack`'s
// defaults so that the suite can run while a development stack is up.
export const e2ePorts = {
  app: Number(process.env.E2E_APP_PORT ?? 3100),
  kratosPublic: Number(process.env.E2E_KRATOS_PUBLIC_PORT ?? 4533),
  kratosAdmin: Number(process.env.E2E_KRATOS_ADMIN_PORT ?? 4534),
  smtp: Number(process.env.E2E_MAIL_SMTP_PORT ?? 1125),
  mailWeb: Number(process.env.E2E_MAIL_WEB_PORT ?? 1180),
};

export const appUrl = `http://localhost:${e2ePorts.app}`;
export const kratosPublicUrl = `http://localhost:${e2ePorts.kratosPublic}`;
export const kratosAdminUrl = `http://127.0.0.1:${e2ePorts.kratosAdmin}`;
export const mailApiUrl = `http://127.0.0.1:${e2ePorts.mailWeb}`;

// A second stack for the expiry tests, with kratos/profiles/short-lifespans.yml.
export const shortLifespanPorts = {
  app: Number(process.env.E2E_SHORT_APP_PORT ?? 3300),
  kratosPublic: Number(process.env.E2E_SHORT_KRATOS_PUBLIC_PORT ?? 4733),
  kratosAdmin: Number(process.env.E2E_SHORT_KRATOS_ADMIN_PORT ?? 4734),
  smtp: Number(process.env.E2E_SHORT_MAIL_SMTP_PORT ?? 1325),
  mailWeb: Number(process.env.E2E_SHORT_MAIL_WEB_PORT ?? 1380),
};

export const shortLifespanAppUrl = `http://localhost:${shortLifespanPorts.app}`;
