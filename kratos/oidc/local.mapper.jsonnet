// Maps the id_token claims of the local test provider (scripts/oidc-provider.mjs)
// to our identity traits (kratos/identity.schema.json). A trait is left out
// when its claim is missing: Kratos rejects traits that break the schema.
local claims = std.extVar('claims');
local has(key) = std.objectHas(claims, key) && claims[key] != '';
// The schema's enum for traits.locale; kratos/oidc/local-mapper.test.ts keeps the two equal.
local locales = ['en', 'vi', 'de', 'fr'];

{
  identity: {
    traits: {
      email: claims.email,
      [if has('given_name') || has('family_name') then 'name']: {
        [if has('given_name') then 'first']: claims.given_name,
        [if has('family_name') then 'last']: claims.family_name,
      },
      [if has('locale') && std.member(locales, claims.locale) then 'locale']: claims.locale,
    },
    // The provider vouches for the address, so Kratos need not mail a verification code.
    [if has('email_verified') && claims.email_verified then 'verified_addresses']: [
      { via: 'email', value: claims.email },
    ],
  },
}
