// The body of the web hooks Kratos calls on the app (kratos.yml): the identity
// as the backend seed shows it. Never the request's cookies or headers.
local field(object, name, fallback) = if name in object then object[name] else fallback;

function(ctx) {
  identity: {
    id: ctx.identity.id,
    traits: ctx.identity.traits,
    verifiable_addresses: field(ctx.identity, 'verifiable_addresses', []),
    created_at: field(ctx.identity, 'created_at', null),
    updated_at: field(ctx.identity, 'updated_at', null),
  },
}
