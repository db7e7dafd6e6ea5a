// A real OAuth 2.0 / OpenID Connect authorization server (oidc-provider 8) on
// loopback, for testing ropagraph's token checks end to end.
//
// Usage: node provider.mjs --port PORT --keys FILE
//
// The issuer is http://127.0.0.1:PORT. FILE holds the RSA signing key as a
// private JWK set; it is generated when missing, so two instances given the
// same file sign with the same key (and key id) under different issuers.
//
// Clients (clients.mjs) get access tokens with the client credentials grant
// for a resource indicator: JWT access tokens (RFC 9068) or opaque ones,
// checked by introspection (RFC 7662); they can be revoked (RFC 7009).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { errors } from 'oidc-provider';

import { CLIENTS, INTROSPECTOR, RESOURCE_SERVERS } from './clients.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    keys: { type: 'string' },
  },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || !args.keys) {
  console.error('usage: node provider.mjs --port PORT --keys FILE');
  process.exit(2);
}

function signingKeys(file) {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
    renameSync(partial, file);
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

const issuer = `http://127.0.0.1:${port}`;
const byClientId = new Map(Object.values(CLIENTS).map((c) => [c.id, c]));

const clients = [
  ...Object.values(CLIENTS).map((c) => ({
    client_id: c.id,
    client_secret: c.secret,
    token_endpoint_auth_method: c.auth,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    ropa_scopes: c.ropa_scopes,
    ...(c.ropa_controllers !== undefined ? { ropa_controllers: c.ropa_controllers } : {}),
  })),
  {
    client_id: INTROSPECTOR.id,
    client_secret: INTROSPECTOR.secret,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: [],
    response_types: [],
    redirect_uris: [],
  },
];

const configuration = {
  clients,
  jwks: signingKeys(args.keys),
  // Cookies are not used by the client credentials grant; a fixed key keeps
  // the provider from warning about its development default.
  cookies: { keys: ['ropagraph-ci-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: {
      enabled: true,
      // ropagraph's own client may introspect anyone's tokens; any other
      // client only its own.
      allowedPolicy(ctx, client, token) {
        return client.clientId === INTROSPECTOR.id || client.clientId === token.clientId;
      },
    },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => false,
      // The resource server, with its scopes narrowed to what this client
      // may be granted.
      getResourceServerInfo(ctx, resourceIndicator, client) {
        const server = RESOURCE_SERVERS[resourceIndicator];
        if (!server) throw new errors.InvalidTarget(`unknown resource ${resourceIndicator}`);
        const allowed = new Set((client.ropa_scopes || '').split(' ').filter(Boolean));
        const scope = server.scope.split(' ').filter((s) => allowed.has(s)).join(' ');
        if (!scope) throw new errors.InvalidTarget('this client may not have tokens for this resource');
        return { ...server, scope };
      },
    },
  },
  extraClientMetadata: {
    properties: ['ropa_scopes', 'ropa_controllers'],
    validator(ctx, key, value) {
      if (value === undefined) return;
      if (key === 'ropa_scopes' && typeof value !== 'string') {
        throw new errors.InvalidClientMetadata('ropa_scopes must be a string');
      }
      if (key === 'ropa_controllers'
        && typeof value !== 'string'
        && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
        throw new errors.InvalidClientMetadata('ropa_controllers must be a string or an array of strings');
      }
    },
  },
  // The controllers claim, from the client's metadata: a top-level claim of
  // JWT access tokens, and of introspection answers for opaque ones.
  async extraTokenClaims(ctx, token) {
    const client = ctx.oidc.client?.clientId === token.clientId
      ? ctx.oidc.client
      : await ctx.oidc.provider.Client.find(token.clientId);
    if (client?.ropa_controllers === undefined) return undefined;
    return { ropa_controllers: client.ropa_controllers };
  },
  formats: {
    customizers: {
      // ci-backdated's JWTs are issued already expired.
      async jwt(ctx, token, jwt) {
        const backdate = byClientId.get(token.clientId)?.backdate;
        if (backdate) {
          const now = Math.floor(Date.now() / 1000);
          jwt.payload.iat = now - 2 * backdate;
          jwt.payload.exp = now - backdate;
        }
      },
    },
  },
  ttl: {
    ClientCredentials(ctx, token, client) {
      return byClientId.get(client.clientId)?.ttl ?? token.resourceServer?.accessTokenTTL ?? 600;
    },
  },
};

const provider = new Provider(issuer, configuration);

const log = (...parts) => console.log(new Date().toISOString(), `[${issuer}]`, ...parts);
provider.on('server_error', (ctx, err) => log('server_error', ctx.method, ctx.path, err));
provider.on('grant.error', (ctx, err) => log('grant.error', ctx.oidc?.client?.clientId, err.message, err.error_description ?? ''));
provider.on('grant.success', (ctx) => {
  const { params, client } = ctx.oidc;
  log('token issued', client.clientId, params.resource ?? '(no resource)', `scope="${ctx.body?.scope ?? ''}"`, `expires_in=${ctx.body?.expires_in}`);
});
provider.on('introspection.error', (ctx, err) => log('introspection.error', err.message, err.error_description ?? ''));
provider.on('revocation.error', (ctx, err) => log('revocation.error', err.message, err.error_description ?? ''));
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token/introspection' || ctx.path === '/token/revocation') {
    const active = ctx.path === '/token/introspection' && ctx.body && typeof ctx.body === 'object' ? ` active=${ctx.body.active}` : '';
    log(ctx.method, ctx.path, ctx.status, `client=${ctx.oidc?.client?.clientId ?? '-'}${active}`);
  } else if (ctx.status >= 400) {
    log(ctx.method, ctx.path, ctx.status);
  }
});

const server = createServer(provider.callback());
server.listen(port, '127.0.0.1', () => log('listening'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
