// What the test authorization server knows, shared by provider.mjs (which
// registers it) and test.mjs (which asks for tokens with it). Test-only
// secrets: these servers listen on loopback for the length of one CI run.

// The API ropagraph serves, as resource indicators (RFC 8707). Every access
// token for ropagraph carries the audience `ropagraph-api`; the second
// resource gives the same audience in the opaque format, so ropagraph has to
// introspect it. `other` is a different API: its tokens are perfectly valid,
// only not for ropagraph.
export const AUDIENCE = 'ropagraph-api';
export const ROPA_SCOPES = 'ropa:read ropa:write ropa:admin';

export const RESOURCES = {
  jwt: 'https://ropagraph.test/api',
  opaque: 'https://ropagraph.test/api/opaque',
  otherJwt: 'https://other.test/api',
  otherOpaque: 'https://other.test/api/opaque',
};

export const RESOURCE_SERVERS = {
  [RESOURCES.jwt]: {
    scope: ROPA_SCOPES,
    audience: AUDIENCE,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  },
  [RESOURCES.opaque]: {
    scope: ROPA_SCOPES,
    audience: AUDIENCE,
    accessTokenFormat: 'opaque',
  },
  [RESOURCES.otherJwt]: {
    scope: ROPA_SCOPES,
    audience: 'other-api',
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  },
  [RESOURCES.otherOpaque]: {
    scope: ROPA_SCOPES,
    audience: 'other-api',
    accessTokenFormat: 'opaque',
  },
};

// The controllers the controller-limited clients act for: organization
// externalIds that test.mjs seeds.
export const ORG_A = 'ci-org-a';
export const ORG_B = 'ci-org-b';

// Client credentials clients. `ropa_scopes` are the resource server scopes a
// client may be granted (a request for more gets less); `ropa_controllers`
// goes into every access token of the client as the claim of the same name.
// `auth` is the token endpoint authentication method.
export const CLIENTS = {
  admin: { id: 'ci-admin', secret: 'ci-admin-secret-8b1f0c5e', auth: 'client_secret_basic', ropa_scopes: ROPA_SCOPES },
  reader: { id: 'ci-reader', secret: 'ci-reader-secret-5d2a9e71', auth: 'client_secret_post', ropa_scopes: 'ropa:read' },
  writer: { id: 'ci-writer', secret: 'ci-writer-secret-c04e66b3', auth: 'client_secret_basic', ropa_scopes: 'ropa:read ropa:write' },
  // Limited to controller A: the claim as a JSON array.
  controllerA: {
    id: 'ci-controller-a', secret: 'ci-controller-a-secret-71e2', auth: 'client_secret_basic',
    ropa_scopes: 'ropa:read ropa:write', ropa_controllers: [ORG_A],
  },
  // Limited to controller B: the claim as one space-separated string.
  controllerB: {
    id: 'ci-controller-b', secret: 'ci-controller-b-secret-3a9c', auth: 'client_secret_basic',
    ropa_scopes: 'ropa:read ropa:write', ropa_controllers: ORG_B,
  },
  // Tokens that live one second (ttl.ClientCredentials).
  shortLived: { id: 'ci-short-lived', secret: 'ci-short-lived-secret-44d0', auth: 'client_secret_basic', ropa_scopes: 'ropa:read', ttl: 1 },
  // JWT access tokens signed by the provider with iat and exp already two
  // minutes in the past (formats.customizers.jwt): expired at once, well past
  // ropagraph's 30 s leeway, without waiting.
  backdated: { id: 'ci-backdated', secret: 'ci-backdated-secret-9f13', auth: 'client_secret_basic', ropa_scopes: 'ropa:read', backdate: 120 },
};

// The client ropagraph authenticates to the introspection endpoint with. It
// gets no tokens itself; the provider's introspection policy lets it (and only
// it, besides a token's own client) introspect any client's tokens.
export const INTROSPECTOR = { id: 'ropagraph-introspection', secret: 'ropagraph-introspection-secret-e5b7' };
