// The graphql-http server audits (GraphQL over HTTP specification) against a
// running ropagraph: every MUST and SHOULD has to pass; MAY items are listed.
// Usage: node graphql-http-audit.mjs URL TOKEN
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const audit of serverAudits({ url, fetchFn })) {
  const result = await audit.fn();
  counts[result.status] = (counts[result.status] || 0) + 1;
  if (result.status !== 'ok') {
    console.log(`${result.status.toUpperCase()} ${audit.name}: ${result.reason}`);
  }
}
console.log(`graphql-http audit: ${counts.ok} ok, ${counts.notice} notice (MAY), ${counts.warn} warn (SHOULD), ${counts.error} error (MUST)`);
console.log(`graphql-http: ${counts.ok} passed, ${counts.warn + counts.error} failed`);
process.exit(counts.warn + counts.error > 0 ? 1 : 0);
