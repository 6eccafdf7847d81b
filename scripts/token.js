#!/usr/bin/env node
// Prints a signed HS256 token for local use: npm run token -- --role recruiter --sub u1 [--name "Ana"] [--ttl 8h]
const { parseArgs } = require('node:util');
const { JwtService } = require('@nestjs/jwt');

const ROLES = ['recruiter', 'hiring_manager', 'interviewer', 'viewer', 'admin'];
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'recruiter' },
    sub: { type: 'string', default: 'u1' },
    name: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});
if (!ROLES.includes(values.role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exit(2);
}
// The same default the API uses when JWT_SECRET is unset outside production.
const secret = process.env.JWT_SECRET ?? 'development-secret-do-not-use-in-production';
const claims = { sub: values.sub, role: values.role, ...(values.name ? { name: values.name } : {}) };
console.log(new JwtService({ secret }).sign(claims, { algorithm: 'HS256', expiresIn: values.ttl }));
