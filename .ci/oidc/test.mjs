// ropagraph against a real authorization server (oidc-provider, provider.mjs):
// access tokens by the client credentials grant, as JWTs and as opaque tokens,
// driving the GraphQL API. Started by run.sh, which passes:
//
//   ROPAGRAPH_URL         the running ropagraph (http://127.0.0.1:PORT)
//   OIDC_ISSUER           the issuer ropagraph trusts
//   OIDC_IMPOSTOR_ISSUER  another provider with its own signing key
//   OIDC_ROGUE_ISSUER     another provider signing with the trusted issuer's key
//
// Groups: provider (sanity of the test server itself), authentication,
// scopes, opaque tokens, controller isolation, and expiry (last, because it
// waits for a one-second token to pass ropagraph's 30 s leeway).
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';

import {
  AUDIENCE, CLIENTS, INTROSPECTOR, ORG_A, ORG_B, RESOURCES,
} from './clients.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run this through run.sh)`);
  return value.replace(/\/$/, '');
};
const API = `${env('ROPAGRAPH_URL')}/graphql`;
const ISSUER = env('OIDC_ISSUER');
const IMPOSTOR = env('OIDC_IMPOSTOR_ISSUER');
const ROGUE = env('OIDC_ROGUE_ISSUER');

// ---------------------------------------------------------------------------
// OAuth helpers

const discoveries = new Map();
async function discovery(issuer) {
  if (!discoveries.has(issuer)) {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    assert.equal(res.status, 200, `discovery at ${issuer}`);
    discoveries.set(issuer, await res.json());
  }
  return discoveries.get(issuer);
}

/** Authenticates `client` on a form POST the way the client is registered. */
function clientAuth(client, form) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.auth === 'client_secret_post') {
    form.set('client_id', client.id);
    form.set('client_secret', client.secret);
  } else {
    const basic = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  }
  return headers;
}

/**
 * An access token by the client credentials grant. `resource` picks the
 * format and audience (clients.mjs RESOURCES); null asks for none.
 */
async function getToken(client, { resource = RESOURCES.jwt, scope = client.ropa_scopes, issuer = ISSUER } = {}) {
  const { token_endpoint: endpoint } = await discovery(issuer);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope) form.set('scope', scope);
  if (resource) form.set('resource', resource);
  const res = await fetch(endpoint, { method: 'POST', headers: clientAuth(client, form), body: form });
  const body = await res.json();
  assert.equal(res.status, 200, `token for ${client.id} at ${issuer}: ${JSON.stringify(body)}`);
  return body;
}
const token = async (client, options) => (await getToken(client, options)).access_token;

async function revoke(client, accessToken) {
  const { revocation_endpoint: endpoint } = await discovery(ISSUER);
  const form = new URLSearchParams({ token: accessToken, token_type_hint: 'access_token' });
  const res = await fetch(endpoint, { method: 'POST', headers: clientAuth(client, form), body: form });
  assert.equal(res.status, 200, `revocation: ${await res.text()}`);
}

const b64url = (data) => Buffer.from(data).toString('base64url');
const jwtParts = (jwt) => {
  const [header, payload, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    payload: JSON.parse(Buffer.from(payload, 'base64url')),
    signature,
    raw: { header, payload, signature },
  };
};

// ---------------------------------------------------------------------------
// GraphQL helpers

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * POSTs a GraphQL request; `bearer` null sends no Authorization header.
 * Accepts application/json unless told otherwise.
 */
async function post(bearer, query, variables = {}, { authorization, accept = JSON_TYPE } = {}) {
  const headers = { 'content-type': 'application/json', accept };
  if (authorization !== undefined) headers.authorization = authorization;
  else if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(API, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    challenge: res.headers.get('www-authenticate'),
    body,
  };
}

const show = (r) => JSON.stringify(r.body).slice(0, 600);

/** Runs an operation that must succeed; returns its data. */
async function gql(bearer, query, variables) {
  const r = await post(bearer, query, variables);
  assert.equal(r.status, 200, `HTTP ${r.status} (${r.challenge ?? 'no challenge'}): ${show(r)}`);
  assert.equal(r.body.errors, undefined, `GraphQL errors: ${show(r)}`);
  return r.body.data;
}

