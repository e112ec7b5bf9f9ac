/** Kratos's ids (flows, sessions, errors) are UUIDs; only these go into a path or query we build. */
export const kratosIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
