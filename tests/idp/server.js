// A real OpenID provider (the certified `oidc-provider` package) for the tests and the
// SSO demo. Started as `node server.js <config.json>`; prints one JSON line with its
// issuer once it listens. The config names the port (0 = any free one), the clients
// and the users with their passwords and groups.
//
// Besides the provider's own endpoints, three test-only endpoints drive situations a
// test needs and a real provider brings about on its own:
//   POST /test/user          JSON user {login, password, sub, email, name, groups, roles}
//   POST /test/rotate        replace the signing key (the old one leaves the JWKS)
//   POST /test/tamper        JSON claims to overwrite in the next ID token ({} = none)
//   POST /test/logout-token  JSON claims -> a logout token signed with the current key
//                            ({"foreign_key": true} signs with a key not in the JWKS)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const users = new Map((config.users || []).map((user) => [user.login, user]));
let signingKey;
let provider;
let tamper = {};

async function newKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function claimsOf(user) {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    groups: user.groups || [],
    roles: user.roles || [],
  };
}

function makeProvider(issuer) {
  const instance = new Provider(issuer, {
    clients: config.clients || [],
    jwks: { keys: [signingKey] },
    findAccount: (ctx, id) => {
      const user = [...users.values()].find((candidate) => candidate.sub === id);
      return user && { accountId: id, claims: () => claimsOf(user) };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
      roles: ['roles'],
    },
    scopes: ['openid', 'email', 'profile', 'groups', 'roles'],
    // The groups and roles belong in the ID token, as with Entra ID and Keycloak.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      // Open dynamic registration: each test registers the client of its own
      // municipality's configuration, with that configuration's redirect URI.
      registration: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    cookies: { keys: ['test-idp-cookie-key'] },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  instance.proxy = true;
  instance.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body && ctx.body.id_token && Object.keys(tamper).length) {
      const claims = { ...decodeJwt(ctx.body.id_token), ...tamper };
      ctx.body = { ...ctx.body, id_token: await sign(claims, signingKey) };
      tamper = {};
    }
  });
  return instance;
}

async function sign(claims, key) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: claims.events ? 'logout+jwt' : 'JWT' })
    .sign(await importJWK(key, 'RS256'));
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, message) {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Test-Anmeldedienst</title></head><body><main>
<h1>Test-Anmeldedienst</h1>${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Benutzername <input name="login" autocomplete="username" required></label>
<label>Passwort <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Anmelden</button></form></main></body></html>`;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (action !== 'login') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const user = users.get(form.get('login'));
  if (!user || user.password !== form.get('password')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid, 'Benutzername oder Passwort falsch.'));
    return;
  }
  // Test users consent to whatever the client asks for.
  const grant = new provider.Grant({ accountId: user.sub, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function testEndpoint(req, res, path) {
  const body = JSON.parse((await readBody(req)) || '{}');
  let answer = {};
  if (path === '/test/user') {
    users.set(body.login, body);
  } else if (path === '/test/rotate') {
    signingKey = await newKey();
    provider = makeProvider(provider.issuer);
    answer = { kid: signingKey.kid };
  } else if (path === '/test/tamper') {
    tamper = body;
  } else if (path === '/test/logout-token') {
    const { foreign_key: foreign, ...claims } = body;
    const now = Math.floor(Date.now() / 1000);
    const key = foreign ? await newKey() : signingKey;
    answer = {
      logout_token: await sign(
        { iss: provider.issuer, iat: now, exp: now + 120, jti: randomUUID(), ...claims },
        key,
      ),
    };
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer));
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://idp');
  const match = url.pathname.match(/^\/interaction\/([\w-]+)(?:\/(login))?$/);
  try {
    if (req.method === 'POST' && url.pathname.startsWith('/test/')) {
      await testEndpoint(req, res, url.pathname);
    } else if (match) {
      await interaction(req, res, match[1], req.method === 'POST' ? match[2] : undefined);
    } else {
      provider.callback()(req, res);
    }
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
}

signingKey = await newKey();
const server = createServer(handle);
server.listen(config.port || 0, config.host || '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = config.issuer || `http://${config.host || '127.0.0.1'}:${port}`;
  provider = makeProvider(issuer);
  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