/** A mutation payload that must have no userErrors. */
function ok(payload, what) {
  assert.ok(payload, `${what}: no payload`);
  assert.deepEqual(payload.userErrors, [], `${what}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** HTTP 401 with a Bearer challenge carrying error="invalid_token". */
function assertInvalidToken(r, what) {
  assert.equal(r.status, 401, `${what}: expected 401, got ${r.status}: ${show(r)}`);
  assert.ok(r.challenge, `${what}: 401 without WWW-Authenticate`);
  assert.match(r.challenge, /^Bearer\b/i, `${what}: challenge ${r.challenge}`);
  assert.match(r.challenge, /error="invalid_token"/, `${what}: challenge ${r.challenge}`);
}

/** HTTP 200 whose GraphQL errors include one with extensions.code FORBIDDEN. */
function assertForbidden(r, what) {
  assert.equal(r.status, 200, `${what}: expected 200, got ${r.status} (${r.challenge ?? ''}): ${show(r)}`);
  const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
  assert.ok(codes.includes('FORBIDDEN'), `${what}: expected a FORBIDDEN error, got ${show(r)}`);
  const data = r.body.data ?? {};
  for (const [field, value] of Object.entries(data)) {
    assert.equal(value, null, `${what}: ${field} answered despite FORBIDDEN: ${show(r)}`);
  }
}

/**
 * The same for a client that accepts only application/graphql-response+json
 * (GraphQL over HTTP): the answer must come in that media type, and a 200
 * must carry the data entry (null) — a response without one is a request
 * error, which that media type reports with 4xx.
 */
function assertForbiddenGraphqlResponse(r, what) {
  assertForbidden(r, what);
  assert.ok(r.type?.startsWith(GRAPHQL_RESPONSE), `${what}: answered in ${r.type} though the client accepts only ${GRAPHQL_RESPONSE}: ${show(r)}`);
  assert.ok('data' in r.body, `${what}: HTTP 200 without a data entry: ${show(r)}`);
}

// ---------------------------------------------------------------------------
// Documents

const REGISTER_FIELDS = 'id externalId slug version controller { externalId }';
const Q = {
  registers: `query { registers(first: 100) { totalCount nodes { ${REGISTER_FIELDS} } } }`,
  controllers: `query { organizations(first: 100, filter: { role: CONTROLLER }) { totalCount nodes { id externalId } } }`,
  organizations: `query { organizations(first: 100) { totalCount nodes { id externalId } } }`,
  registerByKey: `query ($key: String!) { registers(filter: { externalId: $key }) { totalCount nodes { id } } }`,
  node: `query ($id: ID!) { node(id: $id) { id __typename ... on Register { externalId } ... on Organization { externalId } } }`,
  nodes: `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Register { externalId } } }`,
  audit: `query ($subject: String) { auditEvents(last: 20, filter: { subject: $subject }) { totalCount nodes { subject clientId nodeType operation } } }`,
  upsertOrganization: `mutation ($input: UpsertOrganizationInput!) {
    upsertOrganization(input: $input) { created organization { id externalId } userErrors { field message code } } }`,
  upsertRegister: `mutation ($input: UpsertRegisterInput!) {
    upsertRegister(input: $input) { created register { ${REGISTER_FIELDS} } userErrors { field message code } } }`,
  createRegister: `mutation ($input: RegisterInput!) {
    createRegister(input: $input) { created register { ${REGISTER_FIELDS} } userErrors { field message code } } }`,
  updateRegister: `mutation ($input: UpdateRegisterInput!) {
    updateRegister(input: $input) { register { ${REGISTER_FIELDS} } userErrors { field message code } } }`,
  deleteRegister: `mutation ($input: DeleteInput!) { deleteRegister(input: $input) { deletedId userErrors { field message code } } }`,
  publishNotice: `mutation ($input: PublishNoticeInput!) {
    publishNotice(input: $input) { created noticeVersion { id number publishedBy } userErrors { field message code } } }`,
};

const registerInput = (key, controller, note) => ({
  externalId: key,
  slug: key,
  name: { fi: `Rekisteri ${key}`, en: `Register ${key}` },
  description: { fi: `CI-testin rekisteri ${key}.` },
  controller,
  note,
  purposes: [{ description: { fi: 'Asiakassuhteen hoito', en: 'Customer relationship' }, legalBasis: 'CONTRACT' }],
});

// ---------------------------------------------------------------------------
// Tokens and seed data, made once

const T = {}; // access tokens by name
const seed = {}; // ids of the seeded nodes
let shortLived; // { jwt, opaque, exp } of ci-short-lived, checked at the end

before(async () => {
  // The one-second tokens first: the expiry group waits for them.
  const [sjwt, sopaque] = await Promise.all([
    token(CLIENTS.shortLived),
    token(CLIENTS.shortLived, { resource: RESOURCES.opaque }),
  ]);
  shortLived = { jwt: sjwt, opaque: sopaque, exp: jwtParts(sjwt).payload.exp };

  const jwt = (c, o) => token(CLIENTS[c], o);
  const opaque = (c) => token(CLIENTS[c], { resource: RESOURCES.opaque });
  Object.assign(T, Object.fromEntries(await Promise.all(Object.entries({
    admin: jwt('admin'),
    reader: jwt('reader'),
    writer: jwt('writer'),
    controllerA: jwt('controllerA'),
    controllerB: jwt('controllerB'),
    // The admin client asking for no scope at all: a valid token that may do nothing.
    noScope: jwt('admin', { scope: '' }),
    // The reader asking for more than it may have: it gets ropa:read only.
    readerGreedy: jwt('reader', { scope: 'ropa:read ropa:write ropa:admin' }),
    backdated: jwt('backdated'),
    otherAudience: jwt('admin', { resource: RESOURCES.otherJwt }),
    impostor: token(CLIENTS.admin, { issuer: IMPOSTOR }),
    rogue: token(CLIENTS.admin, { issuer: ROGUE }),
    adminOpaque: opaque('admin'),
    readerOpaque: opaque('reader'),
    writerOpaque: opaque('writer'),
    controllerAOpaque: opaque('controllerA'),
    controllerBOpaque: opaque('controllerB'),
    otherAudienceOpaque: token(CLIENTS.admin, { resource: RESOURCES.otherOpaque }),
    noResourceOpaque: token(CLIENTS.admin, { resource: null, scope: 'ropa:read ropa:write ropa:admin' }),
  }).map(async ([name, p]) => [name, await p]))));

  // Two controllers with a register each (A has two), seeded by the admin.
  for (const [key, name] of [[ORG_A, 'CI Controller A Oy'], [ORG_B, 'CI Controller B Ab']]) {
    const { upsertOrganization: p } = await gql(T.admin, Q.upsertOrganization, { input: { externalId: key, name, country: 'FI' } });
    seed[key] = ok(p, `upsertOrganization ${key}`).organization.id;
  }
  // ci-ghost gives an id that names nothing: created among the others and
  // deleted again (not the newest, so SQLite never hands its rowid out again).
  for (const [key, controller] of [['ci-reg-a1', ORG_A], ['ci-ghost', ORG_A], ['ci-reg-a2', ORG_A], ['ci-reg-b1', ORG_B]]) {
    const { upsertRegister: p } = await gql(T.admin, Q.upsertRegister, { input: registerInput(key, controller) });
    seed[key === 'ci-ghost' ? 'ghost' : key] = ok(p, `upsertRegister ${key}`).register;
  }
  const { deleteRegister: gone } = await gql(T.admin, Q.deleteRegister, { input: { id: seed.ghost.id } });
  assert.equal(ok(gone, 'deleteRegister ci-ghost').deletedId, seed.ghost.id);
});

// ---------------------------------------------------------------------------

describe('the authorization server (test set-up)', () => {
  test('discovery names this issuer and the introspection and revocation endpoints', async () => {
    const d = await discovery(ISSUER);
    assert.equal(d.issuer, ISSUER);
    assert.ok(d.introspection_endpoint && d.revocation_endpoint && d.jwks_uri);
  });

  test('JWT access tokens are RFC 9068 tokens for ropagraph with the granted scopes', () => {
    const { header, payload } = jwtParts(T.admin);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.alg, 'RS256');
    assert.equal(payload.iss, ISSUER);
    assert.equal(payload.aud, AUDIENCE);
    assert.equal(payload.client_id, CLIENTS.admin.id);
    assert.equal(payload.scope, 'ropa:read ropa:write ropa:admin');
    assert.equal(payload.ropa_controllers, undefined);
    assert.equal(jwtParts(T.readerGreedy).payload.scope, 'ropa:read');
    assert.equal(jwtParts(T.noScope).payload.scope, undefined);
  });

  test('controller-limited clients get the ropa_controllers claim', () => {
    assert.deepEqual(jwtParts(T.controllerA).payload.ropa_controllers, [ORG_A]);
    assert.equal(jwtParts(T.controllerB).payload.ropa_controllers, ORG_B);
  });

  test('the backdated token expired two minutes ago; the wrong-issuer tokens name their issuers', () => {
    assert.ok(jwtParts(T.backdated).payload.exp < Date.now() / 1000 - 60);
    assert.equal(jwtParts(T.impostor).payload.iss, IMPOSTOR);
    assert.equal(jwtParts(T.rogue).payload.iss, ROGUE);
    assert.equal(jwtParts(T.rogue).header.kid, jwtParts(T.admin).header.kid, 'the rogue issuer signs with the trusted key');
    assert.notEqual(jwtParts(T.impostor).header.kid, jwtParts(T.admin).header.kid);
  });

  test('opaque tokens are not JWTs and introspect with the controllers claim', async () => {
    assert.equal(T.adminOpaque.split('.').length, 1);
    const { introspection_endpoint: endpoint } = await discovery(ISSUER);
    const form = new URLSearchParams({ token: T.controllerAOpaque });
    const res = await fetch(endpoint, { method: 'POST', headers: clientAuth(INTROSPECTOR, form), body: form });
    const body = await res.json();
    assert.equal(body.active, true);
    assert.equal(body.aud, AUDIENCE);
    assert.deepEqual(body.ropa_controllers, [ORG_A]);
  });
});

describe('authentication', () => {
  test('no token: 401 with a Bearer challenge and no error code', async () => {
    const r = await post(null, Q.registers);
    assert.equal(r.status, 401, show(r));
    assert.match(r.challenge ?? '', /^Bearer\b/i);
    assert.doesNotMatch(r.challenge, /error=/);
  });

  test('another scheme (Basic) counts as no bearer token: 401', async () => {
    const r = await post(null, Q.registers, {}, { authorization: `Basic ${b64url('ci-admin:x')}` });
    assert.equal(r.status, 401, show(r));
    assert.match(r.challenge ?? '', /^Bearer\b/i);
  });

  test('a valid JWT access token is accepted', async () => {
    const data = await gql(T.admin, Q.registers);
    assert.ok(data.registers.totalCount >= 3);
  });

  test('expired JWT (signed by the issuer, exp two minutes ago): 401 invalid_token', async () => {
    assertInvalidToken(await post(T.backdated, Q.registers), 'backdated token');
  });

  test('signature with one byte flipped: 401 invalid_token', async () => {
    const { raw } = jwtParts(T.admin);
    const sig = Buffer.from(raw.signature, 'base64url');
    sig[Math.floor(sig.length / 2)] ^= 0x01;
    assertInvalidToken(await post(`${raw.header}.${raw.payload}.${b64url(sig)}`, Q.registers), 'flipped signature');
  });

  test('payload altered (reader token given ropa:admin), signature kept: 401 invalid_token', async () => {
    const { raw, payload } = jwtParts(T.reader);
    const forged = b64url(JSON.stringify({ ...payload, scope: 'ropa:read ropa:write ropa:admin' }));
    assertInvalidToken(await post(`${raw.header}.${forged}.${raw.signature}`, Q.audit), 'altered payload');
  });

  test('payload altered (audience swapped in on another API\'s token): 401 invalid_token', async () => {
    const { raw, payload } = jwtParts(T.otherAudience);
    const forged = b64url(JSON.stringify({ ...payload, aud: AUDIENCE }));
    assertInvalidToken(await post(`${raw.header}.${forged}.${raw.signature}`, Q.registers), 'altered audience');
  });

  test('alg "none" with the payload of a valid token: 401 invalid_token', async () => {
    const { header, raw } = jwtParts(T.admin);
    const none = b64url(JSON.stringify({ ...header, alg: 'none' }));
    assertInvalidToken(await post(`${none}.${raw.payload}.`, Q.registers), 'alg none');
  });

  test('HS256 signed with the issuer\'s public key as the secret: 401 invalid_token', async () => {
    const { header, raw } = jwtParts(T.admin);
    const { jwks_uri: jwksUri } = await discovery(ISSUER);
    const jwks = await (await fetch(jwksUri)).json();
    const hs = b64url(JSON.stringify({ ...header, alg: 'HS256' }));
    const mac = createHmac('sha256', JSON.stringify(jwks.keys[0])).update(`${hs}.${raw.payload}`).digest();
    assertInvalidToken(await post(`${hs}.${raw.payload}.${b64url(mac)}`, Q.registers), 'HS256 confusion');
  });

  test('JWT for another audience (another API of the same issuer): 401 invalid_token', async () => {
    assert.equal(jwtParts(T.otherAudience).payload.aud, 'other-api');
    assertInvalidToken(await post(T.otherAudience, Q.registers), 'other audience');
  });

  test('JWT from another issuer with its own keys (unknown kid): 401 invalid_token', async () => {
    assertInvalidToken(await post(T.impostor, Q.registers), 'impostor issuer');
  });

  test('JWT from another issuer signed with the trusted key: 401 invalid_token', async () => {
    assertInvalidToken(await post(T.rogue, Q.registers), 'rogue issuer');
  });

  test('garbage and random opaque strings: 401 invalid_token', async () => {
    assertInvalidToken(await post('not.a.jwt', Q.registers), 'not.a.jwt');
    assertInvalidToken(await post(randomBytes(32).toString('base64url'), Q.registers), 'random opaque token');
  });

  test('the server still works for a valid token after all that', async () => {
    await gql(T.reader, Q.registers);
  });
});

describe('scopes', () => {
  test('ropa:read runs a query', async () => {
    const data = await gql(T.reader, Q.registers);
    assert.ok(data.registers.totalCount >= 3);
  });

  test('ropa:read on a mutation: FORBIDDEN', async () => {
    assertForbidden(await post(T.reader, Q.upsertOrganization, { input: { externalId: 'ci-reader-org', name: 'Nope Oy' } }), 'reader mutation');
    assertForbidden(await post(T.readerGreedy, Q.upsertOrganization, { input: { externalId: 'ci-reader-org', name: 'Nope Oy' } }), 'greedy reader mutation');
    const data = await gql(T.admin, Q.organizations);
    assert.ok(!data.organizations.nodes.some((o) => o.externalId === 'ci-reader-org'), 'the forbidden mutation changed nothing');
  });

  test('ropa:write runs a mutation', async () => {
    const { upsertOrganization: p } = await gql(T.writer, Q.upsertOrganization, { input: { externalId: 'ci-vendor-w', name: 'Writer Vendor Oy', country: 'SE' } });
    assert.equal(ok(p, 'writer upsertOrganization').organization.externalId, 'ci-vendor-w');
  });

  test('ropa:write on auditEvents and publishNotice: FORBIDDEN', async () => {
    assertForbidden(await post(T.writer, Q.audit), 'writer auditEvents');
    assertForbidden(await post(T.writer, Q.publishNotice, { input: { registerId: seed['ci-reg-a1'].id } }), 'writer publishNotice');
  });

  test('ropa:admin publishes a notice and reads the audit trail, attributed to the token\'s subject', async () => {
    const { publishNotice: p } = await gql(T.admin, Q.publishNotice, { input: { registerId: seed['ci-reg-a1'].id, language: 'FI' } });
    ok(p, 'publishNotice');
    assert.ok(p.noticeVersion?.number >= 1, JSON.stringify(p));
    assert.equal(p.noticeVersion.publishedBy, CLIENTS.admin.id, 'published by the token\'s subject');
    const { auditEvents } = await gql(T.admin, Q.audit, { subject: CLIENTS.writer.id });
    assert.ok(auditEvents.totalCount >= 1, 'the writer\'s change is in the audit trail under its client id');
    assert.ok(auditEvents.nodes.every((e) => e.subject === CLIENTS.writer.id));
    assert.equal(auditEvents.nodes.at(-1).clientId, CLIENTS.writer.id);
  });

  test('a valid token without any ropa scope: FORBIDDEN even for a query', async () => {
    assertForbidden(await post(T.noScope, Q.registers), 'no-scope query');
  });
});

describe('FORBIDDEN with Accept: application/graphql-response+json', () => {
  const only = { accept: GRAPHQL_RESPONSE };

  test('a field needing ropa:admin (auditEvents, publishNotice) with a ropa:write token', async () => {
    assertForbiddenGraphqlResponse(await post(T.writer, Q.audit, {}, only), 'writer auditEvents');
    assertForbiddenGraphqlResponse(await post(T.writer, Q.publishNotice, { input: { registerId: seed['ci-reg-a1'].id } }, only), 'writer publishNotice');
  });

  test('a mutation with a ropa:read token', async () => {
    assertForbiddenGraphqlResponse(await post(T.reader, Q.upsertOrganization, { input: { externalId: 'ci-reader-org', name: 'Nope Oy' } }, only), 'reader mutation');
  });

  test('a valid answer and a 401 still come in the accepted media type', async () => {
    const r = await post(T.reader, Q.registers, {}, only);
    assert.equal(r.status, 200, show(r));
    assert.ok(r.type?.startsWith(GRAPHQL_RESPONSE), r.type);
    const u = await post('not.a.jwt', Q.registers, {}, only);
    assertInvalidToken(u, 'garbage token');
  });
});

describe('opaque tokens (introspection)', () => {
  test('ropa:read opaque token runs a query', async () => {
    const data = await gql(T.readerOpaque, Q.registers);
    assert.ok(data.registers.totalCount >= 3);
  });

  test('ropa:read opaque token on a mutation: FORBIDDEN', async () => {
    assertForbidden(await post(T.readerOpaque, Q.upsertOrganization, { input: { externalId: 'ci-reader-org', name: 'Nope Oy' } }), 'opaque reader mutation');
  });

  test('ropa:write opaque token runs a mutation; on auditEvents FORBIDDEN', async () => {
    const { upsertOrganization: p } = await gql(T.writerOpaque, Q.upsertOrganization, { input: { externalId: 'ci-vendor-wo', name: 'Opaque Vendor Oy' } });
    ok(p, 'opaque writer upsertOrganization');
    assertForbidden(await post(T.writerOpaque, Q.audit), 'opaque writer auditEvents');
  });

  test('ropa:admin opaque token reads the audit trail; the subject is the client id', async () => {
    const { auditEvents } = await gql(T.adminOpaque, Q.audit, { subject: CLIENTS.writer.id });
    assert.ok(auditEvents.totalCount >= 2, 'JWT and opaque writer changes both recorded under ci-writer');
  });

  test('opaque token for another audience: 401 invalid_token', async () => {
    assertInvalidToken(await post(T.otherAudienceOpaque, Q.registers), 'opaque other audience');
  });

  test('opaque token revoked before first use: 401 invalid_token', async () => {
    const fresh = await token(CLIENTS.reader, { resource: RESOURCES.opaque });
    await revoke(CLIENTS.reader, fresh);
    assertInvalidToken(await post(fresh, Q.registers), 'revoked opaque token');
  });

  test('opaque token revoked after use: refused once the introspection cache lapses (--introspection-cache-s 2)', async () => {
    const used = await token(CLIENTS.reader, { resource: RESOURCES.opaque });
    await gql(used, Q.registers);
    await revoke(CLIENTS.reader, used);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assertInvalidToken(await post(used, Q.registers), 'opaque token revoked after use');
  });

  test('opaque token with no resource (no audience, no ropa scope) can do nothing', async () => {
    const r = await post(T.noResourceOpaque, Q.registers);
    if (r.status === 401) assertInvalidToken(r, 'no-resource opaque token');
    else assertForbidden(r, 'no-resource opaque token');
  });
});

// ---------------------------------------------------------------------------
// Controller isolation: tokens carrying ropa_controllers. These need the
// isolation work in ropagraph; before it, such tokens are refused with 401
// and every test here fails.

describe('controller isolation (ropa_controllers)', () => {
  const keys = (nodes) => nodes.map((n) => n.externalId).sort();
  const sides = [
    { name: 'controller A (JWT, claim as array)', tok: () => T.controllerA, own: ORG_A, other: ORG_B, ownRegs: ['ci-reg-a1', 'ci-reg-a2'], otherRegs: ['ci-reg-b1'] },
    { name: 'controller B (JWT, claim as string)', tok: () => T.controllerB, own: ORG_B, other: ORG_A, ownRegs: ['ci-reg-b1'], otherRegs: ['ci-reg-a1', 'ci-reg-a2'] },
    { name: 'controller A (opaque, via introspection)', tok: () => T.controllerAOpaque, own: ORG_A, other: ORG_B, ownRegs: ['ci-reg-a1', 'ci-reg-a2'], otherRegs: ['ci-reg-b1'] },
    { name: 'controller B (opaque, via introspection)', tok: () => T.controllerBOpaque, own: ORG_B, other: ORG_A, ownRegs: ['ci-reg-b1'], otherRegs: ['ci-reg-a1', 'ci-reg-a2'] },
  ];

  for (const side of sides) {
    describe(side.name, () => {
      test('registers lists only its own registers, and totalCount counts only them', async () => {
        const { registers } = await gql(side.tok(), Q.registers);
        assert.deepEqual(keys(registers.nodes), side.ownRegs);
        assert.equal(registers.totalCount, side.ownRegs.length);
        assert.ok(registers.nodes.every((r) => r.controller?.externalId === side.own));
      });

      test('organizations(filter: {role: CONTROLLER}) lists only its own controller', async () => {
        const { organizations } = await gql(side.tok(), Q.controllers);
        assert.deepEqual(keys(organizations.nodes), [side.own]);
        assert.equal(organizations.totalCount, 1);
      });

      test('organizations lists neither the other controller nor vendors its registers do not name', async () => {
        const { organizations } = await gql(side.tok(), Q.organizations);
        const seen = keys(organizations.nodes);
        assert.ok(!seen.includes(side.other), `sees ${side.other}: ${seen}`);
        assert.ok(!seen.includes('ci-vendor-w'), `sees an unrelated vendor: ${seen}`);
        assert.equal(organizations.totalCount, organizations.nodes.length);
      });

      test('registers(filter: {externalId}) of the other controller\'s register: none', async () => {
        const { registers } = await gql(side.tok(), Q.registerByKey, { key: side.otherRegs[0] });
        assert.equal(registers.totalCount, 0);
        assert.deepEqual(registers.nodes, []);
      });

      test('node(id:) of its own register answers; of the other\'s register or controller it is null, like an id that names nothing', async () => {
        const own = await gql(side.tok(), Q.node, { id: seed[side.ownRegs[0]].id });
        assert.equal(own.node?.externalId, side.ownRegs[0]);
        for (const id of [seed[side.otherRegs[0]].id, seed[side.other], seed.ghost.id]) {
          const r = await post(side.tok(), Q.node, { id });
          assert.equal(r.status, 200, show(r));
          assert.deepEqual(r.body, { data: { node: null } }, `node(${id}): ${show(r)}`);
        }
      });

      test('nodes(ids:) answers null in the other controller\'s places', async () => {
        const ids = [seed[side.ownRegs[0]].id, ...side.otherRegs.map((k) => seed[k].id), seed[side.other], seed.ghost.id];
        const { nodes } = await gql(side.tok(), Q.nodes, { ids });
        assert.equal(nodes.length, ids.length);
        assert.equal(nodes[0]?.externalId, side.ownRegs[0]);
        assert.deepEqual(nodes.slice(1), ids.slice(1).map(() => null));
      });

      test('updating or deleting the other controller\'s register: NOT_FOUND, exactly as for an id that names nothing, and nothing changes', async () => {
        const target = seed[side.otherRegs[0]];
        const update = (id, version) => post(side.tok(), Q.updateRegister, {
          input: { ...registerInput(target.externalId, side.own, 'taken over'), id, version },
        });
        const scrub = (r, id) => JSON.parse(JSON.stringify(r.body).replaceAll(id, '<ID>'));
        const theirs = await update(target.id, target.version);
        const nothing = await update(seed.ghost.id, target.version);
        assert.equal(theirs.status, 200, show(theirs));
        const payload = theirs.body.data?.updateRegister;
        assert.equal(payload?.register, null, show(theirs));
        assert.ok(payload.userErrors.some((e) => e.code === 'NOT_FOUND'), show(theirs));
        assert.deepEqual(scrub(theirs, target.id), scrub(nothing, seed.ghost.id));

        const del = await post(side.tok(), Q.deleteRegister, { input: { id: target.id } });
        const delNothing = await post(side.tok(), Q.deleteRegister, { input: { id: seed.ghost.id } });
        assert.equal(del.body.data?.deleteRegister?.deletedId, null, show(del));
        assert.ok(del.body.data.deleteRegister.userErrors.some((e) => e.code === 'NOT_FOUND'), show(del));
        assert.deepEqual(scrub(del, target.id), scrub(delNothing, seed.ghost.id));

        const { node } = await gql(T.admin, `query ($id: ID!) { node(id: $id) { ... on Register { ${REGISTER_FIELDS} note } } }`, { id: target.id });
        assert.equal(node?.version, target.version, 'the other controller\'s register is unchanged');
        assert.equal(node.controller.externalId, side.other);
        assert.notEqual(node.note, 'taken over');
      });

      test('creating a register for the other controller: FORBIDDEN, nothing created', async () => {
        const key = `ci-reg-intruder-${side.own}`;
        const r = await post(side.tok(), Q.createRegister, { input: registerInput(key, side.other) });
        assert.equal(r.status, 200, show(r));
        const payload = r.body.data?.createRegister;
        assert.equal(payload?.register, null, show(r));
        assert.ok(payload.userErrors.some((e) => e.code === 'FORBIDDEN'), show(r));
        const { registers } = await gql(T.admin, Q.registerByKey, { key });
        assert.equal(registers.totalCount, 0);
      });
    });
  }

  test('a token without the claim still sees both controllers', async () => {
    const { organizations } = await gql(T.reader, Q.controllers);
    const seen = keys(organizations.nodes);
    assert.ok(seen.includes(ORG_A) && seen.includes(ORG_B), `${seen}`);
  });
});

// ---------------------------------------------------------------------------

describe('expiry (waits for one-second tokens to pass the 30 s leeway)', () => {
  test('JWT and opaque tokens of ci-short-lived: accepted at first, 401 invalid_token once expired', async () => {
    // Both were issued in before(); with a TTL of one second they are already
    // past exp, but inside ropagraph's 30 s leeway for JWTs — unless this run
    // has been slow, in which case only the final check is meaningful.
    const withinLeeway = Date.now() / 1000 < shortLived.exp + 25;
    if (withinLeeway) {
      await gql(shortLived.jwt, Q.registers);
    }
    const until = (shortLived.exp + 32) * 1000;
    const wait = Math.max(0, until - Date.now());
    if (wait > 0) await new Promise((resolve) => { setTimeout(resolve, wait); });
    assertInvalidToken(await post(shortLived.jwt, Q.registers), 'expired short-lived JWT');
    assertInvalidToken(await post(shortLived.opaque, Q.registers), 'expired short-lived opaque token');
  });
});
